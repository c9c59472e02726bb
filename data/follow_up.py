"""The note form's "Complete + new note": complete a task and propose its follow-up, a new
task that carries what the completed one was about (customer, order, status, action,
category, options), for the same person when the viewer may give it to them, due after the
viewer's usual interval."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from statistics import median_low

from sqlalchemy import select
from sqlalchemy.orm import Session

from data.clock import zone
from data.models import Note
from data.note_access import may_assign_to
from data.note_form import NoteForm
from data.note_ops import complete_note, load_note
from data.scope import Viewer
from data.types import as_id

DEFAULT_INTERVAL_DAYS = 7
MIN_INTERVAL_DAYS, MAX_INTERVAL_DAYS = 1, 90
RECENT_TASKS = 20  # the viewer's latest tasks with a follow-up date that set their habit
MIN_SAMPLES = 3  # fewer than this says nothing about a habit: the default applies
SATURDAY = 5


def usual_interval_days(s: Session, viewer: Viewer) -> int:
    """The viewer's usual follow-up interval: the median, in whole days, of the gap between
    writing a task and its follow-up date over the last RECENT_TASKS tasks they wrote with
    one; DEFAULT_INTERVAL_DAYS below MIN_SAMPLES of them; always within 1-90 days."""
    rows = s.execute(
        select(Note.created_at, Note.due_at)
        .where(
            Note.author_id == viewer.id,
            Note.assignee_id.is_not(None),
            Note.due_at.is_not(None),
            Note.deleted_at.is_(None),
        )
        .order_by(Note.created_at.desc(), Note.id.desc())
        .limit(RECENT_TASKS)
    ).all()
    gaps = [round((due - created).total_seconds() / 86_400) for created, due in rows]
    if len(gaps) < MIN_SAMPLES:
        return DEFAULT_INTERVAL_DAYS
    return max(MIN_INTERVAL_DAYS, min(MAX_INTERVAL_DAYS, median_low(gaps)))


def proposed_due(now: datetime, time_zone: str, days: int, due_at: datetime | None):
    """(day, time of day) in the viewer's zone, `days` after today; a weekend day moves to
    the Monday after; the completed task's time of day is kept ("" without one: 09:00)."""
    local = now.astimezone(zone(time_zone))
    day = local.date() + timedelta(days=days)
    if day.weekday() >= SATURDAY:
        day += timedelta(days=7 - day.weekday())
    at = due_at.astimezone(zone(time_zone)).strftime("%H:%M") if due_at else ""
    return day.isoformat(), at


def follow_up_assignee(s: Session, viewer: Viewer, assignee_id: int | None) -> int | None:
    """The completed task's assignee when the viewer may still give them a task, otherwise
    the viewer (within their own reach), otherwise nobody."""
    for candidate in (assignee_id, viewer.id):
        if candidate is not None and may_assign_to(s, viewer, candidate):
            return candidate
    return None


def complete_with_follow_up(
    s: Session, viewer: Viewer, note_id: object, version: object, now: datetime
) -> NoteForm:
    """Complete the task (the write rule of data.note_access) and return the new note's
    form: nothing is written for the follow-up until the user saves it."""
    complete_note(s, viewer, note_id, version, now)
    task = load_note(s, viewer, as_id(note_id))
    day, at = proposed_due(now, viewer.time_zone, usual_interval_days(s, viewer), task["due_at"])
    # The task's own form (customer, order, status, action, category, options), with a new
    # text, the proposed date and the assignee the viewer may give it.
    return replace(
        NoteForm.of_note(task, viewer.time_zone),
        body="",
        due_day=day,
        due_time=at,
        assignee=follow_up_assignee(s, viewer, task["assignee_id"]),
    )
