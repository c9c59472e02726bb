"""Shared fixtures: a fresh database per test, on SQLite and on PostgreSQL."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import text

from data.db import Database
from data.models import Base

DEFAULT_PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
_pg_state: dict[str, object] = {}


def pg_url() -> str:
    return os.environ.get("TEST_DATABASE_URL", DEFAULT_PG_URL)


def require_postgres() -> str:
    """The PostgreSQL URL, or skip (fail under CI) with the reason it is unreachable."""
    if "error" not in _pg_state:
        probe = Database(pg_url())
        try:
            with probe.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
            _pg_state["error"] = None
        except Exception as exc:  # any driver error means "unreachable" here
            _pg_state["error"] = f"{type(exc).__name__}: {exc}".splitlines()[0]
        finally:
            probe.dispose()
    error = _pg_state["error"]
    if error:
        message = f"PostgreSQL at {pg_url()} is unreachable ({error})"
        if os.environ.get("CI"):
            pytest.fail(message + "; CI requires it")
        pytest.skip(message)
    return pg_url()


def reset_postgres(url: str) -> None:
    """Drop everything in the test database's public schema."""
    database = Database(url)
    try:
        with database.engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    finally:
        database.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path) -> str:
    """An empty database URL (no tables), on each backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.db'}"
    url = require_postgres()
    reset_postgres(url)
    return url


@pytest.fixture
def db(db_url) -> Database:
    """A database with the schema of the models, empty."""
    database = Database(db_url)
    Base.metadata.create_all(database.engine)
    yield database
    database.dispose()


@pytest.fixture
def sqlite_db(tmp_path) -> Database:
    database = Database(f"sqlite:///{tmp_path / 'test.db'}")
    Base.metadata.create_all(database.engine)
    yield database
    database.dispose()
