"""The counters in a real browser, at the frozen time of the arranged office (10:00 Paris).

Paul's open tasks: three overdue (2 days, 3 hours and 1 hour ago), one due in 10 minutes,
one in 3 hours, one in 2 days. Planned (before 10:15): 4. Today (Paris day): the two due
earlier this morning, the 10:10 and the 13:00 ones: 4. No incoming activity.
"""

from __future__ import annotations

import pytest
from selenium.webdriver.support.wait import WebDriverWait

from tests import factories as f
from tests.browser.pages import Grid, RelanceBrowser
from tests.browser.test_notes_page import open_note


@pytest.fixture
def world(relance_notes_app):
    return relance_notes_app


@pytest.fixture
def browser(dash_duo, world):
    return RelanceBrowser(dash_duo, world[0])


def counters_shown(browser) -> tuple[str, str, str]:
    return tuple(browser.text(f"counter-{name}") for name in ("incoming", "planned", "today"))


def wait_for_counters(browser, expected: tuple[str, str, str]) -> None:
    WebDriverWait(browser.driver, 10).until(
        lambda _driver: counters_shown(browser) == expected,
        message=f"the counters never showed {expected}",
    )


def test_pauls_counters_list_exactly_what_they_count_and_follow_his_changes(browser, world):
    _app, scenario, settings = world
    browser.open("/")
    browser.login(scenario.people["paul"].email, f.PASSWORD)
    browser.wait_for_path("/")
    wait_for_counters(browser, ("0", "4", "4"))

    browser.click("counter-planned-link")

    browser.wait_for_path("/notes?counter=planned")
    browser.wait_for_text("notes-total", "4", timeout=10)
    grid = Grid(browser)
    planned = {
        settings.notes["Paul: relancer le devis de mars"],
        settings.notes["Paul: rappeler la gérante"],
        settings.notes["Paul: confirmer la livraison"],
        scenario.xss_note_id,
    }
    assert set(grid.wait_for_rows(planned)) == planned
    assert browser.prop("filter-counter", "value") == "planned"
    wait_for_counters(browser, ("0", "4", "4"))

    # Completing one of them: the grid, its total and the counters follow at once.
    open_note(browser, grid, settings.notes["Paul: relancer le devis de mars"])
    browser.click("note-complete")
    browser.wait_for_modal(open_=False)
    browser.wait_for_text("notes-total", "3", timeout=10)
    wait_for_counters(browser, ("0", "3", "4"))  # due two days ago: not today's
    assert browser.no_severe_logs()
