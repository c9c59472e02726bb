"""/notes in a real browser: the filter panel and the URL, the grid, the note form.

Marie manages Paul and Lea: by default she sees their 11 notes that are neither completed
nor deleted (10 open tasks and one plain note), never Omar's. The statuses, actions and
variables come from `relance_notes_app` (conftest.NOTE_STATUSES says which note has which).
"""

from __future__ import annotations

import time
from urllib.parse import parse_qs, urlsplit

import pytest
from flask import request
from selenium.webdriver.common.by import By
from selenium.webdriver.support.wait import WebDriverWait

from tests import factories as f
from tests.browser.conftest import XSS_BODY
from tests.browser.pages import Grid, RelanceBrowser

MARIE_DEFAULT_TOTAL = 11
MARIE_OVERDUE = 4  # Paul's three (one is the markup body) and Lea's one
SLOW_LISTS_SECONDS = 0.6


@pytest.fixture
def world(relance_notes_app):
    return relance_notes_app


@pytest.fixture
def browser(dash_duo, world):
    app, _scenario, _settings = world
    return RelanceBrowser(dash_duo, app)


@pytest.fixture
def slow_lists(world):
    """The filter panel's lists (statuses, people…) answer late, as they do from a busy
    database: the panel then renders before its options arrive. Without this the order is
    a race that the async dropdown bundle being cached or not decides."""
    app = world[0]

    def delay_filter_lists():
        if request.path.endswith("/_dash-update-component"):
            payload = request.get_json(silent=True) or {}
            if "filter-status.options" in str(payload.get("output", "")):
                time.sleep(SLOW_LISTS_SECONDS)

    app.server.before_request(delay_filter_lists)


@pytest.fixture
def slow_browser(slow_lists, dash_duo, world):
    """`browser` over a server whose filter lists answer late (registered before it starts)."""
    return RelanceBrowser(dash_duo, world[0])


@pytest.fixture
def scenario(world):
    return world[1]


@pytest.fixture
def settings(world):
    return world[2]


@pytest.fixture
def grid(browser):
    return Grid(browser)


def on_notes(browser, person, path: str = "/notes") -> RelanceBrowser:
    """Open `path` signed out, sign in on the way (the page comes back with its query),
    and wait until the total and the grid have loaded."""
    browser.open(path)
    browser.login(person.email, f.PASSWORD)
    browser.wait_for_path(path)
    wait_for_total(browser)
    return browser


def wait_for_total(browser, expected: int | None = None) -> int:
    """Until `notes-total` shows digits (the layout starts with '…'), or `expected`."""
    if expected is None:
        browser.duo.wait_for_element("#notes-total")
        WebDriverWait(browser.driver, 10).until(
            lambda _driver: browser.text("notes-total").isdigit(),
            message="#notes-total never showed a number",
        )
    else:
        browser.wait_for_text("notes-total", str(expected), timeout=10)
    return int(browser.text("notes-total"))


def query_of(browser) -> dict[str, list[str]]:
    return parse_qs(urlsplit(browser.driver.current_url).query)


def ids_of(settings, bodies) -> set[int]:
    return {settings.notes[body] for body in bodies}


def bodies_in(rows: dict[int, str]) -> str:
    return "\n".join(rows.values())


def wait_for_filter_lists(browser, settings) -> None:
    """Until the filter panel's status list has arrived from the server (all of it)."""
    WebDriverWait(browser.driver, 10).until(
        lambda _driver: (
            len(browser.prop("filter-status", "options") or []) == len(settings.statuses)
        ),
        message="the filter lists never loaded",
    )


def open_note(browser, grid, note_id: int) -> None:
    grid.click(note_id)
    browser.wait_for_modal(open_=True)
    WebDriverWait(browser.driver, 5).until(
        lambda _driver: (browser.prop("note-editing", "data") or {}).get("id") == note_id,
        message=f"the form never loaded note {note_id}",
    )
    assert browser.text("note-modal-title").endswith(str(note_id))  # "Modifier la note n°5"


# -- the filter panel and the URL -------------------------------------------------------------


def test_choosing_a_status_narrows_the_total_and_the_grid_and_writes_the_url(
    browser, grid, scenario, settings
):
    on_notes(browser, scenario.people["marie"])
    assert wait_for_total(browser, MARIE_DEFAULT_TOTAL) == MARIE_DEFAULT_TOTAL
    everything = grid.wait_until(lambda rows: len(rows) == MARIE_DEFAULT_TOTAL, "11 rows")
    in_progress = ids_of(settings, settings.by_status["En cours"])
    assert set(everything) > in_progress
    assert "status" not in query_of(browser)
    wait_for_filter_lists(browser, settings)

    browser.choose("filter-status", "En cours")

    assert wait_for_total(browser, len(in_progress)) == 3
    rows = grid.wait_for_rows(in_progress)
    assert all("En cours" in text for text in rows.values()), rows
    assert query_of(browser)["status"] == [str(settings.statuses["En cours"])]
    assert browser.dropdown_text("filter-status") == "En cours"
    assert browser.no_severe_logs()


