"""How fast bulk reassign of "all matching" open tasks is, against a bare UPDATE of the same rows.

On a freshly seeded database it picks due-date ranges holding about 10,000 and 100,000 open
tasks, then, as the admin, times `data.bulk.reassign(...)` of `Selection(query=...)` inside
`db.session()` (commit included) and compares it with one plain statement on the same rows,
run bare through the DB-API driver and committed:

    UPDATE note SET assignee_id = <to>, version = version + 1 WHERE <the same clause>

It also times `data.bulk.preview(...)` and records the peak Python memory of the bulk call
(tracemalloc): it must stay flat whatever the size, as no list of ids is built in Python.
Every run starts from the same data: after each one the touched notes are put back from a
snapshot table and the batch's audit events and digests deleted (PostgreSQL: then VACUUM).

    python benchmarks/bulk_reassign.py --notes 1000000 --backend both

The PostgreSQL run uses its own database (default `relance_bench`, created when missing) and
wipes its public schema; it refuses the `test` database. SQLite goes to a temp dir.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import func, or_, select, text, update  # noqa: E402

from benchmarks.bench_db import bench_parser, ensure_pg_database, fresh_database  # noqa: E402
from benchmarks.recording import provenance, recorded  # noqa: E402
from data import clock  # noqa: E402
from data.bulk import Selection, preview, reassign  # noqa: E402
from data.clock import zone  # noqa: E402
from data.db import Database  # noqa: E402
from data.migrate import upgrade  # noqa: E402
from data.models import Note, User  # noqa: E402
from data.scope import load_viewer  # noqa: E402
from data.states import open_task  # noqa: E402
from demo.seed import seed_demo  # noqa: E402

DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/relance_bench"
DEFAULT_SIZES = "10000,100000"
GOAL_SIZE = 10_000  # the goals are stated for 10,000 tasks
GOAL_SECONDS = 1.0
GOAL_RATIO = 5.0
SNAPSHOT = "bench_bulk_snapshot"
SNAPSHOT_COLUMNS = ("assignee_id", "version", "updated_at", "updated_by_id", "due_at")


# --- databases ----------------------------------------------------------------------------


def settle(db: Database) -> None:
    """Bring the database to a comparable state before a timed run."""
    if db.engine.dialect.name == "postgresql":
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE note, audit_event, notification")
            conn.exec_driver_sql("CHECKPOINT")
    else:
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


# --- choosing the selections --------------------------------------------------------------


def open_tasks_per_day(db: Database, time_zone: str) -> list[tuple[date, int]]:
    """Open tasks with a due date per day of the viewer's calendar, in day order.

    SQL counts them per UTC hour (portable, and every zone offset in use here is whole
    hours); the hours are then put in the viewer's days, the days the filter's from/to use.
    """
    if db.engine.dialect.name == "postgresql":
        hour = func.to_char(func.timezone("UTC", Note.due_at), "YYYY-MM-DD HH24")
    else:
        hour = func.strftime("%Y-%m-%d %H", Note.due_at)
    with db.session() as s:
        rows = s.execute(
            select(hour, func.count())
            .where(open_task(), Note.due_at.is_not(None))
            .group_by(hour)
            .order_by(hour)
        ).all()
    tz = zone(time_zone)
    days: dict[date, int] = {}
    for text_hour, n in rows:
        day = datetime.strptime(text_hour, "%Y-%m-%d %H").replace(tzinfo=UTC).astimezone(tz)
        days[day.date()] = days.get(day.date(), 0) + n
    return sorted(days.items())


def smallest_window(days: list[tuple[date, int]], target: int) -> tuple[date, date, int]:
    """The run of consecutive days holding the fewest open tasks that is still >= target
    (days are accumulated one by one; the oldest ones dropped while the rest suffice)."""
    best = (days[0][0], days[-1][0], sum(n for _, n in days))
    first, total = 0, 0
    for day, n in days:
        total += n
        while total - days[first][1] >= target:
            total -= days[first][1]
            first += 1
        if target <= total < best[2]:
            best = (days[first][0], day, total)
    return best


def selection_where(db: Database, viewer, queries: list[str], now):
    with db.session() as s:
        return or_(*(Selection(query=q).clause(s, viewer, now) for q in queries))


def count_selection(db: Database, viewer, query: str, now) -> int:
    where = selection_where(db, viewer, [query], now)
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(Note).where(where))


def choose_ranges(db: Database, viewer, targets: list[int], now) -> list[tuple[int, str, int]]:
    """(target, query string, open tasks) per target: a due-date range `from=…&to=…`."""
    days = open_tasks_per_day(db, viewer.time_zone)
    if not days:
        sys.exit("the database has no open task with a due date")
    chosen = []
    for target in targets:
        first, last, expected = smallest_window(days, target)
        query = f"from={first.isoformat()}&to={last.isoformat()}"
        tasks = count_selection(db, viewer, query, now)
        if tasks != expected:
            print(
                f"  {query}: {tasks:,} open tasks, the day counts said {expected:,}",
                file=sys.stderr,
            )
        if tasks < target:
            print(
                f"  only {tasks:,} open tasks with a due date: target {target:,} not reached",
                file=sys.stderr,
            )
        chosen.append((target, query, tasks))
    return chosen


# --- snapshot and restore -----------------------------------------------------------------


def take_snapshot(db: Database, viewer, queries: list[str], now) -> None:
    """Copy the changeable columns of every measured selection's notes into a side table."""
    where = selection_where(db, viewer, queries, now)
    picked = select(Note.id, *(getattr(Note, c) for c in SNAPSHOT_COLUMNS)).where(where)
    sql = str(picked.compile(dialect=db.engine.dialect, compile_kwargs={"literal_binds": True}))
    with db.engine.begin() as conn:
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS {SNAPSHOT}")
        conn.exec_driver_sql(f"CREATE TABLE {SNAPSHOT} AS {sql}")
        conn.exec_driver_sql(f"CREATE UNIQUE INDEX ix_{SNAPSHOT}_id ON {SNAPSHOT} (id)")


