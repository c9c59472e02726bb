"""Undo a bulk change: give back each note's assignee and due date, unless it changed since
(version check). Only the actor, within 24 hours, once; the undo is a batch of its own."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, case, func, literal, not_, select, update
from sqlalchemy.orm import Session

from data.bulk.apply import ACTION
from data.bulk.digests import undo_digests
from data.bulk.selection import OK, BulkError
from data.bulk.sql import audit_batch, batch_notes, json_instant, lock, snapshot
from data.errors import Message, _msg, _nmsg
from data.models import AuditEvent, Note, User
from data.scope import Viewer, reassignable_notes

UNDO_HOURS = 24
UNDO_ACTION = "note.bulk_undo"

# Why a note of the batch was not given back.
CHANGED = "changed"
UNDO_COMPLETED = "completed"
UNDO_DELETED = "deleted"
PREVIOUS_INACTIVE = "inactive"
UNDO_OUT_OF_SCOPE = "out_of_scope"

# What undo says of the `n` notes not given back for each reason (`names`: who changed them).
UNDO_REASON_TEXT = {
    CHANGED: lambda n, names: _nmsg(
        "{n} changed since by {names}", "{n} changed since by {names}", n, names=names
    ),
    UNDO_COMPLETED: lambda n, _names: _nmsg("{n} completed since", "{n} completed since", n),
    UNDO_DELETED: lambda n, _names: _nmsg("{n} deleted since", "{n} deleted since", n),
    UNDO_OUT_OF_SCOPE: lambda n, _names: _nmsg(
        "{n} no longer within your scope", "{n} no longer within your scope", n
    ),
    PREVIOUS_INACTIVE: lambda n, _names: _nmsg(
        "{n} whose previous assignee is no longer active",
        "{n} whose previous assignee is no longer active",
        n,
    ),
}


@dataclass
class UndoResult:
    restored: int
    not_restored: dict[str, int]
    changed_by: list[str]

    def messages(self) -> list[Message]:
        names = ", ".join(self.changed_by) or "?"
        return [UNDO_REASON_TEXT[reason](n, names) for reason, n in self.not_restored.items()]


def undo_batch_id(batch_id: str) -> str:
    """The undo of a batch has a batch id derived from it: a batch is undone once."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "relance-undo:" + batch_id))


def _batch_id(value: object) -> str:
    """A batch id as the browser kept it: a UUID; anything else is no batch of the actor's."""
    try:
        return str(uuid.UUID(value)) if isinstance(value, str) and len(value) <= 36 else ""
    except ValueError:
        return ""


def _check_undoable(s: Session, viewer: Viewer, batch_id: str, undo_id: str, now) -> None:
    original = s.execute(
        select(func.count(), func.min(AuditEvent.at)).where(
            AuditEvent.batch_id == batch_id,
            AuditEvent.action == ACTION,
            AuditEvent.actor_id == viewer.id,
        )
    ).one()
    if not original[0]:
        raise BulkError({"undo": _msg("Not allowed: this change is not yours to undo.")})
    if original[1] < now - timedelta(hours=UNDO_HOURS):
        raise BulkError({"undo": _msg("This change is more than 24 hours old.")})
    if s.scalar(select(func.count()).where(AuditEvent.batch_id == undo_id)):
        raise BulkError({"undo": _msg("This change was undone already.")})


def _of_the_batch(batch_id: str, value):
    """A value of the batch's audit event about the note of the current row."""
    return (
        select(value)
        .where(AuditEvent.batch_id == batch_id, AuditEvent.target_id == Note.id)
        .correlate(Note)
        .scalar_subquery()
    )


def undo(s: Session, viewer: Viewer, batch_id: object, now: datetime) -> UndoResult:
    """Give back assignee and due date of the batch's notes not changed since (version
    check). Only the actor, within 24 hours, once."""
    batch_id = _batch_id(batch_id)
    undo_id = undo_batch_id(batch_id)
    _check_undoable(s, viewer, batch_id, undo_id, now)
    previous_assignee = _of_the_batch(batch_id, AuditEvent.before["assignee_id"].as_integer())
    previous_due = _of_the_batch(batch_id, json_instant(AuditEvent.before["due_at"].as_string()))
    version_after = _of_the_batch(batch_id, AuditEvent.after["version"].as_integer())
    active_previous = (
        select(User.id).where(User.id == previous_assignee, User.active.is_(True)).exists()
    )
    in_batch = Note.id.in_(batch_notes(batch_id))
    lock(s, in_batch)
    reason = case(
        (Note.deleted_at.is_not(None), literal(UNDO_DELETED)),
        (Note.completed_at.is_not(None), literal(UNDO_COMPLETED)),
        # The same rule as any reassignment: scope may have changed since the batch.
        (not_(reassignable_notes(viewer)), literal(UNDO_OUT_OF_SCOPE)),
        (Note.version != version_after, literal(CHANGED)),
        (not_(active_previous), literal(PREVIOUS_INACTIVE)),
        else_=literal(OK),
    )
    given_back = snapshot(1, assignee_id=previous_assignee, due_at=previous_due)
    audit_batch(s, viewer, UNDO_ACTION, undo_id, given_back, and_(in_batch, reason == OK), now)
    reasons = select(reason.label("reason")).where(in_batch).subquery()
    counts = dict(
        s.execute(select(reasons.c.reason, func.count()).group_by(reasons.c.reason)).all()
    )
    changed_by = s.scalars(
        select(User.name)
        .distinct()
        .join(Note, Note.updated_by_id == User.id)
        .where(in_batch, reason == CHANGED)
        .order_by(User.name)
        .limit(5)
    ).all()
    undo_digests(s, viewer, undo_id, now)
    restored = s.execute(
        update(Note)
        .where(Note.id.in_(batch_notes(undo_id)))
        .values(
            assignee_id=previous_assignee,
            due_at=previous_due,
            version=Note.version + 1,
            updated_at=now,
            updated_by_id=viewer.id,
        )
        .execution_options(synchronize_session=False)
    ).rowcount
    return UndoResult(
        restored=restored,
        not_restored={k: v for k, v in counts.items() if k != OK},
        changed_by=list(changed_by),
    )
