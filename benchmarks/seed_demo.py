"""Time `seed_demo` on fresh SQLite and PostgreSQL databases against a bare driver baseline.

    .venv/bin/python benchmarks/seed_demo.py --notes 1000000 --backend both

For each backend: a fresh database (SQLite: a file in a temporary directory; PostgreSQL:
schema `public` of --pg-url dropped and recreated), Alembic migrations, then the timed seed.
The baseline, measured in the same run, is the time the bare driver takes to bulk insert the
same number of minimal rows (id, short text) into a scratch table (COPY on PostgreSQL,
executemany in one transaction on SQLite); the ratio says how much slower the real seed is.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


from benchmarks.bench_db import add_out, fresh_database  # noqa: E402
from benchmarks.recording import provenance, recorded  # noqa: E402
from data.db import Database  # noqa: E402
from data.migrate import upgrade  # noqa: E402
from demo.seed import SeedSummary, seed_demo  # noqa: E402

DEFAULT_PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
FIXED_NOW = "2026-11-23T10:00:00+01:00"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="WARNING: with the postgresql backend, schema public of --pg-url is DROPPED "
        "(all its tables and data are lost) and recreated. Never point it at a "
        "database you care about.",
    )
    parser.add_argument("--notes", type=int, default=1_000_000, help="notes to seed")
    parser.add_argument(
        "--backend", choices=("sqlite", "postgresql", "both"), default="both", help="databases"
    )
    parser.add_argument(
        "--pg-url",
        default=os.environ.get("TEST_DATABASE_URL", DEFAULT_PG_URL),
        help="PostgreSQL database to WIPE and use (default: $TEST_DATABASE_URL or "
        f"{DEFAULT_PG_URL})",
    )
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--quiet", action="store_true", help="no progress bars")
    add_out(parser)
    return parser.parse_args(argv)


def fresh_url(backend: str, args: argparse.Namespace, tmp: Path) -> str:
    return fresh_database(backend, args.pg_url, tmp / "bench.db", own_pg=False)


def time_seed(url: str, args: argparse.Namespace) -> SeedSummary:
    upgrade(url)
    db = Database(url)
    try:
        now = datetime.fromisoformat(FIXED_NOW)
        return seed_demo(db, notes=args.notes, seed=args.seed, progress=not args.quiet, now=now)
    finally:
        db.dispose()


def time_baseline(url: str, rows: int) -> float:
    """Bare driver bulk insert of `rows` minimal rows into a scratch table, in seconds."""
    db = Database(url)
    raw = db.engine.raw_connection()
    driver = raw.driver_connection
    postgres = db.engine.dialect.name == "postgresql"
    try:
        cursor = driver.cursor()
        cursor.execute("DROP TABLE IF EXISTS bench_scratch")
        cursor.execute("CREATE TABLE bench_scratch (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")
        driver.commit()
        started = time.perf_counter()
        if postgres:
            with cursor.copy("COPY bench_scratch (id, body) FROM STDIN") as copy:
                for i in range(1, rows + 1):
                    copy.write_row((i, "note"))
        else:
            sql = "INSERT INTO bench_scratch (id, body) VALUES (?, ?)"
            cursor.executemany(sql, ((i, "note") for i in range(1, rows + 1)))
        driver.commit()
        elapsed = time.perf_counter() - started
        cursor.execute("DROP TABLE bench_scratch")
        driver.commit()
        return elapsed
    finally:
        raw.close()
        db.dispose()


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    stamp = provenance()
    backends = ("sqlite", "postgresql") if args.backend == "both" else (args.backend,)
    results = []
    with tempfile.TemporaryDirectory(prefix="relance-bench-") as tmp:
        for backend in backends:
            url = fresh_url(backend, args, Path(tmp))
            print(f"== {backend}: seeding {args.notes} notes", file=sys.stderr)
            summary = time_seed(url, args)
            baseline = time_baseline(url, args.notes)
            results.append((backend, summary, baseline))
            if backend == "sqlite":
                Path(tmp, "bench.db").unlink()
    with recorded(args.out, stamp):
        print_table(results)
    return 0


def print_table(results: list[tuple[str, SeedSummary, float]]) -> None:
    print()
    print(
        "Seeding the demo (migrations excluded) against the bare driver inserting as many "
        "minimal rows (COPY on PostgreSQL, executemany on SQLite):"
    )
    print()
    print("| backend | notes | seconds | notes/s | bare driver | ratio | other rows |")
    print("| --- | --: | --: | --: | --: | --: | --- |")
    for backend, s, baseline in results:
        others = (
            f"{s.note_options:,} note options, {s.activities:,} activities, "
            f"{s.customers:,} customers, {s.orders:,} orders"
        )
        print(
            f"| {backend} | {s.notes:,} | {s.seconds:.2f} s | {s.notes / s.seconds:,.0f} "
            f"| {baseline:.2f} s | {s.seconds / baseline:.1f}× | {others} |"
        )


if __name__ == "__main__":
    sys.exit(main())
