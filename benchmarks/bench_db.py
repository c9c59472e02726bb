"""What the benchmarks share: their own PostgreSQL database, never the tests' one."""

from __future__ import annotations

import sys

from sqlalchemy import text
from sqlalchemy.engine import make_url

from data.db import make_engine

DEFAULT_BENCH_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/relance_bench"
FORBIDDEN_PG_DATABASES = ("test", "postgres", "template0", "template1")


def ensure_pg_database(pg_url: str) -> None:
    """Create the benchmark's own database when missing (never the tests' one)."""
    url = make_url(pg_url)
    name = url.database or ""
    if name in FORBIDDEN_PG_DATABASES or not name.replace("_", "").isalnum():
        sys.exit(f"refusing to use the PostgreSQL database {name!r}: pass another --pg-url")
    server = make_engine(
        url.set(database="postgres").render_as_string(hide_password=False),
        isolation_level="AUTOCOMMIT",
    )
    try:
        with server.connect() as conn:
            found = conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name})
            if not found:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        server.dispose()
