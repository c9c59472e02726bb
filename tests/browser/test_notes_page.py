"""/notes in a real browser: the filter panel and the URL, the grid, the note form.

Marie manages Paul and Lea: by default she sees their 11 notes that are neither completed
nor deleted (10 open tasks and one plain note), never Omar's. The statuses, actions and
variables come from `relance_notes_app` (office.NOTE_STATUSES says which note has which).
"""

from __future__ import annotations

import time
from zoneinfo import ZoneInfo

import pytest
from flask import request
from sqlalchemy import insert, select, update

from components import ids
from data.models import Note, VariableOption, note_option
from tests.browser.office import MARIE_DEFAULT_TOTAL, MARIE_OVERDUE, XSS_BODY
from tests.browser.pages.base import Browser
from tests.browser.pages.notes import NotesPage

SLOW_LISTS_SECONDS = 0.6
PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def slow_notes(world, dash_duo) -> NotesPage:
    """/notes on a server whose filter lists (statuses, people…) answer late, as they do from
    a busy database: the panel then renders before its options arrive. Without this the order
    is a race that the async dropdown bundle being cached or not decides."""

    def delay_filter_lists():
        if request.path.endswith("/_dash-update-component"):
            payload = request.get_json(silent=True) or {}
            if f"{ids.FILTER_STATUS}.options" in str(payload.get("output", "")):
                time.sleep(SLOW_LISTS_SECONDS)

    world.app.server.before_request(delay_filter_lists)  # before the server starts
    return NotesPage(Browser(dash_duo, world.app))


def ids_of(settings, bodies) -> set[int]:
    return {settings.notes[body] for body in bodies}


def bodies_in(rows: dict[int, str]) -> str:
    return "\n".join(rows.values())


def marie_sees_everything(notes, scenario, settings) -> set[int]:
    """Marie on /notes with no filter: all her notes, the "En cours" ones among them (returned)."""
    notes.open_as(scenario.people["marie"].email)
    assert notes.wait_for_total(MARIE_DEFAULT_TOTAL) == MARIE_DEFAULT_TOTAL
    everything = notes.grid.wait_until(lambda rows: len(rows) == MARIE_DEFAULT_TOTAL, "11 rows")
    in_progress = ids_of(settings, settings.by_status["En cours"])
    assert set(everything) > in_progress
    return in_progress


def choose_in_progress(notes, in_progress: set[int]) -> int:
    """Filter on the "En cours" status: the grid holds those notes only; returns the total."""
    notes.filters.choose("status", "En cours")
    total = notes.wait_for_total(len(in_progress))
    rows = notes.grid.wait_for_rows(in_progress)
    assert all("En cours" in text for text in rows.values()), rows
    return total


# -- the filter panel and the URL -------------------------------------------------------------


def test_choosing_a_status_narrows_the_total_and_the_grid_and_writes_the_url(
    notes, scenario, settings
):
    in_progress = marie_sees_everything(notes, scenario, settings)
    assert "status" not in notes.query()
    notes.filters.wait_for_lists(len(settings.statuses))

    assert choose_in_progress(notes, in_progress) == 3

    assert notes.query()["status"] == [str(settings.statuses["En cours"])]
    assert notes.filters.shown("status") == "En cours"
    assert notes.browser.no_severe_logs()


def test_a_status_filter_goes_into_the_url_and_survives_a_reload(slow_notes, scenario, settings):
    notes = slow_notes
    in_progress = marie_sees_everything(notes, scenario, settings)
    notes.filters.wait_for_lists(len(settings.statuses))

    choose_in_progress(notes, in_progress)

    status_id = str(settings.statuses["En cours"])
    assert notes.query()["status"] == [status_id]

    notes.browser.reload()

    notes.filters.wait_for_lists(len(settings.statuses))
    assert notes.filters.shown("status") == "En cours"
    assert notes.query().get("status") == [status_id]
    notes.wait_for_total(len(in_progress))
    assert set(notes.grid.wait_for_rows(in_progress)) == in_progress
    assert notes.browser.no_severe_logs()


