"""The team stand-up screen (/standup): what it shows for one team (TV links: standup_links.py).

The screen, for one team's active members (team_member rows):
- each person's own three counters, exactly as their `counter-*` shows them (data.counters);
- their overdue tasks: open tasks assigned to them, due before now;
- their completions yesterday: tasks they completed during yesterday's local day;
- the team's "today at a glance": still due today (now ≤ due < end of today), overdue,
  completed yesterday, completed so far today;
- the ten oldest overdue open tasks assigned to them.
"Yesterday" and "today" are days of the viewer's zone (a TV link: its creator's zone).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from data.clock import local_day, start_of_day, zone
from data.counters import Counters, people_counters
from data.errors import NotAllowed
from data.models import Customer, Note, Team, User, team_member
from data.scope import Viewer
from data.states import open_task
from data.types import as_id

OLDEST_OVERDUE = 10
EXCERPT_CHARS = 140


@dataclass(frozen=True)
class RepLine:
    user_id: int
    name: str
    counters: Counters
    overdue: int
    done_yesterday: int


@dataclass(frozen=True)
class OverdueTask:
    note_id: int
    due_at: datetime
    customer: str | None
    excerpt: str
    assignee: str


@dataclass(frozen=True)
class Glance:
    due_today: int = 0
    overdue: int = 0
    done_yesterday: int = 0
    done_today: int = 0


@dataclass(frozen=True)
class Standup:
    team_id: int
    team_name: str
    now: datetime
    reps: list[RepLine]
    glance: Glance
    oldest_overdue: list[OverdueTask]


def teams_for(s: Session, viewer: Viewer) -> list[tuple[int, str]]:
    """(id, name) of the teams whose stand-up the viewer may open, by name: an admin, every
    team; a manager, the teams they manage; a rep, none."""
    query = select(Team.id, Team.name).order_by(Team.name, Team.id)
    if viewer.is_manager:
        query = query.where(Team.id.in_(viewer.managed_team_ids or (-1,)))
    elif not viewer.is_admin:
        return []
    return [(row[0], row[1]) for row in s.execute(query)]


def choose_team(s: Session, viewer: Viewer, requested: object) -> int:
    """The team to show: `requested` when the viewer may see it, their first team when
    nothing is requested; NotAllowed otherwise (a rep, a team of someone else, no team)."""
    teams = dict(teams_for(s, viewer))
    if requested in (None, ""):
        if not teams:
            raise NotAllowed()
        return next(iter(teams))
    team_id = as_id(requested)
    if team_id not in teams:
        raise NotAllowed()
    return team_id


def team_people(s: Session, team_id: int) -> list[tuple[int, str, str, str, str, int]]:
    """The team's active members, by name, shaped like `data.counters.employees`."""
    query = (
        select(
            User.id,
            User.name,
            Team.name,
            User.counter_mode,
            User.time_zone,
            User.planned_threshold_minutes,
        )
        .join(team_member, team_member.c.user_id == User.id)
        .join(Team, Team.id == team_member.c.team_id)
        .where(team_member.c.team_id == team_id, User.active.is_(True))
        .order_by(User.name, User.id)
    )
    return [tuple(row) for row in s.execute(query)]


def _tasks_by_assignee(s: Session, members: list[int], now: datetime, today_end: datetime):
    """{assignee: (overdue, still due today)} for open tasks due before the end of today."""
    query = (
        select(
            Note.assignee_id,
            func.sum(case((Note.due_at < now, 1), else_=0)),
            func.sum(case((Note.due_at >= now, 1), else_=0)),
        )
        .where(open_task(), Note.assignee_id.in_(members), Note.due_at < today_end)
        .group_by(Note.assignee_id)
    )
    return {row[0]: (int(row[1]), int(row[2])) for row in s.execute(query)}


def _completions_by_person(s: Session, members: list[int], now: datetime, tz_name: str):
    """{person: (completed yesterday, completed today so far)} in `tz_name`'s days."""
    tz = zone(tz_name)
    today = local_day(now, tz)
    today_start = start_of_day(today, tz)
    yesterday_start = start_of_day(today - timedelta(days=1), tz)
    query = (
        select(
            Note.completed_by_id,
            func.sum(case((Note.completed_at < today_start, 1), else_=0)),
            func.sum(case((Note.completed_at >= today_start, 1), else_=0)),
        )
        .where(
            Note.completed_by_id.in_(members),
            Note.completed_at >= yesterday_start,
            Note.completed_at <= now,
            Note.deleted_at.is_(None),
        )
        .group_by(Note.completed_by_id)
    )
    return {row[0]: (int(row[1]), int(row[2])) for row in s.execute(query)}


def _excerpt(body: str) -> str:
    text = " ".join((body or "").split())
    return text if len(text) <= EXCERPT_CHARS else text[: EXCERPT_CHARS - 1].rstrip() + "…"


def oldest_overdue(
    s: Session, members: list[int], now: datetime, limit: int = OLDEST_OVERDUE
) -> list[OverdueTask]:
    """The `limit` oldest overdue open tasks assigned to `members` (oldest due first)."""
    if not members:
        return []
    query = (
        select(
            Note.id,
            Note.due_at,
            Customer.name,
            # Only the start of the body leaves the database: a note may hold 20,000 characters.
            func.substr(Note.body, 1, EXCERPT_CHARS * 2),
            User.name,
        )
        .join(User, User.id == Note.assignee_id)
        .outerjoin(Customer, Customer.id == Note.customer_id)
        .where(open_task(), Note.assignee_id.in_(members), Note.due_at < now)
        .order_by(Note.due_at, Note.id)
        .limit(limit)
    )
    return [
        OverdueTask(row[0], row[1], row[2], _excerpt(row[3]), row[4]) for row in s.execute(query)
    ]


def standup(s: Session, team_id: int, time_zone: str, now: datetime) -> Standup:
    """Everything the screen shows for one team; `time_zone` sets "yesterday" and "today"."""
    name = s.scalar(select(Team.name).where(Team.id == team_id)) or ""
    people = team_people(s, team_id)
    members = [row[0] for row in people]
    counters = {c.user_id: c.counters for c in people_counters(s, people, now)}
    tz = zone(time_zone)
    today_end = start_of_day(local_day(now, tz) + timedelta(days=1), tz)
    tasks = _tasks_by_assignee(s, members, now, today_end) if members else {}
    done = _completions_by_person(s, members, now, time_zone) if members else {}
    reps = [
        RepLine(
            user_id=pid,
            name=person_name,
            counters=counters.get(pid, Counters()),
            overdue=tasks.get(pid, (0, 0))[0],
            done_yesterday=done.get(pid, (0, 0))[0],
        )
        for pid, person_name, *_rest in people
    ]
    glance = Glance(
        due_today=sum(due for _o, due in tasks.values()),
        overdue=sum(overdue for overdue, _d in tasks.values()),
        done_yesterday=sum(yesterday for yesterday, _t in done.values()),
        done_today=sum(today for _y, today in done.values()),
    )
    return Standup(team_id, name, now, reps, glance, oldest_overdue(s, members, now))
