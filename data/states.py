"""Note states and their colours (DESIGN.md "Note states and colours").

One set of boundaries, computed in Python in the viewer's zone, feeds both the Python
function (one note) and the SQL CASE expression (many notes), so they cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, case, literal

from data.clock import day_bounds, zone
from data.i18n import N_
from data.models import Note

OVERDUE = "overdue"
DUE_SOON = "due_soon"
TODAY = "today"
UPCOMING = "upcoming"
NO_DATE = "no_date"
COMPLETED = "completed"
PLAIN_NOTE = "note"

STATES = (OVERDUE, DUE_SOON, TODAY, UPCOMING, NO_DATE, COMPLETED, PLAIN_NOTE)

# Bootstrap-compatible colours; the CSS classes `state-<name>` use the same values.
STATE_COLOURS = {
    OVERDUE: "#dc3545",
    DUE_SOON: "#fd7e14",
    TODAY: "#f0ad4e",
    UPCOMING: "#198754",
    NO_DATE: "#6c757d",
    COMPLETED: "#adb5bd",
    PLAIN_NOTE: "#0d6efd",
}

# What a person reads for each state (translated where it is shown).
STATE_LABELS = {
    OVERDUE: N_("overdue"),
    DUE_SOON: N_("due soon"),
    TODAY: N_("today"),
    UPCOMING: N_("upcoming"),
    NO_DATE: N_("no date"),
    COMPLETED: N_("completed"),
    PLAIN_NOTE: N_("note"),
}


@dataclass(frozen=True)
class StateBounds:
    """The instants that separate the states for one viewer at one moment (all UTC)."""

    now: datetime
    soon_until: datetime
    today_end: datetime

    @classmethod
    def for_viewer(cls, now: datetime, time_zone: str, threshold_minutes: int) -> StateBounds:
        _, today_end = day_bounds(now, zone(time_zone))
        return cls(now, now + timedelta(minutes=threshold_minutes), today_end)


def note_state(
    bounds: StateBounds,
    *,
    assignee_id: int | None,
    due_at: datetime | None,
    completed_at: datetime | None,
) -> str:
    if completed_at is not None:
        return COMPLETED
    if assignee_id is None:
        return PLAIN_NOTE
    if due_at is None:
        return NO_DATE
    if due_at < bounds.now:
        return OVERDUE
    if due_at < bounds.soon_until:
        return DUE_SOON
    if due_at < bounds.today_end:
        return TODAY
    return UPCOMING


def state_sql(bounds: StateBounds) -> ColumnElement[str]:
    """The same rules as `note_state`, as a CASE expression over the note table."""
    return case(
        (Note.completed_at.is_not(None), literal(COMPLETED)),
        (Note.assignee_id.is_(None), literal(PLAIN_NOTE)),
        (Note.due_at.is_(None), literal(NO_DATE)),
        (Note.due_at < bounds.now, literal(OVERDUE)),
        (Note.due_at < bounds.soon_until, literal(DUE_SOON)),
        (Note.due_at < bounds.today_end, literal(TODAY)),
        else_=literal(UPCOMING),
    )


def open_task() -> ColumnElement[bool]:
    """Assigned, not completed, not deleted: matches the partial index on open tasks."""
    return and_(
        Note.assignee_id.is_not(None), Note.completed_at.is_(None), Note.deleted_at.is_(None)
    )


def is_open_task(*, assignee_id: int | None, completed_at: datetime | None) -> bool:
    """`open_task()` for one note that is not deleted: assigned and not completed."""
    return assignee_id is not None and completed_at is None


@dataclass(frozen=True)
class TaskActions:
    """What the note form offers for a note: completing and reassigning an open task only,
    and a "completed" notice for a completed task."""

    complete: bool = False
    reassign: bool = False
    completed: bool = False

    @classmethod
    def of(cls, *, assignee_id: int | None, completed_at: datetime | None) -> TaskActions:
        is_open = is_open_task(assignee_id=assignee_id, completed_at=completed_at)
        return cls(complete=is_open, reassign=is_open, completed=completed_at is not None)
