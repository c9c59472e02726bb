"""Deterministic demo data, loaded with bulk inserts (DESIGN.md section 5, "Demo data").

`seed_demo` fills an empty, migrated database. Rows are generated as tuples by the makers
of demo/customers.py, notes.py and activities.py (one `random.Random(seed)`, so the same
seed and `now` give the same rows) and written in chunks: COPY on PostgreSQL,
`executemany` on SQLite, all in one transaction. A million notes load in well under five
minutes on both databases.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from itertools import islice
from random import Random

from sqlalchemy import Connection, func, select

from data.clock import now as clock_now
from data.db import Database
from data.models import Base, User
from data.users import hash_password
from demo import text as txt
from demo.activities import ACTIVITY_COLUMNS, ActivityMaker
from demo.customers import customer_rows, order_rows
from demo.notes import NOTE_COLUMNS, NoteMaker
from demo.world import Clock, World

CHUNK = 50_000
MAX_DEFAULT_CUSTOMERS = 20_000
TIME_ZONE = "Europe/Paris"
THRESHOLD_MINUTES = 15
# Tables whose ids the seed assigns; PostgreSQL sequences are moved past them afterwards.
ID_TABLES = (
    "user_account",
    "team",
    "status",
    "action",
    "category",
    "variable",
    "variable_option",
    "customer",
    "customer_order",
    "note",
    "activity",
)
# Secondary indexes dropped during the bulk load and rebuilt from the models afterwards.
REBUILT_INDEX_TABLES = ("note", "note_option", "activity")
CUSTOMER_COLUMNS = (
    "id",
    "name",
    "code",
    "country",
    "postal_code",
    "city",
    "contact_email",
    "parent_id",
    "account_rep_id",
    "status_id",
)
ORDER_COLUMNS = ("id", "number", "customer_id", "placed_at", "total", "state")
OPTION_COLUMNS = ("note_id", "variable_id", "option_id")


class SeedError(RuntimeError):
    """The demo cannot be loaded (the message says why)."""


@dataclass(frozen=True)
class SeedSummary:
    users: int
    customers: int
    orders: int
    notes: int
    activities: int
    note_options: int
    seconds: float


def seed_demo(
    db: Database,
    *,
    notes: int = 20_000,
    customers: int | None = None,
    reps: int = 8,
    seed: int = 42,
    password: str = "demo",  # noqa: S107 (the documented demo password)
    progress: bool = False,
    now: datetime | None = None,
) -> SeedSummary:
    """Load the demo into the empty database `db` (schema already migrated).

    At least the guaranteed rows of DESIGN.md are written, even when `notes` is smaller
    (about 25 notes, 9 activities); customers are never fewer than 8 (rep1's customers and
    a branch).
    """
    if reps < 1:
        raise SeedError("the demo needs at least one rep")
    if len(password) < 4:
        raise SeedError("the demo password must have at least 4 characters")
    started = time.perf_counter()
    now = now or clock_now()
    if now.tzinfo is None:
        raise SeedError("`now` must carry a time zone")
    if customers is None:
        customers = min(MAX_DEFAULT_CUSTOMERS, max(50, notes // 100))
    customers = max(8, customers)
    rng = Random(seed)
    clock = Clock(now, TIME_ZONE, THRESHOLD_MINUTES)

    with db.engine.connect() as conn, _bulk_session(conn, progress) as loader:
        if conn.scalar(select(func.count()).select_from(User)):
            raise SeedError("the database already has users; the demo needs an empty database")
        world = World(clock=clock, reps=reps)
        users = _load_users(loader, world, clock, password)
        _load_settings(loader, world)
        n_customers = loader.write(
            "customer", CUSTOMER_COLUMNS, customer_rows(rng, world, customers)
        )
        n_orders = loader.write("customer_order", ORDER_COLUMNS, order_rows(rng, world, loader.ts))
        with _indexes_dropped(conn):
            n_notes, n_options = _load_notes(loader, NoteMaker(rng, world, loader.ts), notes)
            n_activities = _load_activities(
                loader, ActivityMaker(rng, world, loader.ts, n_notes), max(notes // 5, 1)
            )
        loader.finish()
    _analyze(db)
    return SeedSummary(
        users=users,
        customers=n_customers,
        orders=n_orders,
        notes=n_notes,
        activities=n_activities,
        note_options=n_options,
        seconds=time.perf_counter() - started,
    )


def _load_users(loader: _Loader, world: World, clock: Clock, password: str) -> int:
    password_hash = hash_password(password)  # argon2 is slow: one hash for every demo user
    created = loader.ts(clock.at(-400, 9 * 60))
    rows = [
        (uid, email, name, role, True, TIME_ZONE, "fr", THRESHOLD_MINUTES, "activity")
        + (password_hash, created)
        for uid, email, name, role in world.user_list()
    ]
    columns = ("id", "email", "name", "role", "active", "time_zone", "locale")
    columns += ("planned_threshold_minutes", "counter_mode", "password_hash", "created_at")
    loader.write("user_account", columns, rows)
    loader.write("team", ("id", "name"), [(1, txt.TEAM)])
    loader.write("team_manager", ("team_id", "user_id"), [(1, world.manager)])
    members = [(1, world.manager)] + [(1, rep) for rep in world.reps]
    loader.write("team_member", ("team_id", "user_id"), members)
    return len(rows)


def _load_settings(loader: _Loader, world: World) -> None:
    """Statuses, actions, categories and variables like those of the CRM Notes help page."""
    statuses = [(i, n, f, b, i, True) for i, (n, f, b) in enumerate(txt.STATUSES, 1)]
    status_columns = ("id", "name", "font_color", "background_color", "position", "active")
    loader.write("status", status_columns, statuses)
    actions = [(i, name, i, True) for i, name in enumerate(txt.ACTIONS, 1)]
    loader.write("action", ("id", "name", "position", "active"), actions)
    categories = [(i, n, c, i, True) for i, (n, c) in enumerate(txt.CATEGORIES, 1)]
    loader.write("category", ("id", "name", "color", "position", "active"), categories)
    variables, options = [], []
    for vid, (name, labels) in enumerate(txt.VARIABLES, 1):
        variables.append((vid, name, vid, True))
        for position, label in enumerate(labels, 1):
            options.append((len(options) + 1, vid, label, position, True))
    loader.write("variable", ("id", "name", "position", "active"), variables)
    loader.write("variable_option", ("id", "variable_id", "label", "position", "active"), options)
    world.set_settings(
        statuses=[row[0] for row in statuses],
        actions=[row[0] for row in actions],
        categories=[row[0] for row in categories],
        options=[(vid, tuple(o[0] for o in options if o[1] == vid)) for vid, *_ in variables],
    )


def _load_notes(loader: _Loader, maker: NoteMaker, wanted: int) -> tuple[int, int]:
    total = max(wanted, maker.guaranteed_count())
    bar = _Progress("notes", total, loader.progress)
    written = options = 0
    for chunk in _chunks(maker.rows(total), CHUNK):
        written += loader.write("note", NOTE_COLUMNS, chunk)
        options += loader.write("note_option", OPTION_COLUMNS, maker.take_options())
        bar.update(written)
    bar.close()
    return written, options


def _load_activities(loader: _Loader, maker: ActivityMaker, wanted: int) -> int:
    total = max(wanted, maker.guaranteed_count())
    bar = _Progress("activities", total, loader.progress)
    written = 0
    for chunk in _chunks(maker.rows(total), CHUNK):
        written += loader.write("activity", ACTIVITY_COLUMNS, chunk)
        bar.update(written)
    bar.close()
    return written


def _chunks(rows: Iterable[tuple], size: int) -> Iterator[list[tuple]]:
    iterator = iter(rows)
    while chunk := list(islice(iterator, size)):
        yield chunk


class _Loader:
    """Writes lists of tuples through the driver: COPY (PostgreSQL) or executemany (SQLite)."""

    def __init__(self, conn: Connection, progress: bool) -> None:
        self.conn = conn
        self.raw = conn.connection.dbapi_connection
        self.postgres = conn.dialect.name == "postgresql"
        self.progress = progress
        # SQLite stores SQLAlchemy DateTime values as naive UTC text; PostgreSQL reads naive
        # values in the session time zone, set to UTC for this transaction.
        self.ts = _identity if self.postgres else _sqlite_time

    def write(self, table: str, columns: tuple[str, ...], rows: Iterable[tuple]) -> int:
        rows = rows if isinstance(rows, list) else list(rows)
        if not rows:
            return 0
        names = ", ".join(columns)
        if self.postgres:
            with self.raw.cursor() as cur, cur.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join("?" * len(columns))
            self.raw.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)  # noqa: S608
        return len(rows)

    def finish(self) -> None:
        if self.postgres:
            for table in ID_TABLES:
                self.conn.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                    f"COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM {table}"
                )


def _identity(value):
    return value


def _sqlite_time(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat(" ", "microseconds")


@contextmanager
def _bulk_session(conn: Connection, progress: bool) -> Iterator[_Loader]:
    """One transaction for the whole load; committed at the end, rolled back on error."""
    loader = _Loader(conn, progress)
    if loader.postgres:
        conn.exec_driver_sql("SET LOCAL TimeZone = 'UTC'")
        conn.exec_driver_sql("SET LOCAL maintenance_work_mem = '256MB'")
    else:
        # The ids are consistent by construction; checking every key row by row is slow.
        # (Only effective outside a transaction, hence before the first write.)
        loader.raw.execute("PRAGMA foreign_keys=OFF")
        loader.raw.execute("PRAGMA cache_size=-262144")
    try:
        yield loader
        conn.commit()
    except BaseException:
        conn.rollback()
        raise
    finally:
        if not loader.postgres:
            loader.raw.execute("PRAGMA foreign_keys=ON")
            loader.raw.execute("PRAGMA cache_size=-2000")


@contextmanager
def _indexes_dropped(conn: Connection) -> Iterator[None]:
    """Drop the secondary indexes of the bulk tables, recreate them exactly as modelled."""
    indexes = [
        index
        for table in REBUILT_INDEX_TABLES
        for index in sorted(Base.metadata.tables[table].indexes, key=lambda ix: ix.name)
    ]
    for index in indexes:
        index.drop(conn, checkfirst=True)
    foreign_keys = _drop_foreign_keys(conn)
    yield
    for index in indexes:
        index.create(conn)
    for table, name, definition in foreign_keys:
        conn.exec_driver_sql(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')


def _drop_foreign_keys(conn: Connection) -> list[tuple[str, str, str]]:
    """PostgreSQL: drop the foreign keys of the bulk tables and return their definitions.

    Re-adding a foreign key checks all rows in one join, far faster than a trigger per row.
    (SQLite does not check them during the load: see `_bulk_session`.)
    """
    if conn.dialect.name != "postgresql":
        return []
    found = conn.exec_driver_sql(
        "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE contype = 'f' AND conrelid = ANY(%(tables)s::regclass[]) ORDER BY 1, 2",
        {"tables": list(REBUILT_INDEX_TABLES)},
    ).all()
    for table, name, _ in found:
        conn.exec_driver_sql(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    return [tuple(row) for row in found]


def _analyze(db: Database) -> None:
    if db.engine.dialect.name == "postgresql":
        # VACUUM also fills the visibility map, so that index-only scans (e.g. the variable
        # filter on note_option) need no heap fetch; it cannot run inside a transaction.
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")
        return
    with db.engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            # Every row, not a sample: sampled counts of a million-row table were off by up
            # to 9x and differently per index, which misled the planner.
            conn.exec_driver_sql("PRAGMA analysis_limit=0")
        conn.exec_driver_sql("ANALYZE")
        conn.commit()
        if sqlite:  # fold the load's write-ahead log into the database file and empty it
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


class _Progress:
    """A one-line text bar on stderr, redrawn per chunk."""

    WIDTH = 30

    def __init__(self, label: str, total: int, enabled: bool) -> None:
        self.label, self.total, self.enabled = label, max(total, 1), enabled
        self.started = time.perf_counter()

    def update(self, done: int) -> None:
        if not self.enabled:
            return
        filled = self.WIDTH * done // self.total
        bar = "#" * filled + "." * (self.WIDTH - filled)
        elapsed = time.perf_counter() - self.started
        sys.stderr.write(f"\r{self.label:<11}[{bar}] {done}/{self.total}  {elapsed:.0f} s")
        sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")
            sys.stderr.flush()
