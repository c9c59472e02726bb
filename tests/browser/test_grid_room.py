"""/notes at 1600×1000 gives the grid the room: the filter panel, the bulk bar and the overdue
section fold away, each user's choice is kept for their next visit, and the text search
filters as the user types (once they pause), without Enter.

Marie manages Paul and Lea; here Paul also wrote 40 visit notes, so that Marie's grid holds
more rows (51) than any window shows."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from components import ids
from data.models import Customer, User
from tests import factories as f
from tests.browser.office import MARIE_DEFAULT_TOTAL, World, arrange_notes, serve
from tests.browser.pages.frame import DESKTOP, Frame

VISITS = 40
MARIE_TOTAL = MARIE_DEFAULT_TOTAL + VISITS
ALL_PARTS = ["notes-bulk", "notes-filters", "notes-overdue"]


def arrange_busy_notes(s):
    scenario, settings = arrange_notes(s)
    paul = s.scalars(select(User).where(User.email == scenario.people["paul"].email)).one()
    bakery = s.scalars(select(Customer).where(Customer.name == "Boulangerie Martin")).one()
    for n in range(VISITS):
        f.note(s, paul, f"Paul: compte rendu de visite n° {n + 1}", customer=bakery)
    return scenario, settings


@pytest.fixture
def world(tmp_path, monkeypatch):
    app, (scenario, settings) = serve(tmp_path, monkeypatch, arrange_busy_notes)
    world = World(app, scenario, settings)
    yield world
    world.dispose()


def open_full_grid(notes, frame, email):
    notes.open_as(email)
    assert notes.wait_for_total(MARIE_TOTAL) == MARIE_TOTAL
    notes.grid.wait_until(lambda rows: len(rows) >= 15, "the grid never drew 15 rows")
    frame.browser.wait_until(lambda: frame.visible_rows() >= 5, "no row in view")


def test_folded_parts_give_the_grid_room_and_stay_folded_for_that_user(browser, notes, scenario):
    frame = Frame(browser)
    frame.resize(DESKTOP)
    open_full_grid(notes, frame, scenario.people["marie"].email)
    assert frame.folded() == []
    unfolded_top = frame.grid_top()

    for part in ALL_PARTS:
        frame.fold(part)
        # Each fold moves what is below it: the next button is clicked where it has landed.
        browser.wait_until(lambda part=part: part in frame.folded(), f"{part} never folded")
    assert frame.folded() == ALL_PARTS
    frame.wait_until_saved(ALL_PARTS)
    assert not frame.drawn(f"#{ids.FILTER_STATUS}")  # the panel has folded away
    assert not frame.drawn(f"#{ids.BULK_PREVIEW}")  # the bulk bar keeps its first line only
    assert frame.drawn(f"#{ids.BULK_SELECTED}")
    assert not frame.drawn(f"#{ids.OVERDUE_LIST}")
    assert frame.grid_top() < 260 < unfolded_top
    assert frame.visible_rows() >= 15

    browser.reload()  # kept for Marie: the page comes back folded
    notes.wait_for_total(MARIE_TOTAL)
    assert frame.folded() == ALL_PARTS
    browser.wait_until(lambda: frame.visible_rows() >= 15, "fewer than 15 rows in view")
    assert frame.grid_top() < 260

    frame.fold("notes-filters")  # unfolded again, and kept so
    frame.wait_until_saved(["notes-bulk", "notes-overdue"])
    browser.reload()
    notes.wait_for_total(MARIE_TOTAL)
    assert frame.folded() == ["notes-bulk", "notes-overdue"]
    assert frame.drawn(f"#{ids.FILTER_STATUS}")
    assert browser.no_severe_logs()


def test_another_user_keeps_their_own_choice(browser, notes, scenario):
    frame = Frame(browser)
    frame.resize(DESKTOP)
    open_full_grid(notes, frame, scenario.people["marie"].email)
    frame.fold("notes-overdue")
    frame.wait_until_saved(["notes-overdue"])
    browser.sign_out()

    notes.open_as(scenario.people["paul"].email)
    assert frame.folded() == []
    assert frame.drawn(f"#{ids.OVERDUE_LIST}")
    assert browser.no_severe_logs()


def test_text_search_filters_as_the_user_types(browser, notes, scenario):
    frame = Frame(browser)
    frame.resize(DESKTOP)
    open_full_grid(notes, frame, scenario.people["marie"].email)

    browser.element(ids.FILTER_TEXT).send_keys("visite n° 1")  # no Enter, the focus stays

    assert notes.wait_for_total(11) == 11  # n° 1 and n° 10 to n° 19
    rows = notes.grid.wait_until(lambda rows: len(rows) == 11, "11 rows")
    assert all("visite n° 1" in text for text in rows.values())
    assert browser.driver.switch_to.active_element.get_attribute("id") == ids.FILTER_TEXT
    assert "q=" in browser.path
    assert browser.no_severe_logs()
