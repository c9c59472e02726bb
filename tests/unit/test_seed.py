"""The demo data (DESIGN.md section 5, "Demo data"): contents, guarantees, determinism."""

from __future__ import annotations

import hashlib
from collections import Counter
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, inspect, select
from sqlalchemy.orm import aliased

from data.clock import day_bounds
from data.db import Database
from data.models import (
    ACTIVITY_KINDS,
    Activity,
    Base,
    Customer,
    Note,
    Order,
    Team,
    User,
    Variable,
    VariableOption,
    built_on,
    note_option,
)
from data.states import (
    COMPLETED,
    DUE_SOON,
    NO_DATE,
    OVERDUE,
    TODAY,
    UPCOMING,
    StateBounds,
    note_state,
    state_sql,
)
from data.users import authenticate, create_user
from demo.seed import SeedError, seed_demo

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=PARIS)  # a Monday
LATE = datetime(2026, 11, 23, 23, 58, tzinfo=PARIS)
PASSWORD = "demo-pw"
OPEN_STATES = {OVERDUE, DUE_SOON, TODAY, UPCOMING, NO_DATE}


@pytest.fixture
def seeded(db):
    summary = seed_demo(db, notes=500, now=NOW, password=PASSWORD)
    return db, summary


def user_id(s, email: str) -> int:
    return s.scalar(select(User.id).where(User.email == email))


def rep1_states(db: Database, now: datetime) -> Counter:
    """States of rep1's tasks, computed by data.states over the rows read back."""
    bounds = StateBounds.for_viewer(now, "Europe/Paris", 15)
    with db.session() as s:
        rows = s.execute(
            select(Note.assignee_id, Note.due_at, Note.completed_at).where(
                Note.assignee_id == user_id(s, "rep1@demo.relance"), Note.deleted_at.is_(None)
            )
        ).all()
    return Counter(note_state(bounds, assignee_id=a, due_at=d, completed_at=c) for a, d, c in rows)


def fingerprint(db: Database, table) -> str:
    """A hash of every row ordered by id; instants in UTC ISO so backends compare."""
    digest = hashlib.sha256()
    with db.engine.connect() as conn:
        for row in conn.execute(select(table).order_by(table.c.id)):
            values = [v.astimezone(UTC).isoformat() if isinstance(v, datetime) else v for v in row]
            digest.update(repr(values).encode())
    return digest.hexdigest()


def modelled_indexes(table: str, db) -> set[str]:
    """The model's indexes of `table` that this database builds (some are PostgreSQL's only)."""
    include = built_on(db.engine.dialect.name)
    indexes = Base.metadata.tables[table].indexes
    return {ix.name for ix in indexes if include(ix, ix.name, "index", False, None)}


def test_summary_matches_the_tables(seeded):
    db, summary = seeded
    assert (summary.users, summary.notes, summary.activities, summary.customers) == (
        10,
        500,
        100,
        50,
    )
    with db.session() as s:
        count = lambda entity: s.scalar(select(func.count()).select_from(entity))  # noqa: E731
        assert count(User) == summary.users
        assert count(Customer) == summary.customers
        assert count(Order) == summary.orders > summary.customers
        assert count(Note) == summary.notes
        assert count(note_option) == summary.note_options > summary.notes
        assert count(Activity) == summary.activities
    assert summary.seconds > 0


def test_keys_indexes_and_sequences_are_intact(seeded):
    db, summary = seeded
    if db.engine.dialect.name == "sqlite":
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
    inspector = inspect(db.engine)
    for table in ("note", "note_option", "activity"):
        modelled = modelled_indexes(table, db)
        assert {ix["name"] for ix in inspector.get_indexes(table)} == modelled
    assert len(inspector.get_foreign_keys("note")) == 9
    assert len(inspector.get_foreign_keys("note_option")) == 3
    # New rows get fresh ids after the explicit ids of the seed (PostgreSQL sequences).
    with db.session() as s:
        author = user_id(s, "rep2@demo.relance")
        note = Note(body="Nouvelle note", author_id=author, created_at=NOW, updated_at=NOW)
        s.add(note)
        user = create_user(s, "new@demo.relance", "Nouvel Utilisateur", "rep", "password")
        s.flush()
        assert (note.id, user.id) == (summary.notes + 1, summary.users + 1)


