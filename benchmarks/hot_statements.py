"""How long the hot data-layer calls take on seeded databases, as they are (nothing written).

The calls whose plans tests/unit/test_query_plans.py checks, plus the analytics: the /notes
grid block and totals, a rep's counters, the employees' counters, the board's counts and
cards, the stand-up; each inside `db.session()` like the app, median and minimum of --runs
warm runs, at the clock's now (set RELANCE_NOW to the seed's instant to compare runs).

    RELANCE_NOW=2026-12-01T17:21:00+00:00 python benchmarks/hot_statements.py \\
        --sqlite-file /path/to/seeded.db --pg-url postgresql+psycopg://…/seeded

Run it before and after a change on copies of the same seeded databases, alternating the two,
on a machine as quiet as you can get: the absolute times move with the load, the ratios less.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import select  # noqa: E402

from data import analytics_selection, board, clock, counters, notes, standup  # noqa: E402
from data.analytics import all_charts  # noqa: E402
from data.db import Database  # noqa: E402
from data.filters import NoteFilter  # noqa: E402
from data.models import User  # noqa: E402
from data.scope import load_viewer  # noqa: E402

ANY = NoteFilter()


def cases(rep, manager, team_id: int, now) -> dict[str, Callable]:
    def analytics(days: int) -> Callable:
        selection = analytics_selection.Selection(period=days)
        return lambda s: all_charts(s, analytics_selection.prepare(s, manager, selection, now))

    def cards(viewer) -> Callable:
        return lambda s: [board.column_cards(s, viewer, ANY, now, c) for c in board.COLUMNS]

    return {
        "notes grid block, rep1": lambda s: notes.list_notes(s, rep, ANY, now, 0, 100),
        "notes totals, rep1": lambda s: notes.totals(s, rep, ANY, now),
        "notes grid block, manager": lambda s: notes.list_notes(s, manager, ANY, now, 0, 100),
        "notes totals, manager": lambda s: notes.totals(s, manager, ANY, now),
        # A header sort: latest due first, and by customer (the page's ids chosen first).
        "notes block by -due_at, manager": lambda s: notes.list_notes(
            s, manager, ANY, now, 300, 100, sort="-due_at"
        ),
        "notes block by customer, manager": lambda s: notes.list_notes(
            s, manager, ANY, now, 300, 100, sort="customer"
        ),
        "counters, rep1": lambda s: counters.counters(s, rep, now),
        "employees' counters, manager": lambda s: counters.employees_counters(s, manager, now),
        "board counts, rep1": lambda s: board.column_counts(s, rep, ANY, now),
        "board cards x6, rep1": cards(rep),
        "board counts, manager": lambda s: board.column_counts(s, manager, ANY, now),
        "board cards x6, manager": cards(manager),
        "stand-up": lambda s: standup.standup(s, team_id, manager.time_zone, now),
        "analytics 30 days": analytics(30),
        "analytics 90 days": analytics(90),
    }


def measure(url: str, runs: int, skip: tuple[str, ...]) -> list[tuple[str, float, float]]:
    db = Database(url)
    now = clock.now()
    try:
        with db.session() as s:
            rep, manager = (
                load_viewer(s, s.scalar(select(User.id).where(User.email == email)))
                for email in ("rep1@demo.relance", "manager@demo.relance")
            )
        rows = []
        for name, call in cases(rep, manager, manager.managed_team_ids[0], now).items():
            if any(word in name for word in skip):
                continue
            samples = []
            for run in range(runs + 1):  # the first one warms up
                started = time.perf_counter()
                with db.session() as s:
                    call(s)
                if run:
                    samples.append((time.perf_counter() - started) * 1000)
            rows.append((name, statistics.median(samples), min(samples)))
            print(f"{name}: {rows[-1][1]:.1f} ms", file=sys.stderr)
        return rows
    finally:
        db.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sqlite-file", type=Path, help="a seeded SQLite database")
    parser.add_argument("--pg-url", help="a seeded PostgreSQL database")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--skip", action="append", default=[], help="leave out the calls naming this word"
    )
    args = parser.parse_args()
    targets = []
    if args.sqlite_file:
        targets.append(("SQLite", f"sqlite:///{args.sqlite_file}"))
    if args.pg_url:
        targets.append(("PostgreSQL", args.pg_url))
    if not targets:
        parser.error("give --sqlite-file, --pg-url or both")
    print(f"\nmedian (minimum) of {args.runs} warm runs at {clock.now().isoformat()}\n")
    print("| backend | call | median | minimum |\n| --- | --- | --: | --: |")
    for backend, url in targets:
        for name, median, least in measure(url, args.runs, tuple(args.skip)):
            print(f"| {backend} | {name} | {median:,.1f} ms | {least:,.1f} ms |")


if __name__ == "__main__":
    main()
