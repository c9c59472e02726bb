"""/analytics: what the user asked for (team, person, period), checked against their scope.

Managers and admins only. The people are a SQL select of user ids: an admin's active users,
a manager's teams and themselves (data.scope), narrowed to one team or one person; a team or
person outside that is refused, never silently widened. The period's days are the viewer's
calendar days, their bounds UTC instants computed in Python (DST-safe).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from urllib.parse import urlencode

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from data.clock import day_bounds, local_day, start_of_day, zone
from data.errors import InvalidInput, Message, NotAllowed, _msg, _nmsg
from data.models import Team, User, team_member
from data.scope import Viewer, people_in_scope
from data.types import as_id

ROLES = ("admin", "manager")
PERIODS = (30, 90)
DEFAULT_PERIOD = 30
MAX_DAYS = 366
FIRST_DAY = date(2000, 1, 1)


# --- what the user asked for ---------------------------------------------------------------


def _text(params: Mapping[str, object], name: str) -> str:
    value = params.get(name)
    return "" if value is None else str(value).strip()[:40]


@dataclass(frozen=True)
class Selection:
    """Team, person and period, from the page's fields or the CSV link's query string."""

    team: int | None = None
    rep: int | None = None
    period: int = DEFAULT_PERIOD
    date_from: date | None = None
    date_to: date | None = None

    @classmethod
    def parse(cls, params: Mapping[str, object], today: date) -> Selection:
        """Every field checked; raises InvalidInput naming each bad one."""
        errors: dict[str, Message] = {}

        def ident(name: str) -> int | None:
            raw = _text(params, name)
            if (id_ := as_id(raw)) is not None:
                return id_
            if raw:
                errors[name] = _msg("{name}: '{value}' is not a valid id", name=name, value=raw)
            return None

        def day(name: str) -> date | None:
            raw = _text(params, name)
            if not raw:
                return None
            try:
                parsed = date.fromisoformat(raw)
            except ValueError:
                errors[name] = _msg(
                    "{name}: '{value}' is not a date (YYYY-MM-DD)", name=name, value=raw
                )
                return None
            if parsed < FIRST_DAY:
                errors[name] = _msg("{name}: '{value}' is out of range", name=name, value=raw)
            elif parsed > today:
                errors[name] = _msg("{name}: the date is after today", name=name)
            return parsed

        period = DEFAULT_PERIOD
        raw_period = _text(params, "period")
        if raw_period:
            if raw_period in {str(p) for p in PERIODS}:
                period = int(raw_period)
            else:
                keys = ", ".join(map(str, PERIODS))
                errors["period"] = _msg(
                    "period: '{value}' is not one of {keys}", value=raw_period, keys=keys
                )
        selection = cls(ident("team"), ident("rep"), period, day("from"), day("to"))
        if not errors:
            first, last = selection.days(today)
            if first > last:
                errors["from"] = _msg("from: the start date is after the end date")
            elif (last - first).days + 1 > MAX_DAYS:
                errors["from"] = _nmsg(
                    "from: the period is longer than {n} day",
                    "from: the period is longer than {n} days",
                    MAX_DAYS,
                )
        if errors:
            raise InvalidInput(errors)
        return selection

    def days(self, today: date) -> tuple[date, date]:
        """First and last day: `period` days ending today, unless from/to say otherwise."""
        last = self.date_to or today
        first = self.date_from or last - timedelta(days=self.period - 1)
        return first, last

    def to_query(self) -> str:
        """The query string of the CSV links, so a download reads what the page shows."""
        params = {
            "team": self.team,
            "rep": self.rep,
            "period": self.period,
            "from": self.date_from.isoformat() if self.date_from else None,
            "to": self.date_to.isoformat() if self.date_to else None,
        }
        return urlencode({k: v for k, v in params.items() if v is not None})


@dataclass(frozen=True)
class Period:
    """The days of a selection and their bounds in UTC: bounds[i] starts day i, the last
    bound ends the last day (at `now` when that day is today)."""

    first: date
    last: date
    bounds: tuple[datetime, ...]

    @classmethod
    def of(cls, selection: Selection, time_zone: str, now: datetime) -> Period:
        tz = zone(time_zone)
        first, last = selection.days(local_day(now, tz))
        count = (last - first).days + 1
        starts = [start_of_day(first + timedelta(days=i), tz) for i in range(count)]
        end = min(start_of_day(last + timedelta(days=1), tz), now)
        return cls(first, last, (*starts, end))

    @property
    def days(self) -> list[date]:
        return [self.first + timedelta(days=i) for i in range(len(self.bounds) - 1)]

    @property
    def start(self) -> datetime:
        return self.bounds[0]

    @property
    def end(self) -> datetime:
        return self.bounds[-1]


@dataclass(frozen=True)
class View:
    """What every chart reads: the selected people (a SQL select of ids), the period, now."""

    people: Select
    period: Period
    now: datetime
    today_end: datetime
    locale: str = "fr"


# --- who -------------------------------------------------------------------------------------


def _visible_people(viewer: Viewer) -> Select:
    """Active users the viewer may see figures of: an admin everyone, a manager their scope."""
    query = select(User.id).where(User.active.is_(True))
    if not viewer.is_admin:
        query = query.where(User.id.in_(people_in_scope(viewer)))
    return query


def _visible_teams(viewer: Viewer) -> Select:
    query = select(Team.id)
    if not viewer.is_admin:
        query = query.where(Team.id.in_(viewer.managed_team_ids or (-1,)))
    return query


def _check_role(viewer: Viewer) -> None:
    if viewer.role not in ROLES:
        raise NotAllowed()  # analytics are for managers and admins


def selected_people(s: Session, viewer: Viewer, selection: Selection) -> Select:
    """The ids of the people the figures cover; refuses a team or person outside the scope."""
    _check_role(viewer)
    people = _visible_people(viewer)
    if selection.team is not None:
        team_ok = s.scalar(_visible_teams(viewer).where(Team.id == selection.team))
        if team_ok is None:
            raise NotAllowed(_msg("This team is outside your scope."), "team")
        members = select(team_member.c.user_id).where(team_member.c.team_id == selection.team)
        people = people.where(User.id.in_(members))
    if selection.rep is not None:
        if s.scalar(_visible_people(viewer).where(User.id == selection.rep)) is None:
            raise NotAllowed(_msg("This person is inactive or outside your scope."), "rep")
        if s.scalar(people.where(User.id == selection.rep)) is None:
            raise InvalidInput({"rep": _msg("This person is not a member of this team.")})
        people = people.where(User.id == selection.rep)
    return people


def teams(s: Session, viewer: Viewer) -> list[tuple[int, str]]:
    """The teams the viewer may narrow the figures to, by name."""
    _check_role(viewer)
    query = select(Team.id, Team.name).where(Team.id.in_(_visible_teams(viewer)))
    return [tuple(row) for row in s.execute(query.order_by(Team.name))]


def people(s: Session, viewer: Viewer, team: int | None = None) -> list[tuple[int, str]]:
    """The people the viewer may pick (of `team` when given), by name."""
    ids = selected_people(s, viewer, Selection(team=team))
    query = select(User.id, User.name).where(User.id.in_(ids)).order_by(User.name, User.id)
    return [tuple(row) for row in s.execute(query)]


def prepare(s: Session, viewer: Viewer, selection: Selection, now: datetime) -> View:
    """Checks the selection against the viewer's scope; raises NotAllowed or InvalidInput."""
    who = selected_people(s, viewer, selection)
    _, today_end = day_bounds(now, zone(viewer.time_zone))
    period = Period.of(selection, viewer.time_zone, now)
    return View(who, period, now, today_end, viewer.locale)


@dataclass(frozen=True)
class Choices:
    """The team and person pickers: what the viewer may pick, and what the address bar asked
    for that they may not (kept as asked, so the charts' refusal says why, not dropped)."""

    teams: list[tuple[int, str]]
    people: list[tuple[int, str]]
    kept_team: object = None
    kept_rep: object = None
    keep_rep: bool = True  # False: the chosen person is not in the new team


def choices(s: Session, viewer: Viewer, team: object, rep: object, first_call: bool) -> Choices:
    """A new team keeps the chosen person only if they are in it; the first call (the page
    opening) keeps what the address bar asked for."""
    team, rep = as_id(team), as_id(rep)  # the pickers send ids; anything else is none
    found_teams = teams(s, viewer)
    try:
        found = people(s, viewer, team)
    except (NotAllowed, InvalidInput):
        found = people(s, viewer)  # the chart callback says why
    member = rep in {pid for pid, _name in found}
    unknown_team = team is not None and team not in {tid for tid, _name in found_teams}
    return Choices(
        teams=found_teams,
        people=found,
        kept_team=team if unknown_team else None,
        kept_rep=rep if first_call and rep is not None and not member else None,
        keep_rep=first_call or member,
    )
