"""How fast /notes answers at scale, against baselines measured in the same run.

For three typical filters it times what the server does for one /notes view — the first block
of 100 rows, the total and the overdue count — through the data layer, and compares it with
(a) the very same SQL statements run bare through the DB-API driver and (b) the naive Dash
way: pandas.read_sql of the note table, then filter, count and sort in pandas.

    python benchmarks/notes_page.py --notes 1000000 --backend both

Warning: the PostgreSQL run wipes the public schema of --pg-url (the test database).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pandas as pd  # noqa: E402
from sqlalchemy import func, select, text  # noqa: E402

from benchmarks.bench_db import bench_parser, fresh_database  # noqa: E402
from benchmarks.recording import provenance, recorded  # noqa: E402
from data import clock  # noqa: E402
from data.db import Database  # noqa: E402
from data.filters import NoteFilter  # noqa: E402
from data.migrate import upgrade  # noqa: E402
from data.models import Status, User, VariableOption  # noqa: E402
from data.notes import count_notes, list_notes, overdue_section, rows_query, where_clause  # noqa: E402
from data.scope import load_viewer  # noqa: E402
from data.states import open_task  # noqa: E402
from demo.seed import seed_demo  # noqa: E402

DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
BLOCK = 100
REPEAT = 7


def scenarios(db: Database) -> list[tuple[str, int, NoteFilter]]:
    """(label, viewer id, filter) for the three typical views."""
    with db.session() as s:
        rep1 = s.scalar(select(User.id).where(User.email == "rep1@demo.relance"))
        manager = s.scalar(select(User.id).where(User.email == "manager@demo.relance"))
        admin = s.scalar(select(User.id).where(User.email == "admin@demo.relance"))
        status = s.scalar(select(Status.id).order_by(Status.position).limit(1))
        option = s.scalar(select(VariableOption.id).order_by(VariableOption.id).limit(1))
    today = clock.now().date()
    span = f"from={(today - timedelta(days=60)).isoformat()}&to={today.isoformat()}"
    return [
        ("rep's open tasks", rep1, NoteFilter.from_query(f"rep={rep1}")),
        ("manager's team overdue", manager, NoteFilter.from_query("overdue=1")),
        (
            "status+variable+dates",
            admin,
            NoteFilter.from_query(f"status={status}&option={option}&{span}"),
        ),
    ]


def median_ms(fn) -> float:
    fn()  # warm caches and the pool
    times = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def compiled(statement, dialect) -> str:
    return str(statement.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))


def ours(db: Database, viewer, flt: NoteFilter, now) -> None:
    """What /notes asks the server for: the first grid block, the total, the overdue count."""
    with db.session() as s:
        list_notes(s, viewer, flt, now, 0, BLOCK)
        total = count_notes(s, viewer, flt, now)
        overdue_section(s, viewer, flt, now, limit=0, total=total)


def bare_statements(db: Database, viewer, flt: NoteFilter, now) -> list[str]:
    """The same three statements as `ours`, compiled once to plain SQL."""
    dialect = db.engine.dialect
    overdue = flt.with_(overdue=True)
    statements = [
        compiled(rows_query(viewer, flt, now).limit(BLOCK), dialect),
        compiled(select(func.count()).where(where_clause(viewer, flt, now)), dialect),
    ]
    if not flt.overdue:
        statements.append(
            compiled(select(func.count()).where(where_clause(viewer, overdue, now)), dialect)
        )
    return statements


def bare(db: Database, statements: list[str]) -> None:
    raw = db.engine.raw_connection()
    try:
        cursor = raw.cursor()
        for sql in statements:
            cursor.execute(sql)
            cursor.fetchall()
        cursor.close()
    finally:
        raw.close()


def naive(db: Database, viewer, flt: NoteFilter, now) -> tuple[int, int]:
    """The usual Dash way: read the table into pandas, then filter, count and sort there."""
    with db.engine.connect() as conn:
        frame = pd.read_sql(text("SELECT * FROM note"), conn)
        customers = pd.read_sql(text("SELECT id, account_rep_id FROM customer"), conn)
    frame = frame[frame["deleted_at"].isna() & frame["completed_at"].isna()]
    if viewer.role == "rep":
        mine = customers.loc[customers["account_rep_id"] == viewer.id, "id"]
        frame = frame[
            (frame["author_id"] == viewer.id)
            | (frame["assignee_id"] == viewer.id)
            | frame["customer_id"].isin(mine)
        ]
    if flt.reps:
        frame = frame[frame["assignee_id"].isin(flt.reps)]
    if flt.statuses:
        frame = frame[frame["status_id"].isin(flt.statuses)]
    due = pd.to_datetime(frame["due_at"], utc=True, format="mixed")
    overdue = frame[frame["assignee_id"].notna() & (due < now)]
    if flt.overdue:
        frame = overdue
    first_block = frame.sort_values(["due_at", "id"]).head(BLOCK)
    return len(first_block), len(overdue)


def run_backend(backend: str, url: str, notes: int, seed_it: bool) -> list[dict]:
    if seed_it:
        upgrade(url)
        db = Database(url)
        print(f"[{backend}] seeding {notes:,} notes…", file=sys.stderr)
        summary = seed_demo(db, notes=notes, progress=True)
        print(f"[{backend}] seeded in {summary.seconds:.0f} s", file=sys.stderr)
    else:
        db = Database(url)
    now = clock.now()
    results = []
    for label, viewer_id, flt in scenarios(db):
        with db.session() as s:
            viewer = load_viewer(s, viewer_id)
        ours_ms = median_ms(partial(ours, db, viewer, flt, now))
        bare_ms = median_ms(partial(bare, db, bare_statements(db, viewer, flt, now)))
        start = time.perf_counter()
        naive(db, viewer, flt, now)  # once: it reads the whole table
        naive_ms = (time.perf_counter() - start) * 1000
        results.append(
            {
                "backend": backend,
                "view": label,
                "ours_ms": ours_ms,
                "bare_ms": bare_ms,
                "naive_ms": naive_ms,
            }
        )
    with db.session() as s:
        open_tasks = s.scalar(select(func.count()).where(open_task()))
    print(f"[{backend}] open tasks in the database: {open_tasks:,}", file=sys.stderr)
    db.dispose()
    return results


def main() -> None:
    parser = bench_parser(
        __doc__,
        os.environ.get("TEST_DATABASE_URL", DEFAULT_PG),
        reuse_help="do not reseed: use the database as it is",
    )
    args = parser.parse_args()
    stamp = provenance()
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    workdir = Path(args.sqlite_dir or tempfile.mkdtemp(prefix="relance-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    rows = []
    for backend in backends:
        if args.reuse:
            url = f"sqlite:///{workdir / 'notes_bench.db'}" if backend == "sqlite" else args.pg_url
        else:
            url = fresh_database(backend, args.pg_url, workdir / "notes_bench.db", own_pg=False)
        rows += run_backend(backend, url, args.notes, not args.reuse)
    with recorded(args.out, stamp):
        print_table(rows, args.notes)


def print_table(rows: list[dict], notes: int) -> None:
    print()
    print(
        f"/notes server time: first block of {BLOCK} + total + overdue count, median of "
        f"{REPEAT} runs; {notes:,} notes"
    )
    print()
    print("| backend | view | ours | bare SQL | ours/bare | naive pandas | naive/ours |")
    print("| --- | --- | --: | --: | --: | --: | --: |")
    for r in rows:
        print(
            f"| {r['backend']} | {r['view']} | {r['ours_ms']:.1f} ms | {r['bare_ms']:.1f} ms "
            f"| {r['ours_ms'] / r['bare_ms']:.2f}× | {r['naive_ms']:,.0f} ms "
            f"| {r['naive_ms'] / r['ours_ms']:.1f}× |"
        )


if __name__ == "__main__":
    main()