def test_demo_users_and_team(seeded):
    db, _ = seeded
    with db.session() as s:
        for email, role in [
            ("admin@demo.relance", "admin"),
            ("manager@demo.relance", "manager"),
            ("rep1@demo.relance", "rep"),
            ("rep8@demo.relance", "rep"),
        ]:
            user = authenticate(s, email, PASSWORD)
            assert user is not None and user.role == role
        assert authenticate(s, "rep1@demo.relance", "demo") is None
        assert s.scalar(select(User).where(User.email == "rep9@demo.relance")) is None
        assert s.scalar(select(User.name).where(User.email == "admin@demo.relance")) == (
            "Alice Admin"
        )
        users = s.scalars(select(User)).all()
        assert {(u.time_zone, u.locale, u.planned_threshold_minutes) for u in users} == {
            ("Europe/Paris", "fr", 15)
        }
        assert {(u.counter_mode, u.active) for u in users} == {("activity", True)}
        assert len({u.password_hash for u in users}) == 1  # hashed once
        team = s.scalar(select(Team).where(Team.name == "Ventes"))
        assert [m.email for m in team.managers] == ["manager@demo.relance"]
        assert sorted(m.email for m in team.members) == sorted(
            ["manager@demo.relance"] + [f"rep{i}@demo.relance" for i in range(1, 9)]
        )


def test_rep1_has_tasks_in_every_state(seeded):
    db, _ = seeded
    states = rep1_states(db, NOW)
    assert OPEN_STATES | {COMPLETED} <= set(states)
    assert states[OVERDUE] >= 3 and states[UPCOMING] >= 4 and states[COMPLETED] >= 3
    # The SQL CASE of data.states agrees with the Python rules on the seeded rows.
    bounds = StateBounds.for_viewer(NOW, "Europe/Paris", 15)
    with db.session() as s:
        rep1 = user_id(s, "rep1@demo.relance")
        state = state_sql(bounds)
        by_sql = s.execute(
            select(state, func.count())
            .where(Note.assignee_id == rep1, Note.deleted_at.is_(None))
            .group_by(state)
        ).all()
    assert dict(by_sql) == dict(states)


def test_all_tasks_spread_over_every_state(seeded):
    db, _ = seeded
    bounds = StateBounds.for_viewer(NOW, "Europe/Paris", 15)
    with db.session() as s:
        rows = s.execute(select(Note.assignee_id, Note.due_at, Note.completed_at)).all()
    states = Counter(
        note_state(bounds, assignee_id=a, due_at=d, completed_at=c) for a, d, c in rows
    )
    assert set(states) == OPEN_STATES | {COMPLETED, "note"}
    assert 0.1 < states["note"] / len(rows) < 0.35
    assert 0.2 < states[COMPLETED] / len(rows) < 0.45


def test_rep1_activities_and_customers(seeded):
    db, _ = seeded
    start, end = day_bounds(NOW, PARIS)
    with db.session() as s:
        rep1 = user_id(s, "rep1@demo.relance")
        mine = s.execute(
            select(Activity.kind, Activity.received_at).where(
                Activity.responsible_id == rep1, Activity.closed_at.is_(None)
            )
        ).all()
        assert {kind for kind, _ in mine} == set(ACTIVITY_KINDS)
        assert sum(start <= at < end for _, at in mine) >= 2  # received today
        assert all(at <= NOW for _, at in mine)
        kinds = s.execute(select(Activity.kind, Activity.closed_at.is_(None))).all()
        assert {kind for kind, _ in kinds} == set(ACTIVITY_KINDS)
        assert 0.15 < sum(is_open for _, is_open in kinds) / len(kinds) < 0.5
        closed = s.execute(
            select(Activity.received_at, Activity.closed_at, Activity.closed_by_id).where(
                Activity.closed_at.is_not(None)
            )
        ).all()
        assert all(r <= c <= NOW and by is not None for r, c, by in closed)
        accounts = s.scalar(select(func.count()).where(Customer.account_rep_id == rep1))
        assert accounts >= 7


