"""On a phone (390×844 CSS pixels): the navbar folds its links behind a toggler, My day and
/notes fit the width with their counters and "New note" in sight, the filters open as a
drawer, the note form fits with its Save button in reach, and the board's columns sit side
by side and scroll sideways instead of making the page endless."""

from __future__ import annotations

from components import ids
from components.board import column_id
from tests.browser.office import MARIE_DEFAULT_TOTAL
from tests.browser.pages.board import BoardPage
from tests.browser.pages.frame import PHONE, Frame

WIDTH = PHONE[0]
COUNTERS = (ids.COUNTER_INCOMING, ids.COUNTER_PLANNED, ids.COUNTER_TODAY)


def test_my_day_fits_a_phone_and_its_menu_opens_from_the_toggler(browser, my_day, scenario):
    frame = Frame(browser)
    frame.resize(PHONE)
    my_day.open_as(scenario.people["paul"].email)

    assert frame.page_width() <= WIDTH
    assert all(frame.in_view(f"#{counter}") for counter in COUNTERS)
    assert frame.in_view(f"#{ids.NAVBAR_TOGGLER}")
    assert frame.in_view(f"#{ids.NAVBAR_BELL_COUNT}")
    assert frame.nav_links_drawn() == 0  # the links wait behind the toggler

    frame.open_menu()
    assert frame.nav_links_drawn() == 3  # My day, Notes, Board for a rep
    assert browser.attribute(ids.NAVBAR_TOGGLER, "aria-expanded") == "true"
    assert frame.page_width() <= WIDTH
    assert browser.no_severe_logs()


def test_notes_fit_a_phone_and_the_filters_open_as_a_drawer(browser, notes, scenario, settings):
    frame = Frame(browser)
    frame.resize(PHONE)
    notes.open_as(scenario.people["marie"].email)
    assert notes.wait_for_total(MARIE_DEFAULT_TOTAL) == MARIE_DEFAULT_TOTAL

    assert frame.page_width() <= WIDTH
    assert all(frame.in_view(f"#{counter}") for counter in COUNTERS)
    assert frame.in_view(f"#{ids.NOTE_NEW}")
    assert not frame.in_view(f"#{ids.FILTER_STATUS}")  # the filters wait in their drawer

    frame.open_filters()
    assert frame.page_width() <= WIDTH
    notes.filters.choose("status", "En cours")
    assert notes.wait_for_total(len(settings.by_status["En cours"])) == 3
    frame.close_filters()
    assert frame.in_view(f"#{ids.NOTE_NEW}")
    assert frame.page_width() <= WIDTH
    assert browser.no_severe_logs()


def test_the_note_form_fits_a_phone_with_save_in_reach(browser, notes, scenario):
    frame = Frame(browser)
    frame.resize(PHONE)
    notes.open_as(scenario.people["paul"].email)

    notes.form.start_new()
    assert frame.in_view(f"#{ids.NOTE_SAVE}")
    assert frame.in_view(f"#{ids.NOTE_BODY}")
    assert frame.page_width() <= WIDTH

    notes.form.save()  # an empty note: refused, with its message next to the field
    assert notes.form.wait_for_field_error("body")
    assert frame.in_view(f"#{ids.NOTE_SAVE}")
    assert browser.no_severe_logs()


def test_board_columns_sit_side_by_side_and_scroll_sideways_on_a_phone(browser, scenario):
    frame = Frame(browser)
    frame.resize(PHONE)
    board = BoardPage(browser).open_as(scenario.people["paul"].email)
    board.wait_for_columns(("3", "2", "1", "0", "0", "0"))

    assert frame.page_width() <= WIDTH
    overdue, today = frame.box(f"#{column_id('overdue')}"), frame.box(f"#{column_id('today')}")
    assert abs(overdue["top"] - today["top"]) < 2  # side by side, not stacked
    assert browser.driver.execute_script(
        "const b = document.getElementById(arguments[0]); return b.scrollWidth > b.clientWidth;",
        ids.BOARD,
    )
    assert browser.no_severe_logs()
