"""The three counters (DESIGN.md "Counters"): Incoming, Planned, Today, in one SQL statement.

For a person U at `now`, by U's counter mode:
- activity responsible: tasks assigned to U, incoming activities whose responsible is U;
- item responsible: tasks and incoming activities on customers whose account rep is U.

Incoming = open incoming activities. Planned = open tasks due before now + U's threshold.
Today = open tasks due on U's calendar day (U's zone), overdue or not, plus open incoming
activities received that day. The day bounds are computed in Python (DST-safe) and compared
in SQL, like the note states.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import (
    ColumnElement,
    Integer,
    String,
    and_,
    bindparam,
    case,
    func,
    literal,
    select,
    true,
    union_all,
    values,
)
from sqlalchemy import column as col
from sqlalchemy.orm import Session

from data.clock import day_bounds, zone
from data.models import Activity, Customer, Note, Team, User, team_member
from data.scope import Viewer
from data.states import open_task
from data.types import UTCDateTime

ACTIVITY_MODE = "activity"
ITEM_MODE = "item"


@dataclass(frozen=True)
class Counters:
    incoming: int = 0
    planned: int = 0
    today: int = 0


@dataclass(frozen=True)
class Window:
    """One person's instants: planned before `planned_until`, today in [day_start, day_end)."""

    planned_until: datetime
    day_start: datetime
    day_end: datetime

    @property
    def until(self) -> datetime:
        """Every task either counter may count is due before this instant."""
        return max(self.planned_until, self.day_end)

    @classmethod
    def of(cls, now: datetime, time_zone: str, threshold_minutes: int) -> Window:
        start, end = day_bounds(now, zone(time_zone))
        return cls(now + timedelta(minutes=threshold_minutes), start, end)


def window_for(viewer: Viewer, now: datetime) -> Window:
    return Window.of(now, viewer.time_zone, viewer.planned_threshold_minutes)


def _customers_of(person_id) -> ColumnElement:
    return select(Customer.id).where(Customer.account_rep_id == person_id)


def task_scope(person_id, mode: str) -> ColumnElement[bool]:
    """The open tasks that count for `person_id` in `mode` (used by the counters and by the
    list that explains them)."""
    if mode == ITEM_MODE:
        return and_(open_task(), Note.customer_id.in_(_customers_of(person_id)))
    return and_(open_task(), Note.assignee_id == person_id)


def activity_scope(person_id, mode: str) -> ColumnElement[bool]:
    if mode == ITEM_MODE:
        return and_(
            Activity.closed_at.is_(None), Activity.customer_id.in_(_customers_of(person_id))
        )
    return and_(Activity.closed_at.is_(None), Activity.responsible_id == person_id)


def _at(value: datetime):
    return literal(value, UTCDateTime())


def counted_tasks(viewer: Viewer, counter: str, now: datetime) -> ColumnElement[bool]:
    """The tasks one counter counts ("planned" or "today"): what a click on it lists."""
    w = window_for(viewer, now)
    scope = task_scope(viewer.id, viewer.counter_mode)
    if counter == "planned":
        return and_(scope, Note.due_at < _at(w.planned_until))
    return and_(scope, Note.due_at >= _at(w.day_start), Note.due_at < _at(w.day_end))


def _counters_statement(mode: str):
    """The counters statement of one mode, built once: only the values are bound per call."""
    me = bindparam("me", type_=Integer())
    planned_until = bindparam("planned_until", type_=UTCDateTime())
    day_start = bindparam("day_start", type_=UTCDateTime())
    day_end = bindparam("day_end", type_=UTCDateTime())
    until = bindparam("until", type_=UTCDateTime())
    in_day = and_(Note.due_at >= day_start, Note.due_at < day_end)
    tasks = (
        select(
            func.coalesce(func.sum(case((Note.due_at < planned_until, 1), else_=0)), 0),
            func.coalesce(func.sum(case((in_day, 1), else_=0)), 0),
        )
        .where(task_scope(me, mode))
        # One range instead of "planned OR today": the day starts before now, so the union
        # of both is everything due before the later of their ends (index-friendly).
        .where(Note.due_at < until)
    ).subquery()
    received_today = and_(Activity.received_at >= day_start, Activity.received_at < day_end)
    activities = (
        select(
            func.count(),
            func.coalesce(func.sum(case((received_today, 1), else_=0)), 0),
        ).where(activity_scope(me, mode))
    ).subquery()
    t_planned, t_today = tasks.c
    a_open, a_today = activities.c
    # Two one-row aggregates side by side: a cross join on true.
    both = tasks.join(activities, true())
    return select(a_open, t_planned, t_today + a_today).select_from(both)


_STATEMENTS = {mode: _counters_statement(mode) for mode in (ACTIVITY_MODE, ITEM_MODE)}


def counters(s: Session, viewer: Viewer, now: datetime) -> Counters:
    """The viewer's three counters: one statement of conditional aggregates."""
    w = window_for(viewer, now)
    statement = _STATEMENTS.get(viewer.counter_mode, _STATEMENTS[ACTIVITY_MODE])
    params = {
        "me": viewer.id,
        "planned_until": w.planned_until,
        "day_start": w.day_start,
        "day_end": w.day_end,
        "until": w.until,
    }
    row = s.execute(statement, params).one()
    return Counters(incoming=int(row[0]), planned=int(row[1]), today=int(row[2]))


