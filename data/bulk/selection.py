"""What a bulk change is about: the selection (ticked ids, or "all matching" a /notes
filter) as a WHERE clause, who may change which note, and the refusals it raises."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, and_, case, literal, not_
from sqlalchemy.orm import Session

from data.errors import InvalidInput, Message, _msg, _nmsg
from data.filters import NoteFilter
from data.models import Note
from data.notes import where_clause
from data.scope import Viewer, reassignable_notes, visible_notes
from data.states import open_task

if TYPE_CHECKING:
    from data.bulk.preview import Preview

MAX_IDS = 10_000

# Why a selected note cannot be changed (the preview counts each reason).
NOT_ALLOWED = "not_allowed"  # outside the actor's scope, deleted or unknown: we do not say which
NOT_A_TASK = "not_a_task"
COMPLETED = "completed"
OK = "ok"


class BulkError(InvalidInput):
    """Nothing changed. `errors` maps a form field ("selection", "rep", "date", "undo") to a
    message; `preview` is the selection as it is now, when the refusal comes with one."""

    def __init__(self, errors: dict[str, Message], preview: Preview | None = None) -> None:
        super().__init__(errors)
        self.preview = preview


class StaleSelection(BulkError):
    """The selection changed since the preview; `preview` is the new one."""


@dataclass(frozen=True)
class Selection:
    """Ticked note ids, or every open task matching a /notes query string."""

    note_ids: tuple[int, ...] = ()
    query: str | None = None
    assignee_id: int | None = None  # internal: every open task of one person

    @classmethod
    def from_payload(cls, ids: object, all_matching: bool, query: str | None) -> Selection:
        """What a callback received from the browser, checked: never trust its shape."""
        if all_matching:
            return cls(query=str(query or ""))
        if not isinstance(ids, list | tuple):
            raise BulkError({"selection": _msg("Tick at least one task, or all matching.")})
        parsed: list[int] = []
        for raw in ids:
            text = str(raw).strip()
            if not text.isdigit() or len(text) > 12:
                raise BulkError({"selection": _msg("The selection holds an invalid note id.")})
            parsed.append(int(text))
        return cls(note_ids=tuple(dict.fromkeys(parsed)))

    def clause(self, s: Session | None, viewer: Viewer, now: datetime) -> ColumnElement[bool]:
        """The selected notes as a WHERE clause (`s` is not read: nothing is looked up)."""
        if self.assignee_id is not None:
            return and_(Note.assignee_id == self.assignee_id, open_task())
        if self.query is not None:
            # Parsed, not checked against the database: an id that does not exist matches no
            # note, so the selection can only be narrower than the filter the page shows.
            flt = NoteFilter.from_query(self.query)
            if flt.errors:
                text = "; ".join(str(m) for m in flt.errors)
                raise BulkError({"selection": _msg("The filter is not valid: {text}", text=text)})
            # "All matching" means the open tasks among the notes the filter shows.
            return and_(where_clause(viewer, flt, now), open_task())
        if not self.note_ids:
            raise BulkError({"selection": _msg("Tick at least one task, or all matching.")})
        if len(self.note_ids) > MAX_IDS:
            raise BulkError(
                {
                    "selection": _nmsg(
                        "At most {n} ticked note: use all matching.",
                        "At most {n} ticked notes: use all matching.",
                        MAX_IDS,
                    )
                }
            )
        return Note.id.in_(self.note_ids)


def may_reassign(viewer: Viewer) -> ColumnElement[bool]:
    """The notes the actor may bulk reassign: a rep their own tasks, a manager their team's
    scope, an admin anything."""
    return reassignable_notes(viewer)  # the one rule of every reassignment


def reason(viewer: Viewer) -> ColumnElement[str]:
    """Why the actor cannot change a note (one of the reasons above), or OK."""
    return case(
        (Note.deleted_at.is_not(None), literal(NOT_ALLOWED)),
        (not_(visible_notes(viewer)), literal(NOT_ALLOWED)),
        (Note.assignee_id.is_(None), literal(NOT_A_TASK)),
        (Note.completed_at.is_not(None), literal(COMPLETED)),
        (not_(may_reassign(viewer)), literal(NOT_ALLOWED)),
        else_=literal(OK),
    )
