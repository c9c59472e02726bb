"""One rule for every write to a note: which note a viewer may change, and whether they may
change one of its fields to a given value. The note form (create, save, complete, complete +
new, reassign), the board's moves and bulk reassign and its undo all go through here or
through the same SQL clauses (`data.scope.visible_notes`, `reassignable_notes`,
`assignable_users`), so a path cannot be more generous than another.

A note outside the viewer's scope answers exactly like a missing or deleted one: NotAllowed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from data.errors import InvalidInput, NotAllowed, StaleVersion, _msg
from data.models import Note, User
from data.scope import Viewer, assignable_users, reassignable_notes, visible_notes
from data.types import as_id

OUT_OF_REACH = _msg("this person is inactive or outside your scope")
NOT_A_TASK = _msg("only a task (a note with an assignee) can be completed")
COMPLETED_ALREADY = _msg("this task is completed already")
COMPLETED_NO_REASSIGN = _msg("a completed task cannot be reassigned")

# The changes the rule knows: the assignee, the follow-up date of an open task (the board),
# completion; any other field only needs the note to be writable.
ASSIGNEE, DUE_OF_OPEN_TASK, COMPLETION = "assignee", "due_of_open_task", "completion"


@dataclass(frozen=True)
class WritableNote:
    """A note as the viewer may change it, read under the viewer's scope."""

    id: int
    version: int
    assignee_id: int | None
    due_at: datetime | None
    completed_at: datetime | None
    customer_id: int | None
    reassignable: bool


def writable_note(s: Session, viewer: Viewer, note_id: object, version: object) -> WritableNote:
    """The note `note_id` at `version`, when the viewer may change it: one read with the scope
    in SQL. Not an id, absent, deleted or outside the scope: NotAllowed (we never say which);
    another version: StaleVersion naming who changed it."""
    wanted, expected = as_id(note_id), as_id(version)
    if wanted is None or expected is None:
        raise NotAllowed()
    row = s.execute(
        select(
            Note.id,
            Note.version,
            Note.assignee_id,
            Note.due_at,
            Note.completed_at,
            Note.customer_id,
            reassignable_notes(viewer).label("reassignable"),
        ).where(Note.id == wanted, Note.deleted_at.is_(None), visible_notes(viewer))
    ).first()
    if row is None:
        raise NotAllowed()
    if row.version != expected:
        raise stale(s, wanted)
    return WritableNote(*row[:6], reassignable=bool(row.reassignable))


def check_change(s: Session, viewer: Viewer, note: WritableNote, change: str, value=None) -> None:
    """May the viewer make `change` to `note` (with `value`: the new assignee id)? Raises
    NotAllowed or InvalidInput; returns when they may."""
    if change == ASSIGNEE:
        if value != note.assignee_id:
            check_reassign(s, viewer, note, value)
    elif change == DUE_OF_OPEN_TASK:
        if note.assignee_id is None or note.completed_at is not None:
            raise NotAllowed()
    elif change == COMPLETION:
        if note.assignee_id is None:
            raise InvalidInput({"complete": NOT_A_TASK})
        if note.completed_at is not None:
            raise InvalidInput({"complete": COMPLETED_ALREADY})
    else:
        raise ValueError(f"unknown change {change!r}")


def check_reassign(s: Session, viewer: Viewer, note: WritableNote, assignee_id: object) -> None:
    """Who may give whose task to whom (Reassign, and Save when the assignee changes): the
    task is open, the viewer may change its assignee, the new one is within their reach
    (None: nobody, the task becomes a plain note)."""
    if note.completed_at is not None:
        raise InvalidInput({"assignee": COMPLETED_NO_REASSIGN})
    if not note.reassignable:
        raise NotAllowed()
    if assignee_id is not None and not may_assign_to(s, viewer, assignee_id):
        raise InvalidInput({"assignee": OUT_OF_REACH})


def may_assign_to(s: Session, viewer: Viewer, user_id: object) -> bool:
    """Whether the viewer may give a task to `user_id` (active, within their reach)."""
    wanted = as_id(user_id)
    if wanted is None:
        return False
    return s.scalar(select(User.id).where(User.id == wanted, assignable_users(viewer))) is not None


def stale(s: Session, note_id: int) -> StaleVersion:
    who = s.execute(
        select(User.name, Note.updated_at)
        .join(User, User.id == Note.updated_by_id, isouter=True)
        .where(Note.id == note_id)
    ).first()
    return StaleVersion(who[0] if who else None, who[1] if who else None)


def guarded_update(s: Session, viewer: Viewer, note: WritableNote, values: dict, now) -> None:
    """UPDATE … WHERE id AND version AND in scope: a concurrent save makes it match nothing."""
    result = s.execute(
        update(Note)
        .where(Note.id == note.id, Note.version == note.version, visible_notes(viewer))
        .values(**values, version=note.version + 1, updated_at=now, updated_by_id=viewer.id)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise stale(s, note.id)