def test_a_status_filter_goes_into_the_url_and_survives_a_reload(slow_browser, scenario, settings):
    browser, grid = slow_browser, Grid(slow_browser)
    on_notes(browser, scenario.people["marie"])
    assert wait_for_total(browser, MARIE_DEFAULT_TOTAL) == MARIE_DEFAULT_TOTAL
    everything = grid.wait_until(lambda rows: len(rows) == MARIE_DEFAULT_TOTAL, "11 rows")
    in_progress = ids_of(settings, settings.by_status["En cours"])
    assert set(everything) > in_progress
    wait_for_filter_lists(browser, settings)

    browser.choose("filter-status", "En cours")

    wait_for_total(browser, len(in_progress))
    rows = grid.wait_for_rows(in_progress)
    assert all("En cours" in text for text in rows.values()), rows
    status_id = str(settings.statuses["En cours"])
    assert query_of(browser)["status"] == [status_id]

    browser.driver.refresh()

    wait_for_filter_lists(browser, settings)
    assert browser.dropdown_text("filter-status") == "En cours"
    assert query_of(browser).get("status") == [status_id]
    wait_for_total(browser, len(in_progress))
    assert set(grid.wait_for_rows(in_progress)) == in_progress
    assert browser.no_severe_logs()


def test_a_bookmarked_filter_restores_the_panel_and_the_grid(slow_browser, scenario, settings):
    browser, grid = slow_browser, Grid(slow_browser)
    status_id = settings.statuses["En cours"]
    paul_id = settings.users[scenario.people["paul"].email]
    pauls_in_progress = ids_of(
        settings, [b for b in settings.by_status["En cours"] if b.startswith("Paul:")]
    )
    assert len(pauls_in_progress) == 2
    bookmark = f"/notes?status={status_id}&rep={paul_id}"

    on_notes(browser, scenario.people["marie"], bookmark)

    wait_for_filter_lists(browser, settings)
    assert browser.dropdown_text("filter-status") == "En cours"
    assert browser.dropdown_text("filter-rep") == "Paul Rep"
    assert wait_for_total(browser, 2) == 2
    grid.wait_for_rows(pauls_in_progress)
    assert browser.path == bookmark
    assert browser.text("filter-error") == ""
    for note_id in pauls_in_progress:
        assert grid.cell(note_id, "assignee") == "Paul Rep"
    assert browser.no_severe_logs()


def test_a_bad_date_in_the_url_is_reported_and_the_rest_of_the_filter_applies(
    browser, grid, scenario, settings
):
    on_notes(browser, scenario.people["marie"], "/notes?from=notadate")

    assert "notadate" in browser.wait_for_text_containing("filter-error", "notadate")
    assert wait_for_total(browser, MARIE_DEFAULT_TOTAL) == MARIE_DEFAULT_TOTAL
    grid.wait_until(lambda rows: len(rows) == MARIE_DEFAULT_TOTAL, "the grid stayed empty")

    # The valid part of a bad URL applies.
    browser.open("/notes?from=notadate&overdue=1")
    browser.wait_for_text_containing("filter-error", "notadate")
    wait_for_total(browser, MARIE_OVERDUE)
    rows = grid.wait_until(lambda rows: len(rows) == MARIE_OVERDUE, "not only the overdue")
    assert set(rows) == set(scenario.overdue["marie"])
    assert browser.prop("filter-overdue", "value") is True
    assert browser.no_severe_logs()


# -- the note form ---------------------------------------------------------------------------


