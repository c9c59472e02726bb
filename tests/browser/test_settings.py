"""/settings in a real browser: a bad threshold is refused next to the field; a good one
moves the counters at once (Paul, Monday 10:00 Paris: planned 4 with 15 minutes; with four
hours his 13:00 task counts too)."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from tests import factories as f
from tests.browser.pages import RelanceBrowser
from tests.browser.test_counters import wait_for_counters


@pytest.fixture
def world(relance_notes_app):
    return relance_notes_app


@pytest.fixture
def browser(dash_duo, world):
    return RelanceBrowser(dash_duo, world[0])


def type_threshold(browser, value: str) -> None:
    field = browser.driver.find_element(By.ID, "settings-threshold")
    field.clear()
    field.send_keys(value)


def test_the_planned_threshold_moves_the_counter_at_once(browser, world):
    _app, scenario, _settings = world
    browser.open("/settings")
    browser.login(scenario.people["paul"].email, f.PASSWORD)
    browser.wait_for_path("/settings")
    wait_for_counters(browser, ("0", "4", "4"))

    type_threshold(browser, "0")
    browser.click("settings-save")
    browser.wait_for_text_containing("settings-error-threshold", "de 1 à 1440")
    assert "Rien n'a été enregistré" in browser.text("settings-message")
    wait_for_counters(browser, ("0", "4", "4"))

    type_threshold(browser, "240")
    browser.click("settings-save")
    browser.wait_for_text_containing("settings-message", "Paramètres enregistrés.")
    assert browser.text("settings-error-threshold") == ""
    wait_for_counters(browser, ("0", "5", "4"))
    assert browser.no_severe_logs()
