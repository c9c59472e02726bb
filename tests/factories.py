"""Small builders that arrange test data the way a story reads."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import count

from sqlalchemy import insert
from sqlalchemy.orm import Session

from data.models import Activity, Customer, Note, Status, Team, User, team_manager, team_member
from data.users import hash_password

PASSWORD = "secret-pw"
_HASH = hash_password(PASSWORD)
_seq = count(1)
FIXED_NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # 10:00 in Paris


def at(*args) -> datetime:
    """A UTC instant: at(2026, 11, 23, 22, 59)."""
    return datetime(*args, tzinfo=UTC)


def user(s: Session, name: str, role: str = "rep", **kw) -> User:
    email = kw.pop("email", f"{name.lower().replace(' ', '.')}@test.relance")
    obj = User(
        email=email,
        name=name,
        role=role,
        password_hash=_HASH,
        created_at=FIXED_NOW,
        active=kw.pop("active", True),
        time_zone=kw.pop("time_zone", "Europe/Paris"),
        locale=kw.pop("locale", "fr"),
        planned_threshold_minutes=kw.pop("planned_threshold_minutes", 15),
        counter_mode=kw.pop("counter_mode", "activity"),
        **kw,
    )
    s.add(obj)
    s.flush()
    return obj


# The people most stories are about, by the short name the tests give them: (name, role).
CAST = {
    "admin": ("Ada Admin", "admin"),
    "marie": ("Marie Manager", "manager"),
    "paul": ("Paul Rep", "rep"),
    "lea": ("Lea Rep", "rep"),
    "omar": ("Omar Other", "rep"),
}


def people(s: Session, *who: str) -> list[User]:
    """The users of CAST named in `who`, created in that order, with their default e-mails."""
    return [user(s, *CAST[name]) for name in who]


def team(s: Session, name: str, managers=(), members=()) -> Team:
    obj = Team(name=name)
    s.add(obj)
    s.flush()
    for m in managers:
        s.execute(insert(team_manager).values(team_id=obj.id, user_id=m.id))
    for m in members:
        s.execute(insert(team_member).values(team_id=obj.id, user_id=m.id))
    s.flush()
    return obj


def customer(s: Session, name: str, account_rep: User | None = None, **kw) -> Customer:
    n = next(_seq)
    obj = Customer(
        name=name,
        code=kw.pop("code", f"T{n:06d}"),
        country="FR",
        city=kw.pop("city", "Lyon"),
        postal_code=kw.pop("postal_code", "69001"),
        account_rep_id=account_rep.id if account_rep else None,
        **kw,
    )
    s.add(obj)
    s.flush()
    return obj


def status(s: Session, name: str, font: str = "#ffffff", background: str = "#0d6efd") -> Status:
    obj = Status(name=name, font_color=font, background_color=background, position=next(_seq))
    s.add(obj)
    s.flush()
    return obj


def note(
    s: Session,
    author: User,
    body: str = "Rappeler le client",
    *,
    customer: Customer | None = None,
    assignee: User | None = None,
    due_in: timedelta | None = None,
    due_at: datetime | None = None,
    now: datetime = FIXED_NOW,
    completed: bool = False,
    deleted: bool = False,
    **kw,
) -> Note:
    if due_at is None and due_in is not None:
        due_at = now + due_in
    obj = Note(
        body=body,
        author_id=author.id,
        customer_id=customer.id if customer else None,
        assignee_id=assignee.id if assignee else None,
        due_at=due_at,
        created_at=now - timedelta(days=1),
        updated_at=now - timedelta(days=1),
        completed_at=now - timedelta(hours=1) if completed else None,
        completed_by_id=assignee.id if completed and assignee else None,
        deleted_at=now - timedelta(hours=1) if deleted else None,
        **kw,
    )
    s.add(obj)
    s.flush()
    return obj


def activity(
    s: Session, responsible: User | None, kind: str = "missed_call", *, customer=None, **kw
) -> Activity:
    obj = Activity(
        kind=kind,
        responsible_id=responsible.id if responsible else None,
        customer_id=customer.id if customer else None,
        received_at=kw.pop("received_at", FIXED_NOW - timedelta(hours=1)),
        subject=kw.pop("subject", "Appel manqué"),
        **kw,
    )
    s.add(obj)
    s.flush()
    return obj
