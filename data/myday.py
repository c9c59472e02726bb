"""The "My day" page: the viewer's overdue tasks and tasks due today, in SQL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from data.models import Customer, Note, Status, User
from data.scope import Viewer, visible_notes
from data.states import StateBounds, open_task, state_sql

MY_DAY_LIMIT = 20


@dataclass(frozen=True)
class TaskRow:
    id: int
    body: str
    customer: str | None
    assignee: str | None
    due_at: datetime | None
    state: str
    status: str | None
    status_font_color: str | None
    status_background_color: str | None


@dataclass(frozen=True)
class MyDay:
    overdue: list[TaskRow]
    overdue_total: int
    today: list[TaskRow]
    today_total: int


def _task_rows(s: Session, viewer: Viewer, bounds: StateBounds, window, limit: int):
    assignee = aliased(User)
    query = (
        select(
            Note.id,
            func.substr(Note.body, 1, 200),
            Customer.name,
            assignee.name,
            Note.due_at,
            state_sql(bounds),
            Status.name,
            Status.font_color,
            Status.background_color,
        )
        .outerjoin(Customer, Customer.id == Note.customer_id)
        .outerjoin(assignee, assignee.id == Note.assignee_id)
        .outerjoin(Status, Status.id == Note.status_id)
        .where(open_task(), visible_notes(viewer), window)
        .order_by(Note.due_at, Note.id)
        .limit(limit)
    )
    return [TaskRow(*row) for row in s.execute(query)]


def _counts(s: Session, viewer: Viewer, overdue, today, until) -> tuple[int, int]:
    """Both totals in one pass over the viewer's open tasks due before `until`."""
    query = (
        select(func.count().filter(overdue), func.count().filter(today))
        .select_from(Note)
        .where(open_task(), visible_notes(viewer), Note.due_at < until)
    )
    overdue_total, today_total = s.execute(query).one()
    return overdue_total or 0, today_total or 0


def my_day(s: Session, viewer: Viewer, now: datetime, limit: int = MY_DAY_LIMIT) -> MyDay:
    """Top `limit` overdue and due-today open tasks in the viewer's scope, oldest first."""
    bounds = StateBounds.for_viewer(now, viewer.time_zone, viewer.planned_threshold_minutes)
    overdue = Note.due_at < bounds.now
    today = (Note.due_at >= bounds.now) & (Note.due_at < bounds.today_end)
    overdue_total, today_total = _counts(s, viewer, overdue, today, bounds.today_end)
    return MyDay(
        overdue=_task_rows(s, viewer, bounds, overdue, limit),
        overdue_total=overdue_total,
        today=_task_rows(s, viewer, bounds, today, limit),
        today_total=today_total,
    )