def restore(db: Database, batch_id: str | None = None) -> None:
    """Put the notes changed since the snapshot back; drop the batch's audit and digests."""
    sets = ", ".join(f"{c} = b.{c}" for c in SNAPSHOT_COLUMNS)
    with db.engine.begin() as conn:
        conn.exec_driver_sql(
            f"UPDATE note SET {sets} FROM {SNAPSHOT} b "
            "WHERE note.id = b.id AND note.version <> b.version"
        )
        if batch_id:
            for table in ("audit_event", "notification"):
                conn.execute(text(f"DELETE FROM {table} WHERE batch_id = :b"), {"b": batch_id})
    settle(db)


def drop_snapshot(db: Database) -> None:
    with db.engine.begin() as conn:
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS {SNAPSHOT}")


# --- the measured calls -------------------------------------------------------------------


def time_preview(db: Database, viewer, selection: Selection, now, repeat: int) -> float:
    def once() -> None:
        with db.session() as s:
            preview(s, viewer, selection, now)

    once()  # warm caches and the pool
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        once()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run_bulk(db: Database, viewer, selection: Selection, to_id: int, now, expected: str):
    """One reassign, commit included: (seconds, notes changed, batch id)."""
    start = time.perf_counter()
    with db.session() as s:
        result = reassign(s, viewer, selection, to_id, None, now, expected=expected)
    return time.perf_counter() - start, result.count, result.batch_id


def bare_update_sql(db: Database, viewer, selection: Selection, to_id: int, now) -> str:
    with db.session() as s:
        where = selection.clause(s, viewer, now)
    statement = update(Note).where(where).values(assignee_id=to_id, version=Note.version + 1)
    return str(statement.compile(dialect=db.engine.dialect, compile_kwargs={"literal_binds": True}))


def run_bare(db: Database, sql: str) -> tuple[float, int]:
    """The plain UPDATE through the DB-API driver, commit included: (seconds, rows)."""
    raw = db.engine.raw_connection()
    try:
        cursor = raw.cursor()
        start = time.perf_counter()
        cursor.execute(sql)
        raw.commit()
        seconds = time.perf_counter() - start
        rows = cursor.rowcount
        cursor.close()
    finally:
        raw.close()
    return seconds, rows


def measure(db: Database, viewer, target, query, to_id, now, repeat: int) -> dict:
    selection = Selection(query=query)
    with db.session() as s:
        before = preview(s, viewer, selection, now)
    if not before.can_apply:
        sys.exit(f"the selection {query!r} cannot be applied: {before.blocked}")
    preview_s = time_preview(db, viewer, selection, now, repeat)
    bare_sql = bare_update_sql(db, viewer, selection, to_id, now)

    def check_restored() -> None:
        with db.session() as s:
            again = preview(s, viewer, selection, now).fingerprint
        if again != before.fingerprint:
            sys.exit(f"the data was not restored: {again} != {before.fingerprint}")

    def bulk_once() -> float:
        seconds, changed, batch_id = run_bulk(db, viewer, selection, to_id, now, before.fingerprint)
        if changed != before.tasks:
            sys.exit(f"reassign changed {changed} notes, the preview said {before.tasks}")
        restore(db, batch_id)
        check_restored()
        return seconds

    def bare_once() -> float:
        seconds, rows = run_bare(db, bare_sql)
        if rows != before.tasks:
            sys.exit(f"the bare UPDATE changed {rows} notes, the preview said {before.tasks}")
        restore(db)
        check_restored()
        return seconds

    bulk_once(), bare_once()  # warm-up, not counted
    bulk_times, bare_times = [], []
    for _ in range(repeat):
        bare_times.append(bare_once())
        bulk_times.append(bulk_once())
    # Memory on its own run: tracemalloc slows Python down, so it stays out of the timings.
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        base = tracemalloc.get_traced_memory()[0]
        _, _, batch_id = run_bulk(db, viewer, selection, to_id, now, before.fingerprint)
        peak = tracemalloc.get_traced_memory()[1] - base
    finally:
        tracemalloc.stop()
    restore(db, batch_id)
    check_restored()
    return {
        "target": target,
        "query": query,
        "tasks": before.tasks,
        "preview_s": preview_s,
        "bulk_s": statistics.median(bulk_times),
        "bare_s": statistics.median(bare_times),
        "peak_kib": peak / 1024,
    }