def test_a_bookmarked_filter_restores_the_panel_and_the_grid(slow_notes, scenario, settings):
    notes = slow_notes
    status_id = settings.statuses["En cours"]
    paul_id = settings.users[scenario.people["paul"].email]
    pauls_in_progress = ids_of(
        settings, [b for b in settings.by_status["En cours"] if b.startswith("Paul:")]
    )
    assert len(pauls_in_progress) == 2
    bookmark = f"?status={status_id}&rep={paul_id}"

    notes.open_as(scenario.people["marie"].email, query=bookmark)

    notes.filters.wait_for_lists(len(settings.statuses))
    assert notes.filters.shown("status") == "En cours"
    assert notes.filters.shown("rep") == "Paul Rep"
    assert notes.wait_for_total(2) == 2
    notes.grid.wait_for_rows(pauls_in_progress)
    assert notes.browser.path == NotesPage.PATH + bookmark
    assert notes.filters.error() == ""
    for note_id in pauls_in_progress:
        assert notes.grid.cell(note_id, "assignee") == "Paul Rep"
    assert notes.browser.no_severe_logs()


def test_a_bad_date_in_the_url_is_reported_and_the_rest_of_the_filter_applies(notes, scenario):
    notes.open_as(scenario.people["marie"].email, query="?from=notadate")

    assert "notadate" in notes.filters.wait_for_error("notadate")
    assert notes.wait_for_total(MARIE_DEFAULT_TOTAL) == MARIE_DEFAULT_TOTAL
    notes.grid.wait_until(lambda rows: len(rows) == MARIE_DEFAULT_TOTAL, "the grid stayed empty")

    # The valid part of a bad URL applies.
    notes.open("?from=notadate&overdue=1")
    notes.filters.wait_for_error("notadate")
    notes.wait_for_total(MARIE_OVERDUE)
    rows = notes.grid.wait_until(lambda rows: len(rows) == MARIE_OVERDUE, "not only the overdue")
    assert set(rows) == set(scenario.overdue["marie"])
    assert notes.filters.value("overdue") is True
    assert notes.browser.no_severe_logs()


# -- the note form ---------------------------------------------------------------------------


def test_marie_creates_a_task_for_paul_then_completes_it_from_its_row(notes, scenario):
    body = "Rappeler Martin pour la commande de Noël"
    notes.open_as(scenario.people["marie"].email)
    notes.wait_for_total(MARIE_DEFAULT_TOTAL)
    form, grid = notes.form, notes.grid

    form.start_new()
    form.type_body(body)
    form.assign_to("Paul Rep")
    form.set_due("2026-11-25")
    assert form.value("due") == "2026-11-25"
    notes.browser.screenshot("notes-form-new")
    form.save()

    form.wait_until_closed()
    notes.wait_for_total(MARIE_DEFAULT_TOTAL + 1)
    rows = grid.wait_until(lambda rows: body in bodies_in(rows), "the new note never showed")
    (new_id,) = [note_id for note_id, text in rows.items() if body in text]
    assert grid.cell(new_id, "assignee") == "Paul Rep"
    # The date reached the server: 25 November at 09:00 (the default time), Paris time.
    assert grid.cell(new_id, "due_at") == "25 nov. 2026 09:00"

    notes.open_note(new_id)
    assert form.body_typed() == body
    form.complete()

    form.wait_until_closed()
    notes.wait_for_total(MARIE_DEFAULT_TOTAL)
    grid.wait_until(lambda rows: new_id not in rows, "the completed task stayed in the grid")
    assert body not in bodies_in(grid.rows())
    assert notes.browser.no_severe_logs()


def test_an_empty_body_is_refused_next_to_the_field_and_nothing_is_saved(notes, scenario):
    notes.open_as(scenario.people["marie"].email)
    notes.wait_for_total(MARIE_DEFAULT_TOTAL)
    form = notes.form

    form.start_new()
    form.assign_to("Lea Rep")
    form.set_due("2026-11-26")
    form.save()

    form.wait_for_field_error("body")
    assert "obligatoire" in form.field_error("body")  # Marie reads French
    assert form.message() != ""
    assert form.is_open()
    assert notes.total() == str(MARIE_DEFAULT_TOTAL)
    assert len(notes.grid.rows()) == MARIE_DEFAULT_TOTAL
    assert notes.browser.no_severe_logs()