def test_notes_customers_and_settings_are_varied_and_consistent(seeded):
    db, _ = seeded
    with db.session() as s:
        count = lambda *where: s.scalar(select(func.count()).select_from(Note).where(*where))  # noqa: E731
        assert count(Note.assignee_id.is_(None), Note.customer_id.is_not(None)) > 50  # plain
        assert count(Note.customer_id.is_(None)) >= 3  # general notes
        assert count(Note.order_id.is_not(None)) >= 10
        assert count(Note.status_id.is_not(None)) > 300
        assert count(Note.created_at >= NOW) == 0
        assert count(Note.updated_at != Note.created_at) == 0
        assert count(Note.version != 1) == 0
        assert count(Note.completed_at.is_not(None), Note.completed_by_id.is_(None)) == 0
        assert count(Note.completed_at > NOW) == 0
        assert count(Note.completed_at < Note.created_at) == 0
        for first in "=+-@":
            assert count(Note.body.startswith(first, autoescape=True)) >= 1, first
        # A note's order is an order of the note's customer.
        mismatched = s.scalar(
            select(func.count())
            .select_from(Note)
            .join(Order, Order.id == Note.order_id)
            .where(Order.customer_id != Note.customer_id)
        )
        assert mismatched == 0
        # One option per variable, and the option belongs to its variable.
        wrong = s.scalar(
            select(func.count())
            .select_from(note_option)
            .join(VariableOption, VariableOption.id == note_option.c.option_id)
            .where(VariableOption.variable_id != note_option.c.variable_id)
        )
        assert wrong == 0
        variables = s.scalars(select(Variable)).all()
        assert len(variables) >= 2 and all(len(v.options) >= 2 for v in variables)
        assert {"Magasin", "Classement"} <= {v.name for v in variables}
        # Branches hang off main customers.
        parent = aliased(Customer)
        branches = s.execute(
            select(Customer.name, parent.parent_id).join(parent, Customer.parent_id == parent.id)
        ).all()
        assert len(branches) >= 2 and all(grand is None for _, grand in branches)
        customers = s.scalars(select(Customer)).all()
        assert sum(c.country == "FR" for c in customers) > 0.8 * len(customers)
        assert all(
            len(c.postal_code) == 5 and c.postal_code.isdigit()
            for c in customers
            if c.country == "FR"
        )
        assert all("@" in c.contact_email and c.city for c in customers)
        numbers = s.scalars(select(Order.number)).all()
        assert len(set(numbers)) == len(numbers)
        assert s.scalar(select(func.max(Order.placed_at))) < NOW


def test_same_seed_gives_the_same_rows(db, tmp_path):
    """Same seed and now: identical rows, on a second SQLite database (and across backends)."""
    seed_demo(db, notes=500, now=NOW, seed=7)
    second = Database(f"sqlite:///{tmp_path / 'second.db'}")
    try:
        Base.metadata.create_all(second.engine)
        seed_demo(second, notes=500, now=NOW, seed=7)
        for table in (Note.__table__, Activity.__table__, Customer.__table__, Order.__table__):
            assert fingerprint(db, table) == fingerprint(second, table), table.name
    finally:
        second.dispose()


def test_another_seed_gives_other_rows(sqlite_db, tmp_path):
    seed_demo(sqlite_db, notes=300, now=NOW, seed=1)
    other = Database(f"sqlite:///{tmp_path / 'other.db'}")
    try:
        Base.metadata.create_all(other.engine)
        seed_demo(other, notes=300, now=NOW, seed=2)
        assert fingerprint(sqlite_db, Note.__table__) != fingerprint(other, Note.__table__)
    finally:
        other.dispose()