# --- employees' counters ------------------------------------------------------------------


@dataclass(frozen=True)
class EmployeeCounters:
    user_id: int
    name: str
    team: str
    counters: Counters


def employees(s: Session, viewer: Viewer) -> list[tuple[int, str, str, str, str, int]]:
    """(id, name, team, counter mode, time zone, threshold) of the people whose counters the
    viewer sees: a manager, the members of the teams they manage; an admin, everyone (by
    team; people in no team under "—")."""
    query = (
        select(
            User.id,
            User.name,
            func.coalesce(Team.name, "—"),
            User.counter_mode,
            User.time_zone,
            User.planned_threshold_minutes,
        )
        .outerjoin(team_member, team_member.c.user_id == User.id)
        .outerjoin(Team, Team.id == team_member.c.team_id)
        .where(User.active.is_(True))
        .order_by(func.coalesce(Team.name, "—"), User.name, User.id)
    )
    if viewer.is_manager:
        query = query.where(team_member.c.team_id.in_(viewer.managed_team_ids or (-1,)))
    elif not viewer.is_admin:
        return []
    return [tuple(row) for row in s.execute(query)]


def employees_counters(s: Session, viewer: Viewer, now: datetime) -> list[EmployeeCounters]:
    """Every employee's own three counters (their mode, threshold and zone)."""
    return people_counters(s, employees(s, viewer), now)


def people_counters(
    s: Session, people: list[tuple[int, str, str, str, str, int]], now: datetime
) -> list[EmployeeCounters]:
    """Each person's own three counters, for rows shaped like `employees` (id, name, team,
    counter mode, time zone, threshold), in one statement: the per-person windows come in as
    a VALUES list, then one UNION ALL of four grouped reads (tasks and activities, by
    assignee or by account rep) summed per person."""
    if not people:
        return []
    windows = {pid: Window.of(now, tz, threshold) for pid, _n, _t, _m, tz, threshold in people}
    modes = {pid: mode for pid, _n, _t, mode, _tz, _th in people}
    p = (
        values(
            col("person_id", Integer),
            col("mode", String),
            col("planned_until", UTCDateTime()),
            col("day_start", UTCDateTime()),
            col("day_end", UTCDateTime()),
            col("until", UTCDateTime()),
            name="person_window",
        )
        .data(
            [
                (pid, modes[pid], w.planned_until, w.day_start, w.day_end, w.until)
                for pid, w in windows.items()
            ]
        )
        .cte("person_window")
    )
    in_day_task = and_(Note.due_at >= p.c.day_start, Note.due_at < p.c.day_end)
    in_day_activity = and_(
        Activity.received_at >= p.c.day_start, Activity.received_at < p.c.day_end
    )

    def task_part(mode: str, person_column, *joins):
        query = select(
            p.c.person_id,
            literal(0).label("incoming"),
            case((Note.due_at < p.c.planned_until, 1), else_=0).label("planned"),
            case((in_day_task, 1), else_=0).label("today"),
        ).select_from(Note)
        for target, on in joins:
            query = query.join(target, on)
        return query.join(p, and_(p.c.person_id == person_column, p.c.mode == mode)).where(
            open_task(), Note.due_at < p.c.until
        )

    def activity_part(mode: str, person_column, *joins):
        query = select(
            p.c.person_id,
            literal(1).label("incoming"),
            literal(0).label("planned"),
            case((in_day_activity, 1), else_=0).label("today"),
        ).select_from(Activity)
        for target, on in joins:
            query = query.join(target, on)
        return query.join(p, and_(p.c.person_id == person_column, p.c.mode == mode)).where(
            Activity.closed_at.is_(None)
        )

    task_customer = (Customer, Customer.id == Note.customer_id)
    activity_customer = (Customer, Customer.id == Activity.customer_id)
    # Only the reads of the modes somebody uses: an item-mode read walks customers' notes.
    used = set(modes.values())
    reads = []
    if ACTIVITY_MODE in used:
        reads += [
            task_part(ACTIVITY_MODE, Note.assignee_id),
            activity_part(ACTIVITY_MODE, Activity.responsible_id),
        ]
    if ITEM_MODE in used:
        reads += [
            task_part(ITEM_MODE, Customer.account_rep_id, task_customer),
            activity_part(ITEM_MODE, Customer.account_rep_id, activity_customer),
        ]
    parts = union_all(*reads).subquery()
    rows = s.execute(
        select(
            parts.c.person_id,
            func.sum(parts.c.incoming),
            func.sum(parts.c.planned),
            func.sum(parts.c.today),
        ).group_by(parts.c.person_id)
    ).all()
    found = {row[0]: Counters(int(row[1]), int(row[2]), int(row[3])) for row in rows}
    return [
        EmployeeCounters(pid, name, team, found.get(pid, Counters()))
        for pid, name, team, _mode, _tz, _th in people
    ]
