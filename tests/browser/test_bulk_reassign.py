"""Bulk reassign on /notes in a real browser: tick, preview, apply, undo; bad input.

Marie manages Paul and Lea. Lea has four open tasks; Marie hands three of them to Paul.
"""

from __future__ import annotations

from sqlalchemy import select

from data.models import Note, Notification
from tests.browser.office import MARIE_DEFAULT_TOTAL
from tests.browser.pages.notes import NotesPage

LEA_TASKS = (
    "Lea: chase the unpaid invoice",
    "Lea: call back the workshop",
    "Lea: send the new price list",
)


def plain(text: str) -> str:
    """French puts a no-break space before ":"; read it as a space."""
    return text.replace("\u00a0", " ")


def test_all_matching_says_how_many_notes_it_covers(browser, notes, scenario):
    """Ticking "all matching" counts the filter's notes, not the 0 rows ticked."""
    bulk = signed_in_on_notes(notes, scenario.people["marie"]).bulk
    assert (bulk.selected(), bulk.selected_label()) == ("0", "cochée")

    bulk.all_matching()

    browser.wait_until(lambda: bulk.selected() == str(MARIE_DEFAULT_TOTAL), "still 0 ticked")
    assert bulk.selected_label() == "correspondant à ce filtre"
    bulk.all_matching()
    browser.wait_until(lambda: bulk.selected() == "0", "the count stayed after unticking")
    assert browser.no_severe_logs()


def signed_in_on_notes(notes: NotesPage, person) -> NotesPage:
    """Marie's 11 notes in the grid, and the people the bulk bar may hand tasks to."""
    notes.open_as(person.email)
    notes.grid.wait_until(
        lambda rows: len(rows) == MARIE_DEFAULT_TOTAL, "Marie's 11 notes never rendered"
    )
    notes.bulk.wait_for_people(at_least=3)
    return notes


def assignees_in_database(world, note_ids) -> set[int]:
    with world.session() as s:
        return set(s.scalars(select(Note.assignee_id).where(Note.id.in_(note_ids))))


def test_marie_hands_three_of_leas_tasks_to_paul_then_undoes_it(
    browser, notes, my_day, world, scenario, settings
):
    chosen = [settings.notes[body] for body in LEA_TASKS]
    grid, bulk = notes.grid, notes.bulk
    signed_in_on_notes(notes, scenario.people["marie"])

    for note_id in chosen:
        grid.tick(note_id)
    grid.wait_for_ticked(set(chosen), "the three rows never got ticked")
    # The count follows the ticks through a callback: on a busy machine it lags the ticks.
    browser.wait_until(lambda: bulk.selected() == "3", "the bar never counted 3 tasks")
    bulk.hand_to("Paul Rep")
    bulk.preview()

    preview = bulk.wait_for_result("Aperçu : 3 tâches")
    assert "Paul Rep" in preview
    assert "Lea Rep: 3" in preview
    assert assignees_in_database(world, chosen) == {settings.users["lea@test.relance"]}

    bulk.submit()

    bulk.wait_for_result("3 tâches réassignées à Paul Rep.")
    for note_id in chosen:
        grid.wait_for_cell(note_id, "assignee", "Paul Rep")
    grid.wait_for_ticked(set(), "the ticks were not cleared")
    assert assignees_in_database(world, chosen) == {settings.users["paul@test.relance"]}

    # Undo survives a reload of the page (the batch is kept for the browser session).
    browser.reload()
    grid.wait_until(
        lambda rows: len(rows) == MARIE_DEFAULT_TOTAL, "the grid never came back after the reload"
    )
    for note_id in chosen:
        grid.wait_for_cell(note_id, "assignee", "Paul Rep")
    bulk.undo()

    # The result says it was an undo (French: a no-break space before ":").
    bulk.wait_for_result("sont revenues à leur personne assignée précédente.")
    assert plain(bulk.result()).startswith("Annulé : 3 tâches sont revenues")
    for note_id in chosen:
        grid.wait_for_cell(note_id, "assignee", "Lea Rep")
    assert assignees_in_database(world, chosen) == {settings.users["lea@test.relance"]}
    assert browser.no_severe_logs()

    # Paul was told twice, once per batch, never once per task; the second one is an undo.
    browser.sign_out()
    browser.sign_in(scenario.people["paul"].email)
    my_day.wait_for_bell("2")
    told = plain(my_day.wait_for_notification("3 tâches vous ont été assignées par Marie Manager"))
    assert (
        "Marie Manager a annulé une modification groupée : 3 de vos tâches sont revenues à leur "
        "personne assignée précédente" in told
    )
    # Lea (who reads English) got her tasks back: an undo too, not "3 tasks assigned to you".
    browser.sign_out()
    browser.sign_in(scenario.people["lea"].email)
    my_day.wait_for_bell("2")
    my_day.wait_for_notification("Marie Manager undid a bulk change: 3 tasks are back with you")


def test_no_assignee_or_a_past_date_is_refused_next_to_the_field(notes, world, scenario, settings):
    chosen = [settings.notes[body] for body in LEA_TASKS[:2]]
    bulk = signed_in_on_notes(notes, scenario.people["marie"]).bulk
    for note_id in chosen:
        notes.grid.tick(note_id)

    bulk.submit()
    bulk.wait_for_error("rep", "Choisissez à qui confier les tâches.")

    bulk.hand_to("Paul Rep")
    bulk.set_date("2026-11-01")
    bulk.submit()
    bulk.wait_for_error("date", "La nouvelle date de relance est passée.")

    assert bulk.error("rep") == ""
    assert assignees_in_database(world, chosen) == {settings.users["lea@test.relance"]}
    assert notes.browser.no_severe_logs()


def test_paul_cannot_take_leas_tasks_with_all_matching(notes, world, scenario, settings):
    """A rep may bulk reassign only their own tasks: 'all matching' over a filter that holds
    someone else's tasks changes nothing and says why."""
    # Paul sees none of Lea's notes: nothing matches
    notes.open_as(scenario.people["paul"].email, query="?q=Lea")
    notes.wait_for_total(0)
    notes.bulk.all_matching()
    notes.bulk.hand_to("Paul Rep")
    notes.bulk.preview()
    notes.bulk.wait_for_result("Aperçu : 0 tâche →")  # French: 0 is singular
    notes.bulk.submit()
    notes.bulk.wait_for_result("Aucune tâche ouverte dans cette sélection.")
    lea_ids = [settings.notes[body] for body in LEA_TASKS]
    assert assignees_in_database(world, lea_ids) == {settings.users["lea@test.relance"]}
    with world.session() as s:
        assert s.scalars(select(Notification.id)).all() == []
