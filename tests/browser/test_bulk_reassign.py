"""Bulk reassign on /notes in a real browser: tick, preview, apply, undo; bad input.

Marie manages Paul and Lea. Lea has four open tasks; Marie hands three of them to Paul.
"""

from __future__ import annotations

import pytest
from selenium.webdriver.support.wait import WebDriverWait
from sqlalchemy import select

from data.db import Database
from data.models import Note, Notification
from tests import factories as f
from tests.browser.pages import Grid, RelanceBrowser

LEA_TASKS = (
    "Lea: chase the unpaid invoice",
    "Lea: call back the workshop",
    "Lea: send the new price list",
)


@pytest.fixture
def world(relance_notes_app):
    return relance_notes_app


@pytest.fixture
def browser(dash_duo, world):
    return RelanceBrowser(dash_duo, world[0])


def signed_in_on_notes(browser, person) -> Grid:
    browser.open("/notes")
    browser.login(person.email, f.PASSWORD)
    browser.wait_for_path("/notes")
    WebDriverWait(browser.driver, 10).until(
        lambda _driver: browser.text("notes-total").isdigit(), message="no total"
    )
    grid = Grid(browser)
    grid.wait_until(lambda rows: len(rows) == 11, "Marie's 11 notes never rendered")
    WebDriverWait(browser.driver, 10).until(
        lambda _driver: len(browser.prop("bulk-rep", "options") or []) >= 3,
        message="the bulk assignee list never loaded",
    )
    return grid


def assignees_in_database(world, note_ids) -> set[int]:
    database = Database(world[0].server.config["DATABASE_URL"])
    try:
        with database.session() as s:
            return set(s.scalars(select(Note.assignee_id).where(Note.id.in_(note_ids))))
    finally:
        database.dispose()


def test_marie_hands_three_of_leas_tasks_to_paul_then_undoes_it(browser, world):
    _app, scenario, settings = world
    chosen = [settings.notes[body] for body in LEA_TASKS]
    grid = signed_in_on_notes(browser, scenario.people["marie"])

    for note_id in chosen:
        grid.tick(note_id)
    WebDriverWait(browser.driver, 5).until(
        lambda _driver: grid.ticked() == set(chosen), message="the three rows never got ticked"
    )
    assert browser.text("bulk-selected") == "3"
    browser.choose("bulk-rep", "Paul Rep")
    browser.click("bulk-preview")

    preview = browser.wait_for_text_containing("bulk-result", "Aperçu : 3 tâches")
    assert "Paul Rep" in preview
    assert "Lea Rep: 3" in preview
    assert assignees_in_database(world, chosen) == {settings.users["lea@test.relance"]}

    browser.click("bulk-submit")

    browser.wait_for_text_containing("bulk-result", "3 tâches réassignées à Paul Rep.")
    for note_id in chosen:
        grid.wait_for_cell(note_id, "assignee", "Paul Rep")
    WebDriverWait(browser.driver, 5).until(
        lambda _driver: grid.ticked() == set(), message="the ticks were not cleared"
    )
    assert assignees_in_database(world, chosen) == {settings.users["paul@test.relance"]}

    # Undo survives a reload of the page (the batch is kept for the browser session).
    browser.driver.refresh()
    grid.wait_until(lambda rows: len(rows) == 11, "the grid never came back after the reload")
    for note_id in chosen:
        grid.wait_for_cell(note_id, "assignee", "Paul Rep")
    browser.click("bulk-undo")

    browser.wait_for_text_containing("bulk-result", "3 tâches rendues.")
    for note_id in chosen:
        grid.wait_for_cell(note_id, "assignee", "Lea Rep")
    assert assignees_in_database(world, chosen) == {settings.users["lea@test.relance"]}
    assert browser.no_severe_logs()

    # Paul was told twice, once per batch, never once per task.
    browser.sign_out()
    browser.login(scenario.people["paul"].email, f.PASSWORD)
    browser.wait_for_text("navbar-bell-count", "2", timeout=10)
    told = browser.wait_for_text_containing(
        "myday-notifications", "3 tâches vous ont été assignées par Marie Manager"
    )
    assert "3 de vos tâches ont été reprises par Marie Manager" in told


def test_no_assignee_or_a_past_date_is_refused_next_to_the_field(browser, world):
    _app, scenario, settings = world
    chosen = [settings.notes[body] for body in LEA_TASKS[:2]]
    grid = signed_in_on_notes(browser, scenario.people["marie"])
    for note_id in chosen:
        grid.tick(note_id)

    browser.click("bulk-submit")
    browser.wait_for_text_containing("bulk-rep-error", "Choisissez à qui confier les tâches.")

    browser.choose("bulk-rep", "Paul Rep")
    browser.set_date("bulk-date", "2026-11-01")
    browser.click("bulk-submit")
    browser.wait_for_text_containing("bulk-date-error", "La nouvelle date de relance est passée.")

    assert browser.text("bulk-rep-error") == ""
    assert assignees_in_database(world, chosen) == {settings.users["lea@test.relance"]}
    assert browser.no_severe_logs()


def test_paul_cannot_take_leas_tasks_with_all_matching(browser, world):
    """A rep may bulk reassign only their own tasks: 'all matching' over a filter that holds
    someone else's tasks changes nothing and says why."""
    _app, scenario, settings = world
    browser.open("/notes?q=Lea")  # Paul sees none of Lea's notes: nothing matches
    browser.login(scenario.people["paul"].email, f.PASSWORD)
    browser.wait_for_path("/notes")
    browser.wait_for_text("notes-total", "0", timeout=10)
    browser.click("bulk-all-matching")
    browser.choose("bulk-rep", "Paul Rep")
    browser.click("bulk-preview")
    browser.wait_for_text_containing("bulk-result", "Aperçu : 0 tâches")
    browser.click("bulk-submit")
    browser.wait_for_text_containing("bulk-result", "Aucune tâche ouverte dans cette sélection.")
    lea_ids = [settings.notes[body] for body in LEA_TASKS]
    assert assignees_in_database(world, lea_ids) == {settings.users["lea@test.relance"]}
    database = Database(world[0].server.config["DATABASE_URL"])
    try:
        with database.session() as s:
            assert s.scalars(select(Notification.id)).all() == []
    finally:
        database.dispose()
