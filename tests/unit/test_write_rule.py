"""One rule for every write path (data/note_access.py): the note form's Save may not do what
Reassign refuses, and when it reassigns, it leaves what Reassign leaves (audit, notification)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from data.errors import NotAllowed
from data.models import AuditEvent, Note, Notification, User
from data.note_form import NoteForm, save_form
from data.note_ops import reassign_note
from data.scope import load_viewer
from tests import factories as f
from tests.factories import FIXED_NOW


@pytest.fixture
def crew(db):
    """Team Ventes: Marie manages Paul and Lea. Paul wrote a task for Lea on his customer."""
    with db.session() as s:
        marie, paul, lea = f.people(s, "marie", "paul", "lea")
        f.team(s, "Ventes", managers=[marie], members=[paul, lea])
        bakery = f.customer(s, "Boulangerie", paul)
        leas = f.note(s, paul, "for Lea", customer=bakery, assignee=lea, due_in=timedelta(days=1))
        ids = {"marie": marie.id, "paul": paul.id, "lea": lea.id, "leas": leas.id}
    return db, ids


def form_of(s, viewer, note_id: int, **changes) -> tuple[dict, NoteForm]:
    """What the form shows for the note, and the same with `changes` (as the browser sends)."""
    from data.note_ops import load_note

    note = load_note(s, viewer, note_id)
    form = NoteForm.of_note(note, viewer.time_zone)
    return {"id": note_id, "version": note["version"]}, NoteForm(**{**form.__dict__, **changes})


def state(db, note_id):
    with db.session() as s:
        note = s.execute(select(Note.assignee_id, Note.version).where(Note.id == note_id)).one()
        audits = s.execute(select(AuditEvent.action, AuditEvent.before, AuditEvent.after)).all()
        notified = s.execute(select(Notification.recipient_id, Notification.kind)).all()
    return tuple(note), audits, notified


@pytest.mark.parametrize("new_assignee", ["paul", None])
def test_a_rep_cannot_take_or_drop_a_colleagues_task_through_save(crew, new_assignee):
    db, ids = crew
    before = state(db, ids["leas"])
    with db.session() as s:
        paul = load_viewer(s, ids["paul"])
        editing, form = form_of(s, paul, ids["leas"], assignee=ids.get(new_assignee))
        with pytest.raises(NotAllowed):
            save_form(s, paul, editing, form, FIXED_NOW)
        with pytest.raises(NotAllowed):  # what Reassign has always said
            reassign_note(s, paul, ids["leas"], 1, ids["paul"], None, FIXED_NOW)
    assert state(db, ids["leas"]) == before


def test_a_rep_still_saves_the_text_of_a_colleagues_task_they_see(crew):
    db, ids = crew
    with db.session() as s:
        paul = load_viewer(s, ids["paul"])
        editing, form = form_of(s, paul, ids["leas"], body="for Lea, call at 10")
        save_form(s, paul, editing, form, FIXED_NOW)
    (assignee, version), audits, _ = state(db, ids["leas"])
    assert (assignee, version) == (ids["lea"], 2)
    assert audits == [("note.update", {"body": "…"}, {"body": "…"})]


def test_reassigning_through_save_is_audited_and_notified_like_reassign(crew):
    db, ids = crew
    with db.session() as s:
        marie = load_viewer(s, ids["marie"])
        editing, form = form_of(s, marie, ids["leas"], assignee=ids["paul"])
        save_form(s, marie, editing, form, FIXED_NOW)
    (assignee, version), audits, notified = state(db, ids["leas"])
    assert (assignee, version) == (ids["paul"], 2)
    [(action, before, after)] = audits
    assert action == "note.reassign"
    assert before["assignee_id"] == ids["lea"] and after["assignee_id"] == ids["paul"]
    assert before["due_at"] == after["due_at"] is not None
    assert notified == [(ids["paul"], "reassigned")]


def test_a_rep_reassigns_their_own_task_through_save_to_a_colleague(crew):
    db, ids = crew
    with db.session() as s:
        paul = load_viewer(s, ids["paul"])
        me = s.get(User, ids["paul"])
        own = f.note(s, me, "mine", assignee=me, due_in=timedelta(days=1))
        editing, form = form_of(s, paul, own.id, assignee=ids["lea"])
        save_form(s, paul, editing, form, FIXED_NOW)
        assert s.scalar(select(Note.assignee_id).where(Note.id == own.id)) == ids["lea"]
