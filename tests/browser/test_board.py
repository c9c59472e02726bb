"""/board in a real browser at the arranged office's frozen time (Monday 10:00 in Paris).

Paul's open tasks: three overdue, two later today (10:10 and 13:00), one on Wednesday.
"""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.wait import WebDriverWait

from tests import factories as f
from tests.browser.pages import RelanceBrowser
from tests.browser.test_counters import wait_for_counters

COLUMNS = ("overdue", "today", "this-week", "next-week", "later", "no-date")


@pytest.fixture
def world(relance_notes_app):
    return relance_notes_app


@pytest.fixture
def browser(dash_duo, world):
    return RelanceBrowser(dash_duo, world[0])


def column_counts(browser) -> tuple[str, ...]:
    return tuple(browser.text(f"board-col-{c}-count") for c in COLUMNS)


def wait_for_columns(browser, expected: tuple[str, ...]) -> None:
    WebDriverWait(browser.driver, 10).until(
        lambda _driver: column_counts(browser) == expected,
        message=f"the column counts never became {expected}",
    )


def cards_in(browser, column: str) -> list[str]:
    return [
        card.get_attribute("data-note-id")
        for card in browser.driver.find_elements(
            By.CSS_SELECTOR, f"#board-col-{column} .board-card"
        )
    ]


def move(browser, note_id: int, label: str) -> None:
    """Open the card's "Move to" menu and pick a column, as a user does."""
    card = f"#board [data-note-id='{note_id}']"
    toggle = browser.driver.find_element(By.CSS_SELECTOR, f"{card} .board-move .dropdown-toggle")
    browser.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", toggle)
    toggle.click()
    item = WebDriverWait(browser.driver, 5).until(
        EC.element_to_be_clickable(
            (
                By.XPATH,
                f"//*[@data-note-id='{note_id}']//*[contains(@class, 'dropdown-item')]"
                f"[normalize-space(.)='{label}']",
            )
        )
    )
    item.click()


def test_moving_a_card_from_today_to_next_week_moves_the_counts(browser, world):
    _app, scenario, settings = world
    catalogue = settings.notes["Paul: envoyer le catalogue"]
    browser.open("/board")
    browser.login(scenario.people["paul"].email, f.PASSWORD)
    browser.wait_for_path("/board")
    wait_for_columns(browser, ("3", "2", "1", "0", "0", "0"))
    wait_for_counters(browser, ("0", "4", "4"))
    assert str(catalogue) in cards_in(browser, "today")

    move(browser, catalogue, "Semaine prochaine")

    wait_for_columns(browser, ("3", "1", "1", "1", "0", "0"))
    assert cards_in(browser, "next-week") == [str(catalogue)]
    wait_for_counters(browser, ("0", "4", "3"))
    assert "Tâche n°" in browser.text("board-message")
    assert browser.no_severe_logs()
