""" "Complete + new note": the completed task's follow-up carries what it was about, goes to
the same person when the viewer may give it to them, and is due after the viewer's usual
interval; the completion follows the write rule, and the follow-up is written only on save."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select, update

from data.errors import NotAllowed, StaleVersion
from data.follow_up import (
    DEFAULT_INTERVAL_DAYS,
    MAX_INTERVAL_DAYS,
    complete_with_follow_up,
    proposed_due,
    usual_interval_days,
)
from data.models import Action, Category, Note, Order, User, Variable, VariableOption
from data.note_form import save_form
from data.note_ops import NoteInput, create_note
from data.scope import load_viewer
from tests import factories as f
from tests.factories import FIXED_NOW  # Monday 23 November 2026, 10:00 in Paris

PARIS = "Europe/Paris"


@pytest.fixture
def office(db):
    """Marie manages Paul and Lea (and Gone, deactivated); Omar is elsewhere. Paul's visit to
    the bakery: a task with an order, status, action, category and two options, due in 2
    days at 15:30 Paris."""
    with db.session() as s:
        paul, lea, omar = f.user(s, "Paul Rep"), f.user(s, "Lea Rep"), f.user(s, "Omar Other")
        gone = f.user(s, "Gone Rep")
        marie = f.user(s, "Marie Manager", "manager")
        f.team(s, "Ventes", managers=[marie], members=[paul, lea, gone])
        f.team(s, "Export", members=[omar])
        bakery = f.customer(s, "Boulangerie Martin", paul)
        order = Order(number="CMD-7", customer_id=bakery.id, placed_at=FIXED_NOW, total=10)
        visit, category, store = Action(name="Visite"), Category(name="SAV"), Variable(name="M")
        s.add_all([order, visit, category, store])
        s.flush()
        toys = VariableOption(variable_id=store.id, label="Jouets")
        s.add(toys)
        s.flush()
        data = NoteInput(
            body="Visite trimestrielle",
            customer_id=bakery.id,
            order_id=order.id,
            status_id=f.status(s, "Nouveau").id,
            action_id=visit.id,
            category_id=category.id,
            options={store.id: toys.id},
            assignee_id=paul.id,
            due_at=datetime(2026, 11, 25, 14, 30, tzinfo=UTC),
        )
        task = create_note(s, load_viewer(s, paul.id), data, FIXED_NOW - timedelta(days=30))
        people = {"paul": paul, "lea": lea, "omar": omar, "gone": gone, "marie": marie}
        ids = {name: person.id for name, person in people.items()}
        ids.update(
            bakery=bakery.id,
            order=order.id,
            status=data.status_id,
            visit=visit.id,
            category=category.id,
            options={store.id: toys.id},
            task=task,
        )
    return db, ids


def follow(db, ids, who: str, task: int | None = None, version: int = 1):
    with db.session() as s:
        return complete_with_follow_up(
            s, load_viewer(s, ids[who]), task or ids["task"], version, FIXED_NOW
        )


def tasks_written_by(db, ids, who: str, gaps_in_days: list[float]) -> None:
    """Tasks `who` wrote over the last weeks, each due `gap` days after it was written."""
    with db.session() as s:
        author = load_viewer(s, ids[who])
        for rank, gap in enumerate(gaps_in_days):
            written = FIXED_NOW - timedelta(days=60 - rank)
            due = written + timedelta(days=gap)
            data = NoteInput(body=f"t{rank}", assignee_id=ids[who], due_at=due)
            create_note(s, author, data, written)


def test_the_follow_up_carries_the_task_and_proposes_a_week_later(office):
    db, ids = office
    form = follow(db, ids, "paul")
    assert (form.customer, form.order, form.status, form.action, form.category) == (
        ids["bakery"],
        ids["order"],
        ids["status"],
        ids["visit"],
        ids["category"],
    )
    assert form.options == ids["options"]
    assert form.assignee == ids["paul"]  # a rep completing their own task keeps it
    # Paul's only task is the visit: no habit yet, a week after today, at the task's time.
    assert (form.due_day, form.due_time) == ("2026-11-30", "15:30")
    assert form.body == ""
    with db.session() as s:
        done = s.get(Note, ids["task"])
        assert (done.completed_at, done.completed_by_id, done.version) == (
            FIXED_NOW,
            ids["paul"],
            2,
        )
        assert s.scalar(select(func.count()).select_from(Note)) == 1  # nothing else yet


def test_saving_the_proposed_form_creates_a_task_for_the_assignee(office):
    db, ids = office
    form = follow(db, ids, "marie")
    assert form.assignee == ids["paul"]  # the manager gives the follow-up to the same rep
    with db.session() as s:
        marie = load_viewer(s, ids["marie"])
        filled = type(form)(**{**form.fields(), "body": "Deuxième visite"}, options=form.options)
        new_id = save_form(s, marie, None, filled, FIXED_NOW)
    with db.session() as s:
        new = s.get(Note, new_id)
        assert (new.assignee_id, new.author_id, new.customer_id) == (
            ids["paul"],
            ids["marie"],
            ids["bakery"],
        )
        assert new.due_at == datetime(2026, 11, 30, 14, 30, tzinfo=UTC)
        assert new.completed_at is None


def test_an_assignee_out_of_reach_gives_way_to_the_viewer(office):
    db, ids = office
    with db.session() as s:
        s.execute(update(Note).where(Note.id == ids["task"]).values(assignee_id=ids["gone"]))
        s.execute(update(User).where(User.id == ids["gone"]).values(active=False))
    form = follow(db, ids, "marie")
    assert form.assignee == ids["marie"]


def test_the_completion_follows_the_write_rule(office):
    db, ids = office
    with pytest.raises(NotAllowed):
        follow(db, ids, "omar")  # not his team's task: as if it did not exist
    with pytest.raises(NotAllowed):
        follow(db, ids, "lea")  # a rep completes only what is theirs to see
    with pytest.raises(StaleVersion):
        follow(db, ids, "paul", version=7)
    with db.session() as s:
        assert s.get(Note, ids["task"]).completed_at is None  # nothing half-done


@pytest.mark.parametrize(
    ("gaps", "expected"),
    [
        ([], DEFAULT_INTERVAL_DAYS),
        ([3, 3], DEFAULT_INTERVAL_DAYS),  # too few to be a habit
        ([3, 3, 4, 30], 3),  # the median, not the mean: one long wait does not count
        ([0.1, 0.2, 0.3], 1),  # same-day follow-ups propose tomorrow, not today
        ([200, 300, 400], MAX_INTERVAL_DAYS),
    ],
)
def test_the_usual_interval_is_the_median_of_the_viewers_own_recent_tasks(office, gaps, expected):
    db, ids = office
    tasks_written_by(db, ids, "lea", gaps)
    tasks_written_by(db, ids, "marie", [1, 1, 1, 1])  # someone else's habit does not count
    with db.session() as s:
        assert usual_interval_days(s, load_viewer(s, ids["lea"])) == expected


def test_only_the_latest_twenty_tasks_set_the_habit(office):
    db, ids = office
    tasks_written_by(db, ids, "lea", [30] * 10 + [2] * 20)  # the 2-day ones are the newest
    with db.session() as s:
        assert usual_interval_days(s, load_viewer(s, ids["lea"])) == 2


def test_the_proposed_day_skips_the_weekend_and_keeps_the_time_of_day():
    wednesday = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    assert proposed_due(wednesday, PARIS, 3, None) == ("2026-11-30", "")  # Saturday: Monday
    assert proposed_due(wednesday, PARIS, 4, None) == ("2026-11-30", "")  # Sunday: Monday
    due = datetime(2026, 11, 20, 7, 45, tzinfo=UTC)
    assert proposed_due(wednesday, PARIS, 1, due) == ("2026-11-26", "08:45")
    late = datetime(2026, 11, 25, 23, 30, tzinfo=UTC)  # already Thursday in Paris
    assert proposed_due(late, PARIS, 1, None) == ("2026-11-27", "")