def test_marie_creates_a_task_for_paul_then_completes_it_from_its_row(
    browser, grid, scenario, settings
):
    body = "Rappeler Martin pour la commande de Noël"
    on_notes(browser, scenario.people["marie"])
    wait_for_total(browser, MARIE_DEFAULT_TOTAL)

    browser.click("note-new")
    browser.wait_for_modal(open_=True)
    browser.driver.find_element(By.ID, "note-body").send_keys(body)
    browser.choose("note-assignee", "Paul Rep")
    browser.set_date("note-due", "2026-11-25")
    assert browser.prop("note-due", "value") == "2026-11-25"
    browser.screenshot("notes-form-new")
    browser.click("note-save")

    browser.wait_for_modal(open_=False)
    wait_for_total(browser, MARIE_DEFAULT_TOTAL + 1)
    rows = grid.wait_until(lambda rows: body in bodies_in(rows), "the new note never showed")
    (new_id,) = [note_id for note_id, text in rows.items() if body in text]
    assert grid.cell(new_id, "assignee") == "Paul Rep"
    # The date reached the server: 25 November at 09:00 (the default time), Paris time.
    assert grid.cell(new_id, "due_at") == "25 nov. 2026 09:00"

    open_note(browser, grid, new_id)
    assert browser.driver.find_element(By.ID, "note-body").get_attribute("value") == body
    browser.click("note-complete")

    browser.wait_for_modal(open_=False)
    wait_for_total(browser, MARIE_DEFAULT_TOTAL)
    grid.wait_until(lambda rows: new_id not in rows, "the completed task stayed in the grid")
    assert body not in bodies_in(grid.rows())
    assert browser.no_severe_logs()


def test_an_empty_body_is_refused_next_to_the_field_and_nothing_is_saved(browser, grid, scenario):
    on_notes(browser, scenario.people["marie"])
    wait_for_total(browser, MARIE_DEFAULT_TOTAL)

    browser.click("note-new")
    browser.wait_for_modal(open_=True)
    browser.choose("note-assignee", "Lea Rep")
    browser.set_date("note-due", "2026-11-26")
    browser.click("note-save")

    WebDriverWait(browser.driver, 10).until(
        lambda _driver: browser.text("note-error-body").strip() != "",
        message="#note-error-body never showed a message",
    )
    assert "obligatoire" in browser.text("note-error-body")  # Marie reads French
    assert browser.text("note-message") != ""
    assert browser.modal_open()
    assert browser.text("notes-total") == str(MARIE_DEFAULT_TOTAL)
    assert len(grid.rows()) == MARIE_DEFAULT_TOTAL
    assert browser.no_severe_logs()


def test_complete_and_new_note_keeps_the_form_open_on_the_same_customer(
    browser, grid, scenario, settings
):
    visit = settings.notes["Paul: visite trimestrielle"]
    bakery = settings.customers["Boulangerie Martin"]
    on_notes(browser, scenario.people["marie"])
    wait_for_total(browser, MARIE_DEFAULT_TOTAL)
    grid.wait_until(lambda rows: visit in rows, "the task is not in the grid")

    open_note(browser, grid, visit)
    browser.click("note-complete-new")

    wait_for_total(browser, MARIE_DEFAULT_TOTAL - 1)
    assert browser.modal_open()
    browser.wait_for_text("note-modal-title", "Nouvelle note")
    assert browser.prop("note-customer", "value") == bakery
    assert browser.dropdown_text("note-customer").startswith("Boulangerie Martin")
    assert browser.driver.find_element(By.ID, "note-body").get_attribute("value") == ""
    assert "Tâche terminée" in browser.text("note-message")
    grid.wait_until(lambda rows: visit not in rows, "the completed task stayed in the grid")
    assert browser.no_severe_logs()


def test_marie_reassigns_one_of_pauls_tasks_to_lea(browser, grid, scenario, settings):
    catalogue = settings.notes["Paul: envoyer le catalogue"]
    on_notes(browser, scenario.people["marie"])
    wait_for_total(browser, MARIE_DEFAULT_TOTAL)
    assert grid.cell(catalogue, "assignee") == "Paul Rep"

    open_note(browser, grid, catalogue)
    browser.screenshot("notes-form-task")
    browser.choose("reassign-rep", "Lea Rep")
    browser.click("reassign-submit")

    message = browser.wait_for_text_containing("reassign-message", "Lea Rep")
    assert "réassignée" in message, message
    grid.wait_for_cell(catalogue, "assignee", "Lea Rep")
    assert browser.text("notes-total") == str(MARIE_DEFAULT_TOTAL)
    assert browser.no_severe_logs()


# -- markup in a body --------------------------------------------------------------------------


def test_a_body_holding_markup_is_text_in_the_grid_and_the_overdue_section(browser, grid, scenario):
    on_notes(browser, scenario.people["marie"])
    wait_for_total(browser, MARIE_DEFAULT_TOTAL)
    grid.wait_until(lambda rows: scenario.xss_note_id in rows, "the XSS note is not in the grid")

    assert grid.cell(scenario.xss_note_id, "body") == XSS_BODY
    browser.wait_for_text_containing("overdue-list", XSS_BODY)
    assert grid.count("img") == 0
    assert browser.count("#overdue-list img") == 0
    browser.screenshot("notes-page")
    # An onerror handler would fire once the broken image fails: give it time to.
    assert browser.stays_unset("window.__xss", seconds=1.0)
    assert browser.no_severe_logs()