# --- one backend --------------------------------------------------------------------------


def run_backend(backend: str, url: str, notes: int, targets: list[int], repeat: int) -> list:
    upgrade(url)
    db = Database(url)
    print(f"[{backend}] seeding {notes:,} notes…", file=sys.stderr)
    summary = seed_demo(db, notes=notes, progress=True)
    print(f"[{backend}] seeded in {summary.seconds:.0f} s", file=sys.stderr)
    now = clock.now()
    with db.session() as s:
        admin_id = s.scalar(select(User.id).where(User.email == "admin@demo.relance"))
        to_id = s.scalar(select(User.id).where(User.email == "rep1@demo.relance"))
        viewer = load_viewer(s, admin_id)
        open_tasks = s.scalar(select(func.count()).where(open_task()))
    assert viewer is not None and viewer.role == "admin"
    print(f"[{backend}] open tasks in the database: {open_tasks:,}", file=sys.stderr)
    ranges = choose_ranges(db, viewer, targets, now)
    take_snapshot(db, viewer, [query for _, query, _ in ranges], now)
    settle(db)
    results = []
    try:
        for target, query, tasks in ranges:
            print(f"[{backend}] {target:,}: {query} → {tasks:,} open tasks", file=sys.stderr)
            row = measure(db, viewer, target, query, to_id, now, repeat)
            row["backend"] = backend
            results.append(row)
            print(
                f"[{backend}] {row['tasks']:,} tasks: bulk {row['bulk_s']:.3f} s, "
                f"bare {row['bare_s']:.3f} s, preview {row['preview_s']:.3f} s, "
                f"peak {row['peak_kib']:.0f} KiB",
                file=sys.stderr,
            )
    finally:
        drop_snapshot(db)
        db.dispose()
    return results


# --- report -------------------------------------------------------------------------------


def verdict(ok: bool) -> str:
    return "pass" if ok else "FAIL"


def print_table(rows: list[dict], notes: int, repeat: int) -> None:
    print()
    print(
        f"Bulk reassign of all matching open tasks by an admin, {notes:,} notes; "
        f"median of {repeat} runs (commit included)."
    )
    print(
        f"Goals (issue), for {GOAL_SIZE:,} tasks: bulk <= {GOAL_SECONDS:g} s and "
        f"<= {GOAL_RATIO:g}x the bare UPDATE."
    )
    print()
    print(
        "| backend | filter | tasks | preview (s) | bulk (s) | bare UPDATE (s) | bulk/bare "
        f"| peak Python mem (KiB) | goal <= {GOAL_SECONDS:g} s | goal <= {GOAL_RATIO:g}x |"
    )
    print("|---|---|--:|--:|--:|--:|--:|--:|---|---|")
    for r in rows:
        ratio = r["bulk_s"] / r["bare_s"]
        if r["target"] <= GOAL_SIZE:
            goal_s = f"{verdict(r['bulk_s'] <= GOAL_SECONDS)} ({r['bulk_s']:.2f} s)"
            goal_x = f"{verdict(ratio <= GOAL_RATIO)} ({ratio:.1f}x)"
        else:
            goal_s = goal_x = "n/a"
        print(
            f"| {r['backend']} | `{r['query']}` | {r['tasks']:,} | {r['preview_s']:.3f} "
            f"| {r['bulk_s']:.3f} | {r['bare_s']:.3f} | {ratio:.1f}x | {r['peak_kib']:,.0f} "
            f"| {goal_s} | {goal_x} |"
        )


def main() -> None:
    parser = bench_parser(__doc__, DEFAULT_PG, f"its database is wiped (default: {DEFAULT_PG})")
    parser.add_argument(
        "--sizes",
        default=DEFAULT_SIZES,
        help=f"target open tasks per selection, comma-separated (default: {DEFAULT_SIZES})",
    )
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per measure")
    args = parser.parse_args()
    stamp = provenance()
    targets = sorted(int(t) for t in args.sizes.split(",") if t.strip())
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    if "postgresql" in backends:
        ensure_pg_database(args.pg_url)  # fail early on a forbidden database
    started = time.perf_counter()
    workdir = Path(args.sqlite_dir or tempfile.mkdtemp(prefix="relance-bulk-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    rows = []
    try:
        for backend in backends:
            url = fresh_database(backend, args.pg_url, workdir / "bulk_bench.db")
            rows += run_backend(backend, url, args.notes, targets, args.repeat)
    finally:
        if args.sqlite_dir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    with recorded(args.out, stamp):
        print_table(rows, args.notes, args.repeat)
    print(f"\nwhole run: {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
