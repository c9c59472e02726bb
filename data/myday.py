"""The "My day" page, in SQL: my tasks, counted exactly like my counters, and, for a manager
(an admin: everyone), the team's overdue tasks and tasks due today.

Each list is the filter of a /notes address (`link`), so its "showing n of N" opens exactly
the N it counts:
- my Planned: the tasks the Planned counter counts (/notes?counter=planned);
- my Today: the tasks the Today counter counts (/notes?counter=today); the counter also
  counts the incoming activities received today, listed under "Incoming activities";
- the team's overdue tasks (/notes?overdue=1) and notes due today (/notes?from=D&to=D), in
  the viewer's scope.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import Session, aliased

from data.clock import day_bounds, local_day, zone
from data.counters import activity_scope
from data.filters import NoteFilter
from data.models import Activity, Customer, Note, Status, User
from data.notes import where_clause
from data.scope import Viewer
from data.states import StateBounds, state_sql

MY_DAY_LIMIT = 20
TEAM_LIMIT = 10


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
class TaskList:
    """The first rows of a list, how many it holds, and the /notes address of all of them."""

    rows: list[TaskRow]
    total: int
    link: str


@dataclass(frozen=True)
class MyDay:
    planned: TaskList  # mine, as the Planned counter counts them
    today: TaskList  # mine, as the Today counter counts its tasks
    activities_today: int  # incoming activities received today, also in the Today counter
    team_overdue: TaskList | None  # managers and admins only
    team_today: TaskList | None

    @property
    def today_counter(self) -> int:
        """What the Today counter shows: today's tasks and today's incoming activities."""
        return self.today.total + self.activities_today


def _task_list(s: Session, viewer: Viewer, now: datetime, flt: NoteFilter, limit: int) -> TaskList:
    bounds = StateBounds.for_viewer(now, viewer.time_zone, viewer.planned_threshold_minutes)
    where = where_clause(viewer, flt, now)
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
        .where(where)
        .order_by(Note.due_at, Note.id)
        .limit(limit)
    )
    rows = [TaskRow(*row) for row in s.execute(query)]
    total = s.scalar(select(func.count()).select_from(Note).where(where)) or 0
    return TaskList(rows, total, f"/notes?{flt.to_query()}")


def _activities_today(s: Session, viewer: Viewer, now: datetime) -> int:
    start, end = day_bounds(now, zone(viewer.time_zone))
    received: ColumnElement[bool] = and_(Activity.received_at >= start, Activity.received_at < end)
    query = (
        select(func.count())
        .select_from(Activity)
        .where(activity_scope(viewer.id, viewer.counter_mode), received)
    )
    return s.scalar(query) or 0


def shows_team(viewer: Viewer) -> bool:
    return viewer.is_manager or viewer.is_admin


def my_day(s: Session, viewer: Viewer, now: datetime, limit: int = MY_DAY_LIMIT) -> MyDay:
    """My Planned and Today tasks (oldest first), and the team's lists for a manager."""
    team_overdue = team_today = None
    if shows_team(viewer):
        day = local_day(now, zone(viewer.time_zone))
        team_overdue = _task_list(s, viewer, now, NoteFilter(overdue=True), TEAM_LIMIT)
        team_today = _task_list(s, viewer, now, NoteFilter(date_from=day, date_to=day), TEAM_LIMIT)
    return MyDay(
        planned=_task_list(s, viewer, now, NoteFilter(counter="planned"), limit),
        today=_task_list(s, viewer, now, NoteFilter(counter="today"), limit),
        activities_today=_activities_today(s, viewer, now),
        team_overdue=team_overdue,
        team_today=team_today,
    )
