"""How fast the counters and the board's column counts answer at scale, against bare SQL.

On a freshly seeded demo (1,000,000 notes and, as `seed_demo` makes one activity per five
notes, 200,000 activities; 20 reps in the manager's team) it times, through the data layer
and inside `db.session()` like the app:

1. a rep's own counters: `data.counters.counters` for rep1@demo.relance;
2. the manager's employees' counters: `data.counters.employees_counters` for
   manager@demo.relance (the members of the team they manage);
3. the board's six column counts: `data.board.column_counts` with an empty `NoteFilter()`,
   for rep1 and for the manager.

The baseline of each is the very SQL the call emits, captured with a `before_cursor_execute`
listener (statement and parameters as handed to the driver) and run bare on a DB-API cursor
of a pooled connection, rows fetched (checkout and release timed too, as in notes_page.py;
the statements alone are shown apart). Median of 7 runs after one warm-up, data layer and
bare runs alternated. The capture run also counts the statements of each call: one each,
except `employees_counters`, which first lists the people (a small read of user_account and
team_member), then issues the one counters statement. The table also says whether
SQLAlchemy's compiled cache serves each statement. Both backends are seeded for, and
measured at, the same instant (with --reuse: the clock's now, RELANCE_NOW if set).

    python benchmarks/counters.py --notes 1000000 --backend both

The PostgreSQL run uses its own database (default `relance_bench`, created when missing) and
wipes its public schema; it refuses the `test` database. SQLite goes to a temp dir. Plans
(PostgreSQL: EXPLAIN ANALYZE; SQLite: EXPLAIN QUERY PLAN) of every statement slower than
--explain-ms bare are printed after the table.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import event, func, select  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from benchmarks.bench_db import bench_parser, ensure_pg_database, fresh_database  # noqa: E402
from benchmarks.recording import provenance, recorded  # noqa: E402
from data import clock  # noqa: E402
from data.board import column_counts  # noqa: E402
from data.counters import counters, employees_counters  # noqa: E402
from data.db import Database  # noqa: E402
from data.filters import NoteFilter  # noqa: E402
from data.migrate import upgrade  # noqa: E402
from data.models import Activity, Note, User  # noqa: E402
from data.scope import Viewer, load_viewer  # noqa: E402
from data.states import open_task  # noqa: E402
from demo.seed import seed_demo  # noqa: E402

DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/relance_bench"
REPS = 20
REPEAT = 7
GOAL_RATIO = 2.0
SLOW_MS = 500.0
REP_EMAIL = "rep1@demo.relance"
MANAGER_EMAIL = "manager@demo.relance"


# --- databases ----------------------------------------------------------------------------


def sqlite_url(workdir: Path) -> str:
    return f"sqlite:///{workdir / 'counters_bench.db'}"


# --- capturing and timing -----------------------------------------------------------------


@dataclass
class Statement:
    sql: str
    parameters: object
    cache: str  # SQLAlchemy's compiled cache for it: hit, miss, no cache key (compiled each call)


@contextmanager
def statements_of(db: Database):
    """Every statement the engine hands to the driver inside the block, with its parameters."""
    seen: list[Statement] = []

    def record(_conn, _cursor, statement, parameters, context, _executemany) -> None:
        stats = getattr(context, "cache_hit", None)
        cache = stats.name.lower().replace("_", " ") if stats is not None else "?"
        seen.append(Statement(statement, parameters, cache.removeprefix("cache ")))

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", record)


def run_call(db: Database, call: Callable[[Session], object]) -> object:
    with db.session() as s:
        return call(s)


def run_bare(db: Database, statements: list[Statement]) -> tuple[float, list[float]]:
    """The captured statements on a plain DB-API cursor, rows fetched, like notes_page.py's
    baseline: a pooled connection taken, the statements run, the connection given back.
    (seconds in all, seconds per statement alone)."""
    start = time.perf_counter()
    raw = db.engine.raw_connection()
    each = []
    try:
        cursor = raw.cursor()
        for st in statements:
            began = time.perf_counter()
            cursor.execute(st.sql, st.parameters)
            cursor.fetchall()
            each.append(time.perf_counter() - began)
        cursor.close()
    finally:
        raw.close()
    return time.perf_counter() - start, each


@dataclass
class Case:
    label: str
    call: Callable[[Session], object]
    expected: tuple[str, ...]  # what each statement should be, in order
    summary: Callable[[object], str]


@dataclass
class Measured:
    backend: str
    label: str
    result: str
    kinds: tuple[str, ...]
    statements: list[Statement]
    ours_ms: float
    bare_ms: float
    sql_ms: float
    bare_each_ms: list[float] = field(default_factory=list)

    @property
    def statements_ok(self) -> bool:
        return len(self.statements) == len(self.kinds)

    @property
    def ratio(self) -> float:
        return self.ours_ms / self.bare_ms


def measure(db: Database, backend: str, case: Case) -> Measured:
    run_call(db, case.call)  # warm-up: the pool, the compiled cache, the database's pages
    with statements_of(db) as seen:
        result = run_call(db, case.call)
    statements = list(seen)
    if len(statements) != len(case.expected):
        print(
            f"[{backend}] {case.label}: {len(statements)} statements, expected "
            f"{len(case.expected)} ({' + '.join(case.expected)})",
            file=sys.stderr,
        )
    run_bare(db, statements)  # warm-up
    ours, bare, sql, bare_each = [], [], [], []
    for _ in range(REPEAT):
        seconds, each = run_bare(db, statements)
        bare.append(seconds * 1000)
        sql.append(sum(each) * 1000)
        bare_each.append(each)
        start = time.perf_counter()
        run_call(db, case.call)
        ours.append((time.perf_counter() - start) * 1000)
    per_statement = [
        statistics.median(run[i] for run in bare_each) * 1000 for i in range(len(statements))
    ]
    return Measured(
        backend=backend,
        label=case.label,
        result=case.summary(result),
        kinds=case.expected,
        statements=statements,
        ours_ms=statistics.median(ours),
        bare_ms=statistics.median(bare),
        sql_ms=statistics.median(sql),
        bare_each_ms=per_statement,
    )


# --- the cases ----------------------------------------------------------------------------


def user_id(db: Database, email: str) -> int:
    with db.session() as s:
        found = s.scalar(select(User.id).where(User.email == email))
    if found is None:
        sys.exit(f"no user {email} in the database: is it the demo?")
    return found


def viewer_of(db: Database, email: str) -> Viewer:
    uid = user_id(db, email)
    with db.session() as s:
        viewer = load_viewer(s, uid)
    assert viewer is not None, email
    return viewer


def counters_text(c) -> str:
    return f"incoming {c.incoming:,}, planned {c.planned:,}, today {c.today:,}"


def employees_text(rows) -> str:
    total = sum(r.counters.incoming for r in rows), sum(r.counters.planned for r in rows)
    today = sum(r.counters.today for r in rows)
    return f"{len(rows)} people; sums: incoming {total[0]:,}, planned {total[1]:,}, today {today:,}"


def board_text(counts: dict[str, int]) -> str:
    return ", ".join(f"{column} {n:,}" for column, n in counts.items())


def cases(rep: Viewer, manager: Viewer, now) -> list[Case]:
    no_filter = NoteFilter()
    one = ("the statement",)
    return [
        Case(
            "rep's counters (rep1)",
            lambda s: counters(s, rep, now),
            one,
            counters_text,
        ),
        Case(
            "manager's employees' counters",
            lambda s: employees_counters(s, manager, now),
            ("the people list", "the counters"),
            employees_text,
        ),
        Case(
            "board column counts, rep1",
            lambda s: column_counts(s, rep, no_filter, now),
            one,
            board_text,
        ),
        Case(
            "board column counts, manager",
            lambda s: column_counts(s, manager, no_filter, now),
            one,
            board_text,
        ),
    ]


def describe_data(db: Database, backend: str) -> str:
    with db.session() as s:
        users = s.scalar(select(func.count()).select_from(User))
        notes = s.scalar(select(func.count()).select_from(Note))
        tasks = s.scalar(select(func.count()).select_from(Note).where(open_task()))
        activities = s.scalar(select(func.count()).select_from(Activity))
        incoming = s.scalar(
            select(func.count()).select_from(Activity).where(Activity.closed_at.is_(None))
        )
    line = (
        f"{users} users, {notes:,} notes ({tasks:,} open tasks), "
        f"{activities:,} activities ({incoming:,} open)"
    )
    print(f"[{backend}] {line}", file=sys.stderr)
    return f"{backend}: {line}"


# --- plans --------------------------------------------------------------------------------


def explain(db: Database, st: Statement) -> str:
    raw = db.engine.raw_connection()
    try:
        cursor = raw.cursor()
        if db.engine.dialect.name == "postgresql":
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + st.sql, st.parameters)
            lines = [row[0] for row in cursor.fetchall()]
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + st.sql, st.parameters)
            rows = cursor.fetchall()  # (id, parent, notused, detail)
            depth = {0: -1}
            lines = []
            for node, parent, _unused, detail in rows:
                depth[node] = depth.get(parent, -1) + 1
                lines.append("  " * depth[node] + detail)
        cursor.close()
    finally:
        raw.close()
    return "\n".join(lines)


def slow_plans(db: Database, rows: list[Measured], threshold_ms: float) -> list[str]:
    out = []
    for r in rows:
        for index, (st, ms) in enumerate(zip(r.statements, r.bare_each_ms, strict=True)):
            if ms < threshold_ms:
                continue
            kind = r.kinds[index] if index < len(r.kinds) else f"statement {index + 1}"
            out.append(
                f"--- {r.backend}, {r.label}, {kind}: {ms:.0f} ms bare\n"
                f"{st.sql}\nparameters: {st.parameters!r}\n\n{explain(db, st)}\n"
            )
    return out


# --- one backend --------------------------------------------------------------------------


def run_backend(
    backend: str, url: str, now: datetime, notes: int, seed_it: bool, explain_ms: float
) -> tuple[list[Measured], str, list[str]]:
    if seed_it:
        upgrade(url)
        db = Database(url)
        print(f"[{backend}] seeding {notes:,} notes, {REPS} reps…", file=sys.stderr)
        summary = seed_demo(db, notes=notes, reps=REPS, progress=True, now=now)
        print(
            f"[{backend}] seeded in {summary.seconds:.0f} s: {summary.notes:,} notes, "
            f"{summary.activities:,} activities",
            file=sys.stderr,
        )
    else:
        db = Database(url)
    try:
        data = describe_data(db, backend)
        rep, manager = viewer_of(db, REP_EMAIL), viewer_of(db, MANAGER_EMAIL)
        assert rep.role == "rep" and manager.role == "manager"
        results = []
        for case in cases(rep, manager, now):
            row = measure(db, backend, case)
            results.append(row)
            print(
                f"[{backend}] {row.label}: ours {row.ours_ms:.1f} ms, bare {row.bare_ms:.1f} ms "
                f"({len(row.statements)} statements); {row.result}",
                file=sys.stderr,
            )
        plans = slow_plans(db, results, explain_ms)
    finally:
        db.dispose()
    return results, data, plans


# --- report -------------------------------------------------------------------------------


def verdict(ok: bool) -> str:
    return "pass" if ok else "FAIL"


def statements_cell(r: Measured) -> str:
    n = len(r.statements)
    if n == len(r.kinds) and n > 1:
        return f"{n}: {' + '.join(r.kinds)}"
    return str(n)


def statements_goal(r: Measured) -> str:
    if not r.statements_ok:
        return f"FAIL ({len(r.statements)}, expected {len(r.kinds)})"
    if len(r.kinds) > 1:
        return "pass (counters in 1; + people list)"
    return "pass"


def print_table(rows: list[Measured], data: list[str], notes: int) -> None:
    print()
    print(
        f"Counters and board column counts, {notes:,} notes; median of {REPEAT} runs after a "
        "warm-up. Data layer: the call inside db.session() (checkout, execute, commit). "
        "Bare: the same statements and parameters on a DB-API cursor of a pooled connection "
        "(checkout, execute, fetch, release); 'SQL alone' is the execute + fetch part of it."
    )
    for line in data:
        print(f"- {line}")
    print(
        f"Goals: data layer <= {GOAL_RATIO:g}x the bare SQL; one SQL statement per call "
        "(employees' counters: the people list, then one statement for all counters)."
    )
    print()
    print(
        "| backend | measure | result | statements | data layer (ms) | bare (ms) "
        "| SQL alone (ms) | data layer - bare (ms) | data layer/bare | compiled cache "
        f"| goal <= {GOAL_RATIO:g}x | goal one statement |"
    )
    print("|---|---|---|---|--:|--:|--:|--:|--:|---|---|---|")
    for r in rows:
        print(
            f"| {r.backend} | {r.label} | {r.result} | {statements_cell(r)} | {r.ours_ms:.1f} "
            f"| {r.bare_ms:.1f} | {r.sql_ms:.1f} | {r.ours_ms - r.bare_ms:.1f} | {r.ratio:.2f}x "
            f"| {' + '.join(st.cache for st in r.statements)} "
            f"| {verdict(r.ratio <= GOAL_RATIO)} | {statements_goal(r)} |"
        )


def main() -> None:
    parser = bench_parser(
        __doc__,
        DEFAULT_PG,
        f"its database is wiped (default: {DEFAULT_PG})",
        reuse_help="do not reseed: measure the databases as they are (at the clock's now)",
    )
    parser.add_argument(
        "--explain-ms",
        type=float,
        default=SLOW_MS,
        help=f"print the plan of every statement slower than this, bare (default: {SLOW_MS:g})",
    )
    args = parser.parse_args()
    stamp = provenance()
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    if "postgresql" in backends:
        ensure_pg_database(args.pg_url)  # fail early on a forbidden database
    if args.reuse and args.sqlite_dir is None and "sqlite" in backends:
        sys.exit("--reuse with sqlite needs --sqlite-dir")
    started = time.perf_counter()
    workdir = Path(args.sqlite_dir or tempfile.mkdtemp(prefix="relance-counters-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    # One instant for every backend: the same seeded data, the same windows, the same counts.
    now = clock.now()
    rows, data, plans = [], [], []
    try:
        for backend in backends:
            if args.reuse:
                url = sqlite_url(workdir) if backend == "sqlite" else args.pg_url
            else:
                url = fresh_database(backend, args.pg_url, workdir / "counters_bench.db")
            got, line, slow = run_backend(
                backend, url, now, args.notes, not args.reuse, args.explain_ms
            )
            rows += got
            data.append(line)
            plans += slow
    finally:
        if args.sqlite_dir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    with recorded(args.out, stamp):
        print_table(rows, data, args.notes)
    if plans:
        print(f"\nPlans of the statements slower than {args.explain_ms:g} ms bare:\n")
        print("\n".join(plans))
    print(f"\nwhole run: {time.perf_counter() - started:.0f} s")
    wrong = [r for r in rows if not r.statements_ok]
    if wrong:
        sys.exit(
            "unexpected statement counts: "
            + "; ".join(f"{r.backend} {r.label}: {len(r.statements)}" for r in wrong)
        )


if __name__ == "__main__":
    main()
