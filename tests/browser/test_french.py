"""French done right, as a French-speaking user sees it: calendars in French with weeks
starting on Monday (in any browser), days typed as 05/12/2026, rates as "39,4 %"."""

from __future__ import annotations

from components import ids
from tests.browser.office import MARIE_DEFAULT_TOTAL
from tests.browser.pages.analytics import AnalyticsPage
from tests.browser.pages.base import ENGLISH_BROWSER

FRENCH_MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]
FRENCH_WEEK = ["lu", "ma", "me", "je", "ve", "sa", "di"]
FRENCH_CALENDAR = {"months": FRENCH_MONTHS, "days": FRENCH_WEEK}


def test_every_date_picker_on_notes_speaks_french_and_starts_on_monday(notes, scenario):
    browser = notes.browser
    notes.open_as(scenario.people["marie"].email)
    notes.wait_for_total(MARIE_DEFAULT_TOTAL)

    assert browser.open_calendar(ids.FILTER_DATE_RANGE) == FRENCH_CALENDAR
    assert browser.open_calendar(ids.BULK_DATE) == FRENCH_CALENDAR
    assert browser.attribute(ids.BULK_DATE, "placeholder") == "jj/mm/aaaa"

    notes.form.start_new()
    assert browser.open_calendar(ids.NOTE_DUE) == FRENCH_CALENDAR
    notes.form.set_due("2026-12-05")  # typed as a French user writes it: 05/12/2026
    assert browser.attribute(ids.NOTE_DUE, "value") == "05/12/2026"
    assert notes.form.value("due") == "2026-12-05"
    assert browser.no_severe_logs()


def test_a_french_user_in_an_english_browser_still_reads_french_calendars(browser, notes, scenario):
    browser.set_language(ENGLISH_BROWSER)
    notes.open_as(scenario.people["marie"].email)
    notes.wait_for_total(MARIE_DEFAULT_TOTAL)
    assert browser.open_calendar(ids.FILTER_DATE_RANGE) == FRENCH_CALENDAR
    assert browser.no_severe_logs()


def test_analytics_dates_and_rates_are_french(browser, scenario):
    analytics = AnalyticsPage(browser)
    analytics.open_as(scenario.people["marie"].email)
    summary = analytics.wait_for_summary("4")
    # Completed of those due, completed on time: one decimal, a comma, a (no-break) space.
    assert summary[2:4] == ["20,0 %", "0,0 %"]
    assert browser.open_calendar(ids.ANALYTICS_FROM) == FRENCH_CALENDAR
    assert browser.no_severe_logs()


def test_a_note_says_who_wrote_it_and_when_then_who_changed_it(notes, scenario, settings):
    """Help page 001: notes carry their author's name and time, here in Marie's zone (Paris)
    and language."""
    visit = settings.notes["Paul: visite trimestrielle"]
    notes.open_as(scenario.people["marie"].email)
    notes.wait_for_total(MARIE_DEFAULT_TOTAL)
    notes.grid.wait_until(lambda rows: visit in rows, "the task is not in the grid")

    notes.open_note(visit)
    # Written a day before the frozen Monday 10:00 in Paris.
    assert notes.browser.text(ids.NOTE_WRITTEN) == "Écrite par Paul Rep, le 22 nov. 2026 10:00"
    notes.form.type_body(" (vu avec Marie)")
    notes.form.save()
    notes.form.wait_until_closed()

    notes.open_note(visit)
    notes.browser.wait_for_text(
        ids.NOTE_WRITTEN,
        "Écrite par Paul Rep, le 22 nov. 2026 10:00"
        " · dernière modification par Marie Manager, le 23 nov. 2026 10:00",
    )
    assert notes.browser.no_severe_logs()
