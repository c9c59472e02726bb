"""How fast the stand-up screen and the analytics charts answer at scale, against naive pandas.

On the demo that benchmarks/export.py seeds (default 1,000,000 notes; with --reuse its database
is kept, migrated to the latest revision first), for manager@demo.relance and the team they
manage, it times through the data layer, inside `db.session()` like the app:

1. the stand-up: `data.standup.standup` (counters per person, overdue and due today per
   person, completions yesterday and today, the 10 oldest overdue);
2. the analytics page: `data.analytics.all_charts` over the last 30 and the last 90 days
   (seven charts, six statements).

The baseline is what a naive implementation does: read the notes of the team's people into
pandas (`pandas.read_sql` of id, assignee, author, due, created and completed times) and
compute the stand-up's per-person overdue count and the workload chart from the frame. Median
of 5 runs after one warm-up.

    python benchmarks/screens.py --notes 1000000 --backend both --reuse
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pandas as pd  # noqa: E402
from sqlalchemy import select  # noqa: E402

from benchmarks.bench_db import DEFAULT_BENCH_PG, bench_parser, ensure_pg_database  # noqa: E402
from benchmarks.export import prepare, sqlite_url  # noqa: E402
from benchmarks.recording import provenance, recorded  # noqa: E402
from data import analytics_selection  # noqa: E402
from data.analytics import all_charts  # noqa: E402
from data.db import Database  # noqa: E402
from data.migrate import upgrade  # noqa: E402
from data.models import User, team_member  # noqa: E402
from data.scope import load_viewer  # noqa: E402
from data.standup import standup, teams_for  # noqa: E402

RUNS = 5


def timed(call: Callable[[], object], runs: int = RUNS) -> float:
    call()  # warm-up
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def naive_pandas(db: Database, members: list[int], now) -> object:
    ids = ",".join(str(int(m)) for m in members)
    frame = pd.read_sql(
        "SELECT id, assignee_id, author_id, due_at, created_at, completed_at "  # noqa: S608
        f"FROM note WHERE deleted_at IS NULL AND assignee_id IN ({ids})",
        db.engine,
    )
    for column in ("due_at", "created_at", "completed_at"):
        frame[column] = pd.to_datetime(frame[column], utc=True)
    open_tasks = frame[frame["completed_at"].isna() & frame["due_at"].notna()]
    overdue = open_tasks[open_tasks["due_at"] < pd.Timestamp(now)]
    return overdue.groupby("assignee_id").size(), open_tasks.groupby("assignee_id").size()


def measure(backend: str, url: str, now) -> list[tuple[str, str, float, float]]:
    upgrade(url)  # a reused database gets the indexes added since it was seeded
    db = Database(url)
    try:
        with db.session() as s:
            manager_id = s.scalar(select(User.id).where(User.email == "manager@demo.relance"))
            viewer = load_viewer(s, manager_id)
            team_id = teams_for(s, viewer)[0][0]
            members = list(
                s.scalars(select(team_member.c.user_id).where(team_member.c.team_id == team_id))
            )

        def run_standup():
            with db.session() as s:
                return standup(s, team_id, viewer.time_zone, now)

        def run_analytics(days: int):
            def call():
                with db.session() as s:
                    selection = analytics_selection.Selection(period=days)
                    view = analytics_selection.prepare(s, viewer, selection, now)
                    return all_charts(s, view)

            return call

        baseline = timed(lambda: naive_pandas(db, members, now), runs=3)
        rows = [("stand-up", "standup()", timed(run_standup), baseline)]
        for days in (30, 90):
            rows.append(
                (f"analytics {days} days", "all_charts()", timed(run_analytics(days)), baseline)
            )
        return [(backend, *row) for row in rows]
    finally:
        db.dispose()


def main() -> None:
    parser = bench_parser(
        __doc__.splitlines()[0], DEFAULT_BENCH_PG, reuse_help="use the databases as they are"
    )
    args = parser.parse_args()
    stamp = provenance()
    backends = ("sqlite", "postgresql") if args.backend == "both" else (args.backend,)
    workdir = args.sqlite_dir or Path(tempfile.mkdtemp(prefix="relance-screens-"))
    workdir.mkdir(parents=True, exist_ok=True)
    results = []
    for backend in backends:
        if backend == "postgresql":
            ensure_pg_database(args.pg_url)
            url = args.pg_url
        else:
            url = sqlite_url(workdir)
        now = prepare(backend, url, workdir, args.notes, args.reuse)
        results += measure(backend, url, now)
    with recorded(args.out, stamp):
        print(f"\n{args.notes:,} notes; manager@demo.relance's team; median of {RUNS} runs\n")
        print("| backend | screen | call | ours | naive pandas (read + group) | ratio |")
        print("|---|---|---|--:|--:|--:|")
        for backend, screen, call, ours, baseline in results:
            print(
                f"| {backend} | {screen} | `{call}` | {ours * 1000:.0f} ms | "
                f"{baseline * 1000:.0f} ms | {ours / baseline:.2f}× |"
            )


if __name__ == "__main__":
    main()
