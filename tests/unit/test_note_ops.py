"""Writing notes: validation, scope on writes, stale versions, close last note, reassign."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from data.errors import InvalidInput, NotAllowed, StaleVersion
from data.models import AuditEvent, Customer, Note, Notification, Order, User
from data.note_ops import (
    NoteInput,
    complete_note,
    create_note,
    load_note,
    parse_due,
    reassign_note,
    update_note,
)
from data.scope import load_viewer
from tests import factories as f
from tests.factories import FIXED_NOW


@pytest.fixture
def crew(db):
    with db.session() as s:
        paul = f.user(s, "Paul Rep")
        lea = f.user(s, "Lea Rep")
        omar = f.user(s, "Omar Other")
        gone = f.user(s, "Gone Rep", active=False)
        marie = f.user(s, "Marie Manager", "manager")
        f.team(s, "Ventes", managers=[marie], members=[paul, lea, gone])
        bakery = f.customer(s, "Boulangerie Martin", paul)
        other = f.customer(s, "Autre", omar)
        order = Order(number="CMD-1", customer_id=other.id, placed_at=FIXED_NOW, total=10)
        s.add(order)
        s.flush()
        ids = {
            "paul": paul.id,
            "lea": lea.id,
            "omar": omar.id,
            "gone": gone.id,
            "marie": marie.id,
            "bakery": bakery.id,
            "other": other.id,
            "order": order.id,
        }
    return db, ids


def viewer(s, ids, who):
    return load_viewer(s, ids[who])


def task_by(db, ids, who: str, body: str, customer: str) -> int:
    """A task written by `who`, assigned to them, on one of the crew's customers."""
    with db.session() as s:
        data = NoteInput(body=body, customer_id=ids[customer], assignee_id=ids[who])
        return create_note(s, viewer(s, ids, who), data, FIXED_NOW)


def count(s, model=Note):
    return s.scalar(select(func.count()).select_from(model))


def test_create_task_writes_audit_and_notifies_the_assignee(crew):
    db, ids = crew
    with db.session() as s:
        data = NoteInput(
            body="Rappeler",
            customer_id=ids["bakery"],
            assignee_id=ids["lea"],
            due_at=FIXED_NOW + timedelta(days=1),
        )
        note_id = create_note(s, viewer(s, ids, "paul"), data, FIXED_NOW)
    with db.session() as s:
        note = s.get(Note, note_id)
        assert (note.author_id, note.assignee_id, note.version) == (ids["paul"], ids["lea"], 1)
        assert s.scalar(select(AuditEvent.action).where(AuditEvent.target_id == note_id)) == (
            "note.create"
        )
        assert s.scalar(select(Notification.recipient_id)) == ids["lea"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"body": "   "}, "body"),
        ({"body": "x" * 20_001}, "body"),
        ({"due_at": FIXED_NOW + timedelta(days=365 * 6)}, "due"),
        ({"assignee_id": "gone"}, "assignee"),
        ({"assignee_id": "omar"}, "assignee"),
        ({"customer_id": 999_999}, "customer"),
        ({"order_id": "order"}, "order"),
        ({"status_id": 424_242}, "status"),
        ({"options": {1: 2}}, "options"),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(crew, changes, field):
    db, ids = crew
    values = {"body": "Rappeler", "customer_id": ids["bakery"]}
    values.update(
        {k: ids.get(v, v) if isinstance(v, str) and k != "body" else v for k, v in changes.items()}
    )
    with db.session() as s:
        with pytest.raises(InvalidInput) as err:
            create_note(s, viewer(s, ids, "paul"), NoteInput(**values), FIXED_NOW)
        assert field in err.value.errors
        assert count(s) == 0 and count(s, AuditEvent) == 0


def test_parse_due_reads_the_viewer_zone():
    due = parse_due("2026-03-29", "02:30", "Europe/Paris")  # does not exist: DST gap
    assert due.utcoffset() is not None
    assert parse_due("2026-11-23", "10:00", "Europe/Paris").isoformat() == (
        "2026-11-23T10:00:00+01:00"
    )
    with pytest.raises(InvalidInput):
        parse_due("23/11/2026", None, "Europe/Paris")
    assert parse_due("", None, "Europe/Paris") is None


def test_markup_is_stored_as_text(crew):
    db, ids = crew
    body = '<img src=x onerror="window.__xss=1">'
    with db.session() as s:
        note_id = create_note(s, viewer(s, ids, "paul"), NoteInput(body=body), FIXED_NOW)
        assert s.get(Note, note_id).body == body


