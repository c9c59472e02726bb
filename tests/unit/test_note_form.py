"""The note form's values (data/note_form.py) and what it offers for a note (data/states.py),
without a database or a browser."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from data.board import PAGE, show_more
from data.errors import InvalidInput
from data.note_form import NoteForm, form_int
from data.states import TaskActions

PARIS = "Europe/Paris"
NOTE = {
    "customer_id": 7,
    "order_id": None,
    "body": "Rappeler pour le devis",
    "status_id": 2,
    "action_id": 3,
    "category_id": None,
    "due_at": datetime(2025, 3, 14, 8, 30, tzinfo=UTC),
    "assignee_id": 5,
    "options": {1: 11},
}


def test_an_opened_note_shows_its_due_date_in_the_viewers_zone_and_saves_it_back():
    form = NoteForm.of_note(NOTE, PARIS)
    assert (form.due_day, form.due_time) == ("2025-03-14", "09:30")
    assert form.fields()["customer"] == 7 and "options" not in form.fields()
    data = form.to_input(PARIS)
    assert data.due_at == NOTE["due_at"]
    assert (data.customer_id, data.assignee_id, data.options) == (7, 5, {1: 11})


def test_the_browsers_values_become_ids_or_nothing():
    assert [form_int(v) for v in ("12", 12, "", None, "x", [1])] == [12, 12, None, None, None, None]
    form = NoteForm(body="x", customer="4", status="", options={2: None, 3: "31"})
    data = form.to_input(PARIS)
    assert (data.customer_id, data.status_id, data.options) == (4, None, {3: 31})


def test_a_time_without_a_date_is_refused_on_the_due_field():
    with pytest.raises(InvalidInput) as refused:
        NoteForm(body="x", due_time="10:00").to_input(PARIS)
    assert list(refused.value.errors) == ["due"]


@pytest.mark.parametrize(
    ("assignee_id", "completed_at", "expected"),
    [
        (5, None, TaskActions(complete=True, reassign=True)),
        (None, None, TaskActions()),
        (5, datetime(2025, 1, 1, tzinfo=UTC), TaskActions(completed=True)),
    ],
)
def test_only_an_open_task_can_be_completed_or_reassigned(assignee_id, completed_at, expected):
    assert TaskActions.of(assignee_id=assignee_id, completed_at=completed_at) == expected


def test_show_more_adds_a_page_to_one_column():
    assert show_more(None, "today") == {"today": 2 * PAGE}
    assert show_more({"today": 2 * PAGE, "later": PAGE}, "today") == {
        "today": 3 * PAGE,
        "later": PAGE,
    }