def test_refuses_a_second_seed(seeded):
    db, summary = seeded
    with pytest.raises(SeedError, match="already has users"):
        seed_demo(db, notes=100, now=NOW)
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Note)) == summary.notes
        assert s.scalar(select(func.count()).select_from(User)) == summary.users


def test_late_evening_still_gives_rep1_every_possible_state(db):
    seed_demo(db, notes=200, now=LATE)
    states = rep1_states(db, LATE)
    # At 23:58 every instant left of today is within the 15-minute threshold: "today" is
    # impossible, and the task meant for it is due soon on today's calendar day.
    assert {OVERDUE, DUE_SOON, UPCOMING, NO_DATE, COMPLETED} <= set(states)
    start, end = day_bounds(LATE, PARIS)
    with db.session() as s:
        rep1 = user_id(s, "rep1@demo.relance")
        due = s.scalars(
            select(Note.due_at).where(Note.assignee_id == rep1, Note.completed_at.is_(None))
        ).all()
        assert sum(LATE <= d < end for d in due if d) >= 2
        open_activities = s.scalar(
            select(func.count()).where(
                Activity.responsible_id == rep1, Activity.closed_at.is_(None)
            )
        )
        assert open_activities >= len(ACTIVITY_KINDS)


@pytest.mark.parametrize(
    "now",
    [
        datetime(2026, 11, 23, 0, 0, 30, tzinfo=PARIS),  # just after midnight
        datetime(2026, 11, 29, 18, 0, tzinfo=PARIS),  # a Sunday evening
        datetime(2026, 3, 29, 4, 0, tzinfo=PARIS),  # the day clocks go forward
        datetime(2026, 10, 25, 12, 0, tzinfo=PARIS),  # the day clocks go back
    ],
)
def test_rep1_has_every_state_at_other_times(sqlite_db, now):
    summary = seed_demo(sqlite_db, notes=100, now=now)
    assert OPEN_STATES | {COMPLETED} <= set(rep1_states(sqlite_db, now))
    assert summary.notes == 100


def test_tiny_demo_keeps_the_guaranteed_rows(sqlite_db):
    summary = seed_demo(sqlite_db, notes=0, customers=1, reps=1, now=NOW)
    assert summary.notes >= 25 and summary.customers == 8 and summary.users == 3
    assert OPEN_STATES | {COMPLETED} <= set(rep1_states(sqlite_db, NOW))


def test_progress_bar_goes_to_stderr(sqlite_db, capsys):
    seed_demo(sqlite_db, notes=300, now=NOW, progress=True)
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "300/300" in captured.err and "[" + "#" * 30 + "]" in captured.err


def test_bad_arguments_are_refused(sqlite_db):
    with pytest.raises(SeedError, match="4 characters"):
        seed_demo(sqlite_db, notes=10, password="x")
    with pytest.raises(SeedError, match="time zone"):
        seed_demo(sqlite_db, notes=10, now=datetime(2026, 1, 1))
    with pytest.raises(SeedError, match="one rep"):
        seed_demo(sqlite_db, notes=10, reps=0)


def test_a_failed_load_changes_nothing(db, monkeypatch):
    """One transaction: a failure half-way leaves no rows and the indexes and keys in place."""
    import demo.notes

    def broken(self, nid):
        if nid > 300:
            raise RuntimeError("disk full")
        return original(self, nid)

    original = demo.notes.NoteMaker.random
    monkeypatch.setattr(demo.notes.NoteMaker, "random", broken)
    monkeypatch.setattr("demo.seed.CHUNK", 100)  # some chunks are written before the failure
    with pytest.raises(RuntimeError, match="disk full"):
        seed_demo(db, notes=500, now=NOW)
    with db.session() as s:
        for entity in (User, Customer, Note, note_option):
            assert s.scalar(select(func.count()).select_from(entity)) == 0
    inspector = inspect(db.engine)
    modelled = modelled_indexes("note", db)
    assert {ix["name"] for ix in inspector.get_indexes("note")} == modelled
    assert len(inspector.get_foreign_keys("note")) == 9
    monkeypatch.undo()
    assert seed_demo(db, notes=200, now=NOW).notes == 200
