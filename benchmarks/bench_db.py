"""What the benchmarks share: their own PostgreSQL database, never the tests' one."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url

from data.db import Database, make_engine

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


def bench_parser(
    doc: str, pg_default: str, pg_help: str | None = None, reuse_help: str | None = None
) -> argparse.ArgumentParser:
    """The options every benchmark takes: how many notes, which databases, which PostgreSQL,
    where the SQLite file goes, (with `reuse_help`) whether to keep a seeded database, and
    where to write the results."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--notes", type=int, default=1_000_000)
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--pg-url", default=pg_default, help=pg_help)
    parser.add_argument(
        "--sqlite-dir", type=Path, help="keep the SQLite database here (default: a temp dir)"
    )
    if reuse_help:
        parser.add_argument("--reuse", action="store_true", help=reuse_help)
    add_out(parser)
    return parser


def add_out(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out",
        type=Path,
        help="also write the tables to this file, under a line naming the commit "
        "(e.g. benchmarks/results/<name>.md, which benchmarks/report.py copies into README.md)",
    )


def fresh_database(backend: str, pg_url: str, sqlite_path: Path, own_pg: bool = True) -> str:
    """An empty database: a new SQLite file, or PostgreSQL's public schema dropped and made
    again (in the benchmarks' own database unless `own_pg` is False)."""
    if backend == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(str(sqlite_path) + suffix).unlink(missing_ok=True)
        return f"sqlite:///{sqlite_path}"
    if own_pg:
        ensure_pg_database(pg_url)
    db = Database(pg_url)
    with db.engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    db.dispose()
    return pg_url