def test_stale_save_is_refused_and_names_who_changed_it(crew):
    db, ids = crew
    note_id = task_by(db, ids, "paul", "v1", "bakery")
    with db.session() as s:
        opened_by_paul = load_note(s, viewer(s, ids, "paul"), note_id)["version"]
        opened_by_marie = load_note(s, viewer(s, ids, "marie"), note_id)["version"]
        update_note(
            s,
            viewer(s, ids, "marie"),
            note_id,
            opened_by_marie,
            NoteInput(body="Marie's", customer_id=ids["bakery"], assignee_id=ids["paul"]),
            FIXED_NOW,
        )
    with db.session() as s, pytest.raises(StaleVersion) as err:
        update_note(
            s,
            viewer(s, ids, "paul"),
            note_id,
            opened_by_paul,
            NoteInput(body="Paul's", customer_id=ids["bakery"], assignee_id=ids["paul"]),
            FIXED_NOW,
        )
    assert err.value.changed_by == "Marie Manager"
    with db.session() as s:
        note = s.get(Note, note_id)
        assert (note.body, note.version) == ("Marie's", 2)


def test_writes_outside_scope_are_not_allowed(crew):
    db, ids = crew
    note_id = task_by(db, ids, "omar", "Omar's", "other")
    with db.session() as s:
        paul = viewer(s, ids, "paul")
        with pytest.raises(NotAllowed):
            complete_note(s, paul, note_id, 1, FIXED_NOW)
        with pytest.raises(NotAllowed):
            update_note(s, paul, note_id, 1, NoteInput(body="hijack"), FIXED_NOW)
        with pytest.raises(NotAllowed):
            load_note(s, paul, note_id)
    with db.session() as s:
        assert s.get(Note, note_id).body == "Omar's"


def test_complete_only_tasks(crew):
    db, ids = crew
    with db.session() as s:
        paul = viewer(s, ids, "paul")
        plain = create_note(s, paul, NoteInput(body="remarque"), FIXED_NOW)
        task = create_note(s, paul, NoteInput(body="tâche", assignee_id=ids["paul"]), FIXED_NOW)
        with pytest.raises(InvalidInput):
            complete_note(s, paul, plain, 1, FIXED_NOW)
        complete_note(s, paul, task, 1, FIXED_NOW)
        s.expire_all()
        note = s.get(Note, task)
        assert note.completed_at == FIXED_NOW and note.completed_by_id == ids["paul"]
        with pytest.raises(InvalidInput):
            complete_note(s, paul, task, 2, FIXED_NOW)


def test_close_last_note_completes_the_latest_open_task_in_the_same_transaction(crew):
    db, ids = crew
    with db.session() as s:
        paul, bakery = _user(s, ids), s.get(Customer, ids["bakery"])
        older = f.note(
            s, paul, "ancienne", customer=bakery, assignee=paul, now=FIXED_NOW - timedelta(days=2)
        )
        latest = f.note(s, paul, "récente", customer=bakery, assignee=paul)
        ids_ = (older.id, latest.id)
    with db.session() as s:
        create_note(
            s,
            viewer(s, ids, "paul"),
            NoteInput(body="suite", customer_id=ids["bakery"], close_last=True),
            FIXED_NOW,
        )
    with db.session() as s:
        assert s.get(Note, ids_[1]).completed_at == FIXED_NOW
        assert s.get(Note, ids_[0]).completed_at is None
        assert count(s) == 3


def _user(s, ids):
    return s.get(User, ids["paul"])


def test_close_last_note_rolls_back_when_the_new_note_is_refused(crew):
    db, ids = crew
    with db.session() as s:
        paul = _user(s, ids)
        task_id = f.note(
            s, paul, "ouverte", customer=s.get(Customer, ids["bakery"]), assignee=paul
        ).id
    with pytest.raises(InvalidInput), db.session() as s:
        create_note(
            s,
            viewer(s, ids, "paul"),
            NoteInput(body="", customer_id=ids["bakery"], close_last=True),
            FIXED_NOW,
        )
    with db.session() as s:
        assert s.get(Note, task_id).completed_at is None


def test_reassign_one_task(crew):
    db, ids = crew
    with db.session() as s:
        paul = viewer(s, ids, "paul")
        task = create_note(s, paul, NoteInput(body="t", assignee_id=ids["paul"]), FIXED_NOW)
        new_due = FIXED_NOW + timedelta(days=2)
        reassign_note(s, paul, task, 1, ids["lea"], new_due, FIXED_NOW)
        s.expire_all()
        note = s.get(Note, task)
        assert (note.assignee_id, note.due_at, note.version) == (ids["lea"], new_due, 2)
        with pytest.raises(InvalidInput):
            reassign_note(s, viewer(s, ids, "lea"), task, 2, ids["gone"], None, FIXED_NOW)
        with pytest.raises(StaleVersion):
            reassign_note(s, viewer(s, ids, "lea"), task, 1, ids["paul"], None, FIXED_NOW)
