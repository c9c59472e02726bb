"""Engines and sessions. SQLite is the embedded default; PostgreSQL comes through DATABASE_URL."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
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


def make_engine(url: str | None = None, **kwargs) -> Engine:
    url = normalise_url(url or default_url())
    if url.startswith("sqlite"):
        kwargs.setdefault("connect_args", {"check_same_thread": False, "timeout": 10})
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
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
