"""Who may see what (DESIGN.md "Access"), as SQL clauses every query reuses.

- admin: everything;
- manager: every item whose assignee, author, responsible or customer account rep is in
  a team they manage, and their own items;
- rep: notes they authored or are assigned, notes on customers whose account rep they
  are, incoming activities they are responsible for.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, Select, exists, false, or_, select, true, union
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.visitors import InternalTraversal

from data.clock import DEFAULT_TIME_ZONE
from data.models import Activity, Customer, Note, User, team_manager, team_member


@dataclass(frozen=True)
class Viewer:
    """The signed-in user as the data layer needs them: identity, role and preferences."""

    id: int
    role: str
    name: str = ""
    email: str = ""
    time_zone: str = DEFAULT_TIME_ZONE
    locale: str = "fr"
    planned_threshold_minutes: int = 15
    counter_mode: str = "activity"
    # The parts of screens the user folded away, in data/preferences.py FOLDABLE order (kept
    # comma-separated in user_account.folded_panels).
    folded_panels: tuple[str, ...] = ()
    managed_team_ids: tuple[int, ...] = field(default_factory=tuple)

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def is_manager(self) -> bool:
        return self.role == "manager"


def load_viewer(s: Session, user_id: int) -> Viewer | None:
    """The active user `user_id` as a Viewer, or None when unknown or deactivated."""
    user = s.get(User, user_id)
    if user is None or not user.active:
        return None
    managed = s.scalars(
        select(team_manager.c.team_id).where(team_manager.c.user_id == user_id)
    ).all()
    return Viewer(
        id=user.id,
        role=user.role,
        name=user.name,
        email=user.email,
        time_zone=user.time_zone,
        locale=user.locale,
        planned_threshold_minutes=user.planned_threshold_minutes,
        counter_mode=user.counter_mode,
        folded_panels=tuple(p for p in (user.folded_panels or "").split(",") if p),
        managed_team_ids=tuple(sorted(managed)),
    )


def people_in_scope(viewer: Viewer) -> Select:
    """Ids of the users whose items the viewer sees: themselves, plus their teams' members."""
    me = select(User.id).where(User.id == viewer.id)
    if viewer.is_manager and viewer.managed_team_ids:
        team = select(team_member.c.user_id).where(
            team_member.c.team_id.in_(viewer.managed_team_ids)
        )
        return union(me, team)
    return me


class unindexed(ColumnElement):
    """A column the SQLite planner must not pick an index for (`+col`, SQLite's own idiom).

    A manager's scope covers most of the table: walking the author/assignee/customer indexes
    and OR-ing them costs seconds on SQLite, while the filter's own index (e.g. the partial
    index of overdue tasks) then a per-row scope check costs milliseconds. PostgreSQL's
    planner makes that choice by itself, so the column is left as it is there.
    """

    inherit_cache = True
    _traverse_internals = [("column", InternalTraversal.dp_clauseelement)]

    def __init__(self, column) -> None:
        self.column = column
        self.type = column.type


@compiles(unindexed)
def _unindexed_default(element, compiler, **kw):
    return compiler.process(element.column, **kw)


@compiles(unindexed, "sqlite")
def _unindexed_sqlite(element, compiler, **kw):
    return "+" + compiler.process(element.column, **kw)


def _customers_of(people: Select) -> Select:
    return select(Customer.id).where(Customer.account_rep_id.in_(people))


def visible_notes(viewer: Viewer) -> ColumnElement[bool]:
    """The notes the viewer may see (and, through the same clause, act on)."""
    if viewer.is_admin:
        return true()
    if viewer.is_manager:
        people = people_in_scope(viewer)
        return or_(
            unindexed(Note.author_id).in_(people),
            unindexed(Note.assignee_id).in_(people),
            unindexed(Note.customer_id).in_(_customers_of(people)),
        )
    return or_(
        Note.author_id == viewer.id,
        Note.assignee_id == viewer.id,
        Note.customer_id.in_(_customers_of(select(User.id).where(User.id == viewer.id))),
    )


def visible_activities(viewer: Viewer) -> ColumnElement[bool]:
    """The activities the viewer may see and close."""
    if viewer.is_admin:
        return true()
    if viewer.is_manager:
        people = people_in_scope(viewer)
        return or_(
            Activity.responsible_id.in_(people),
            Activity.customer_id.in_(_customers_of(people)),
        )
    return Activity.responsible_id == viewer.id


def visible_customers(viewer: Viewer) -> ColumnElement[bool]:
    """Customers are shared reference data: every signed-in user may find one to write a
    note on it. Their notes stay scoped by `visible_notes`."""
    return true() if viewer.id else false()


def assignable_users(viewer: Viewer) -> ColumnElement[bool]:
    """The active users the viewer may assign a task to."""
    if viewer.is_admin:
        return User.active.is_(True)
    if viewer.is_manager:
        return User.active.is_(True) & User.id.in_(people_in_scope(viewer))
    # A rep hands a task over to a colleague of one of their teams, or keeps it.
    my_teams = select(team_member.c.team_id).where(team_member.c.user_id == viewer.id)
    colleagues = select(team_member.c.user_id).where(team_member.c.team_id.in_(my_teams))
    return User.active.is_(True) & or_(User.id == viewer.id, User.id.in_(colleagues))


def filterable_people(viewer: Viewer) -> Select:
    """Ids of the people whose tasks the viewer may filter /notes on: everyone for an admin;
    a manager's teams and themselves; a rep themselves and every assignee of the notes they
    see (a colleague's task on one of their customers, a task they handed over)."""
    if viewer.is_admin:
        return select(User.id)
    if viewer.is_manager:
        return people_in_scope(viewer)
    # One probe per person on the assignee index (the first visible note ends it), rather
    # than every note the rep sees: 0.4 s at a million notes.
    person = aliased(User, name="person")
    assigned_and_seen = exists().where(
        Note.assignee_id == person.id, Note.deleted_at.is_(None), visible_notes(viewer)
    )
    return select(person.id).where(or_(person.id == viewer.id, assigned_and_seen))


def reassignable_notes(viewer: Viewer) -> ColumnElement[bool]:
    """The notes whose assignee the viewer may change, whatever the path (Reassign, the note
    form's Save, bulk, undo): a rep their own tasks and the plain notes they see; a manager
    their team's scope; an admin anything. The new assignee must be in `assignable_users`."""
    if viewer.is_admin:
        return true()
    if viewer.is_manager:
        return visible_notes(viewer)
    if viewer.role == "rep":
        mine = or_(Note.assignee_id == viewer.id, Note.assignee_id.is_(None))
        return visible_notes(viewer) & mine
    return false()