def test_complete_and_new_note_proposes_the_follow_up_task_and_saves_it(
    notes, world, scenario, settings
):
    visit = settings.notes["Paul: visite trimestrielle"]
    bakery = settings.customers["Boulangerie Martin"]
    paul = settings.users[scenario.people["paul"].email]
    visit_options = {settings.options["Magasin · Jouets"], settings.options["Classement · B"]}
    with world.session() as s:  # the task is about a visit, commercial, toy shop, class B
        s.execute(
            update(Note)
            .where(Note.id == visit)
            .values(
                action_id=settings.actions["Visite"], category_id=settings.categories["Commercial"]
            )
        )
        s.execute(
            insert(note_option),
            [
                {"note_id": visit, "variable_id": variable, "option_id": option}
                for variable, option in s.execute(
                    select(VariableOption.variable_id, VariableOption.id).where(
                        VariableOption.id.in_(visit_options)
                    )
                ).all()
            ],
        )
    notes.open_as(scenario.people["marie"].email)
    notes.wait_for_total(MARIE_DEFAULT_TOTAL)
    form = notes.form
    notes.grid.wait_until(lambda rows: visit in rows, "the task is not in the grid")

    notes.open_note(visit)
    form.complete_and_start_new()

    form.wait_for_title("Nouvelle note")
    assert "Tâche terminée" in form.message()
    # Marie has no habit yet: a week after today (Monday 23 November), at the task's 10:00.
    form.wait_for_value("due", "2026-11-30")
    assert form.value("due_time") == "10:00"
    assert form.value("customer") == bakery
    assert form.shown("customer").startswith("Boulangerie Martin")
    assert form.shown("assignee") == "Paul Rep"
    assert (form.shown("status"), form.shown("action"), form.shown("category")) == (
        "Nouveau",
        "Visite",
        "Commercial",
    )
    assert form.body_typed() == ""
    notes.grid.wait_until(lambda rows: visit not in rows, "the completed task stayed in the grid")
    notes.browser.screenshot("notes-form-follow-up")

    form.set_due("2026-12-02")  # the proposed date is only a proposal
    form.type_body("Paul: deuxième visite")
    form.save()
    form.wait_until_closed()
    notes.wait_for_total(MARIE_DEFAULT_TOTAL)
    with world.session() as s:
        follow_up = s.execute(select(Note).where(Note.body == "Paul: deuxième visite")).scalar_one()
        options = set(
            s.scalars(select(note_option.c.option_id).where(note_option.c.note_id == follow_up.id))
        )
        assert (follow_up.assignee_id, follow_up.customer_id) == (paul, bakery)
        assert follow_up.due_at.astimezone(PARIS).isoformat() == "2026-12-02T10:00:00+01:00"
        assert follow_up.action_id == settings.actions["Visite"]
        assert options == visit_options
    notes.grid.wait_for_cell(follow_up.id, "assignee", "Paul Rep")
    assert notes.browser.no_severe_logs()


def test_marie_reassigns_one_of_pauls_tasks_to_lea(notes, scenario, settings):
    catalogue = settings.notes["Paul: envoyer le catalogue"]
    notes.open_as(scenario.people["marie"].email)
    notes.wait_for_total(MARIE_DEFAULT_TOTAL)
    assert notes.grid.cell(catalogue, "assignee") == "Paul Rep"

    notes.open_note(catalogue)
    notes.browser.screenshot("notes-form-task")
    message = notes.form.reassign_to("Lea Rep")

    assert "réassignée" in message, message
    notes.grid.wait_for_cell(catalogue, "assignee", "Lea Rep")
    assert notes.total() == str(MARIE_DEFAULT_TOTAL)
    assert notes.browser.no_severe_logs()


# -- markup in a body --------------------------------------------------------------------------


def test_a_body_holding_markup_is_text_in_the_grid_and_the_overdue_section(notes, scenario):
    notes.open_as(scenario.people["marie"].email)
    notes.wait_for_total(MARIE_DEFAULT_TOTAL)
    notes.grid.wait_until(
        lambda rows: scenario.xss_note_id in rows, "the XSS note is not in the grid"
    )

    assert notes.grid.cell(scenario.xss_note_id, "body") == XSS_BODY
    notes.wait_for_overdue_section(XSS_BODY)
    assert notes.grid.count("img") == 0
    assert notes.images_in_overdue_section() == 0
    notes.browser.screenshot("notes-page")
    # An onerror handler would fire once the broken image fails: give it time to.
    assert notes.browser.stays_unset("window.__xss", seconds=1.0)
    assert notes.browser.no_severe_logs()
