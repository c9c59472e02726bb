"""Engines and sessions. SQLite is the embedded default; PostgreSQL comes through DATABASE_URL."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.dialects.sqlite.base import SQLiteCompiler
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

ROOT = Path(__file__).resolve().parent.parent
INSTANCE_DIR = ROOT / "instance"


def default_url() -> str:
    url = os.environ.get("DATABASE_URL")
    if url:
        return normalise_url(url)
    INSTANCE_DIR.mkdir(exist_ok=True)
    return f"sqlite:///{INSTANCE_DIR / 'relance.db'}"


def normalise_url(url: str) -> str:
    """Accept the usual postgres:// spellings and always use psycopg 3."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


class _SQLiteHintsCompiler(SQLiteCompiler):
    """SQLAlchemy's SQLite dialect drops table hints; ours writes them after the table name,
    where SQLite reads `INDEXED BY <index>` (see `Select.with_hint(…, dialect_name="sqlite")`)."""

    def get_from_hint_text(self, table, text):
        return text


def _sqlite_optimize(dbapi_connection, _record) -> None:
    """SQLite's advice for a closing connection: ANALYZE again the tables this connection
    read whose size changed about tenfold since the last ANALYZE (a no-op otherwise, so it
    costs nothing on an ordinary close)."""
    with suppress(sqlite3.Error):  # a busy or read-only database keeps its statistics
        dbapi_connection.execute("PRAGMA optimize")


def make_engine(url: str | None = None, **kwargs) -> Engine:
    url = normalise_url(url or default_url())
    if url.startswith("sqlite"):
        kwargs.setdefault("connect_args", {"check_same_thread": False, "timeout": 10})
        # A pooled connection lives for the process: closing it hourly gives PRAGMA optimize
        # (on close, below) a regular chance to notice the tables have grown.
        kwargs.setdefault("pool_recycle", 3600)
        engine = create_engine(url, **kwargs)
        engine.dialect.statement_compiler = _SQLiteHintsCompiler
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "close", _sqlite_optimize)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    kwargs.setdefault("pool_size", pool_size())
    kwargs.setdefault("max_overflow", EXTRA_CONNECTIONS)
    return create_engine(url, **kwargs)


# Background exports and the job runner hold a connection each, beside the threads'.
EXTRA_CONNECTIONS = 4


def pool_size() -> int:
    """One connection per server thread (gunicorn.conf.py sets RELANCE_DB_POOL_SIZE from its
    threads); SQLAlchemy's 5 otherwise."""
    value = os.environ.get("RELANCE_DB_POOL_SIZE", "")
    return int(value) if value.isdigit() and int(value) > 0 else 5


class Database:
    """One engine and its session factory; the app keeps one, each test its own."""

    def __init__(self, url: str | None = None) -> None:
        self.engine = make_engine(url)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: committed when the block ends, rolled back on any error."""
        session = self.sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()


# PostgreSQL's lock_not_available, deadlock_detected and serialization_failure: another
# transaction holds the rows; trying again later works.
CONTENTION_STATES = frozenset({"55P03", "40P01", "40001"})


def is_contention(error: DBAPIError) -> bool:
    """A lock wait that gave up or a deadlock, as opposed to a database that is gone."""
    if error.connection_invalidated:
        return False
    state = getattr(error.orig, "sqlstate", None)
    if state is not None:
        return state in CONTENTION_STATES
    text = str(error.orig).lower()
    return "database is locked" in text or "database table is locked" in text


def is_lost(error: BaseException) -> bool:
    """The database could not be reached or dropped the connection (not a lock wait): the
    transaction was rolled back, nothing was changed."""
    return isinstance(error, OperationalError | InterfaceError) and not is_contention(error)
