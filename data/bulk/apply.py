"""Apply a bulk reassign, all or nothing, in one transaction:

1. PostgreSQL: lock the selected notes in id order (concurrent bulk changes queue, never
   deadlock; SQLite serialises writers by itself);
2. INSERT … SELECT one AuditEvent per note into a new batch, with before/after values;
3. the preview again, under the lock: a note that cannot be changed, or a selection that
   differs from the one the user previewed (count, ids, versions), refuses everything;
4. INSERT … SELECT the digests, one per person;
5. UPDATE … WHERE id IN (the batch's notes), bumping each version.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, literal, select, update
from sqlalchemy.orm import Session

from data.bulk.digests import digests
from data.bulk.preview import Preview, preview
from data.bulk.selection import OK, BulkError, Selection, StaleSelection, reason
from data.bulk.sql import audit_batch, batch_notes, lock, snapshot
from data.errors import Message, _msg, _nmsg
from data.models import Note, User
from data.note_ops import MAX_DUE_YEARS
from data.scope import Viewer, assignable_users
from data.types import UTCDateTime

ACTION = "note.bulk_reassign"
STALE = _msg("The selection changed since the preview: nothing changed.")


@dataclass(frozen=True)
class BulkResult:
    batch_id: str
    count: int
    assignee_name: str


def check_target(
    s: Session, viewer: Viewer, assignee_id: object, due_at: datetime | None, now: datetime
) -> tuple[int, str]:
    """The new assignee (active, within the actor's reach) and date; (id, name)."""
    errors: dict[str, Message] = {}
    target = None
    text = str(assignee_id).strip() if assignee_id not in (None, "") else ""
    if not text:
        errors["rep"] = _msg("Choose who gets the tasks.")
    elif not text.isdigit():
        errors["rep"] = _msg("This person is inactive or outside your scope.")
    else:
        target = s.execute(
            select(User.id, User.name).where(User.id == int(text), assignable_users(viewer))
        ).first()
        if target is None:
            errors["rep"] = _msg("This person is inactive or outside your scope.")
    if due_at is not None:
        if due_at < now:
            errors["date"] = _msg("The new follow-up date lies in the past.")
        elif due_at - now > timedelta(days=365 * MAX_DUE_YEARS):
            errors["date"] = _nmsg(
                "The follow-up date is more than {n} year away.",
                "The follow-up date is more than {n} years away.",
                MAX_DUE_YEARS,
            )
    if errors:
        raise BulkError(errors)
    return target.id, target.name


def _refuse(s: Session, error: BulkError) -> None:
    """Nothing of a refused change is kept, even if the caller goes on with the session."""
    s.rollback()
    raise error


def _refusal(current: Preview, expected: str | None) -> BulkError | None:
    """Why the selection as it is now (under the lock) cannot be applied, if it cannot."""
    if current.blocked:
        return BulkError({"selection": _msg("Nothing changed: some notes cannot be.")}, current)
    if current.tasks == 0:
        return BulkError({"selection": _msg("There is no open task in this selection.")}, current)
    if expected is not None and expected != current.fingerprint:
        return StaleSelection({"selection": STALE}, current)
    return None


def reassign(
    s: Session,
    viewer: Viewer,
    selection: Selection,
    assignee_id: object,
    due_at: datetime | None,
    now: datetime,
    expected: str | None = None,
) -> BulkResult:
    """Reassign the selection, all or nothing. `expected` is the previewed fingerprint:
    when given and the selection no longer matches it, nothing changes."""
    to_id, to_name = check_target(s, viewer, assignee_id, due_at, now)
    where = selection.clause(s, viewer, now)
    lock(s, where)
    batch_id = str(uuid.uuid4())
    new_due = {"due_at": literal(due_at, UTCDateTime())} if due_at else {}
    after = snapshot(1, assignee_id=literal(to_id), **new_due)
    audit_batch(s, viewer, ACTION, batch_id, after, and_(where, reason(viewer) == OK), now)
    # Under the lock (or SQLite's write lock, taken by the INSERT): what is really there.
    current = preview(s, viewer, selection, now)
    refused = _refusal(current, expected)
    if refused is not None:
        _refuse(s, refused)
    digests(s, viewer, batch_id, to_id, now)
    values = {
        "assignee_id": to_id,
        "version": Note.version + 1,
        "updated_at": now,
        "updated_by_id": viewer.id,
    }
    if due_at is not None:
        values["due_at"] = due_at
    changed = s.execute(
        update(Note)
        .where(Note.id.in_(batch_notes(batch_id)))
        .values(**values)
        .execution_options(synchronize_session=False)
    ).rowcount
    if changed != current.tasks:  # cannot happen under the lock; never commit half of it
        _refuse(s, StaleSelection({"selection": STALE}, current))
    return BulkResult(batch_id, changed, to_name)


def reassign_all_open(
    s: Session, viewer: Viewer, from_user_id: int, to_user_id: int, now: datetime
) -> BulkResult | None:
    """Hand every open task of `from_user_id` to `to_user_id` (e.g. before deactivating
    them): one batch, undoable like any other. None when they had no open task."""
    if from_user_id == to_user_id:
        raise BulkError({"rep": _msg("Choose someone else.")})
    selection = Selection(assignee_id=from_user_id)
    if preview(s, viewer, selection, now).tasks == 0:
        return None
    return reassign(s, viewer, selection, to_user_id, None, now)
