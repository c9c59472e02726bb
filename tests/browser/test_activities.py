"""Incoming activities on My day: the list is the Incoming counter; close one; make a task
of another (the note form opens with its customer and subject)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.wait import WebDriverWait

from data.db import Database
from data.models import Activity
from tests import factories as f
from tests.browser.pages import RelanceBrowser
from tests.browser.test_counters import wait_for_counters


@pytest.fixture
def world(relance_notes_app):
    app, scenario, settings = relance_notes_app
    database = Database(app.server.config["DATABASE_URL"])
    shop = settings.customers["Boulangerie Martin"]
    paul = settings.users["paul@test.relance"]
    with database.session() as s:
        for kind, subject, hours in (
            ("missed_call", "Appel manqué de la gérante", 1),
            ("email", "Demande de devis pour Noël", 2),
        ):
            s.add(
                Activity(
                    kind=kind,
                    subject=subject,
                    customer_id=shop,
                    responsible_id=paul,
                    received_at=f.FIXED_NOW - timedelta(hours=hours),
                )
            )
    database.dispose()
    return app, scenario, settings


@pytest.fixture
def browser(dash_duo, world):
    return RelanceBrowser(dash_duo, world[0])


def activity_ids(browser) -> list[str]:
    return [
        item.get_attribute("data-activity-id")
        for item in browser.driver.find_elements(By.CSS_SELECTOR, "#activities-list .activity-item")
    ]


def test_paul_closes_one_activity_and_turns_the_other_into_a_task(browser, world):
    _app, scenario, settings = world
    browser.open("/")
    browser.login(scenario.people["paul"].email, f.PASSWORD)
    browser.wait_for_path("/")
    wait_for_counters(browser, ("2", "4", "6"))  # today: 4 tasks + 2 activities
    browser.wait_for_text("activities-count", "2")
    WebDriverWait(browser.driver, 10).until(lambda _d: len(activity_ids(browser)) == 2)
    newest, older = activity_ids(browser)
    # Incoming is explained by this very list.
    incoming = browser.driver.find_element(By.ID, "counter-incoming-link")
    assert incoming.get_attribute("href").endswith("/#activities")

    close = browser.driver.find_element(By.CSS_SELECTOR, f"[data-activity-id='{newest}'] button")
    browser.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", close)
    close.click()

    wait_for_counters(browser, ("1", "4", "5"))
    browser.wait_for_text("activities-count", "1")
    assert activity_ids(browser) == [older]

    task = browser.driver.find_element(By.CSS_SELECTOR, f"[data-activity-id='{older}'] a")
    browser.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", task)
    task.click()
    browser.wait_for_path(f"/notes?task_from={older}")
    browser.wait_for_modal(open_=True)
    WebDriverWait(browser.driver, 10).until(
        lambda _d: browser.prop("note-body", "value") == "Demande de devis pour Noël"
    )
    assert browser.prop("note-customer", "value") == settings.customers["Boulangerie Martin"]
    # The assignee stays once the people list has arrived (it is not dropped by the list).
    WebDriverWait(browser.driver, 5).until(
        lambda _d: len(browser.prop("note-assignee", "options") or []) >= 2
    )
    assert browser.prop("note-assignee", "value") == settings.users["paul@test.relance"]
    assert browser.dropdown_text("note-assignee") == "Paul Rep"
    assert browser.no_severe_logs()
