"""The hot statements keep the plans that make them fast at a million notes.

Each case runs a data-layer call (the /notes grid block and totals, a rep's counters, the
employees' counters, the board's counts and cards, the stand-up), keeps the statements it
sends, and asks the database how it would run each one that reads `note`.

- SQLite plans with the statistics of the million-note demo after the seed's ANALYZE
  (tests/sqlite_stat1_1m.json), written into a small demo: the planner believes the sizes
  and spreads it would meet at that scale.
- PostgreSQL's statistics cannot be written, so it plans a 20,000-note demo, freshly
  analysed: at that size it already chooses as it does at a million (checked by hand with
  the same calls on the 1,000,000-note demo).

A case lists, per statement reading `note` (in the order the call sends them), the index
that must serve `note`; a plan that walks another index, scans the table or sorts where the
index gives the order fails here instead of in front of a user.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from sqlalchemy import select, text

from data import board, counters, notes, standup
from data.analytics import all_charts
from data.analytics_selection import Selection, prepare
from data.db import Database
from data.filters import NoteFilter
from data.models import Base, User
from data.scope import Viewer, load_viewer
from demo.seed import seed_demo
from tests.conftest import require_postgres, reset_postgres
from tests.query_plans import (
    SQLITE_STATS,
    emitted,
    load_sqlite_stats,
    pg_page_split,
    pg_plan,
    sqlite_page_split,
)

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # a Monday, 10:00 in Paris
PG_NOTES = 20_000
ANY = NoteFilter()


@dataclass(frozen=True)
class Demo:
    db: Database
    rep: Viewer
    manager: Viewer
    team_id: int


def _viewers(db: Database) -> Demo:
    with db.session() as s:
        rep, manager = (
            load_viewer(s, s.scalar(select(User.id).where(User.email == email)))
            for email in ("rep1@demo.relance", "manager@demo.relance")
        )
    return Demo(db, rep, manager, manager.managed_team_ids[0])


def _seeded(url: str, notes_count: int) -> None:
    db = Database(url)
    try:
        Base.metadata.create_all(db.engine)
        seed_demo(db, notes=notes_count, now=NOW)
    finally:
        db.dispose()


@pytest.fixture(scope="module")
def sqlite_demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("plans") / "plans.db"
    _seeded(f"sqlite:///{path}", 300)
    load_sqlite_stats(path, json.loads(SQLITE_STATS.read_text()))
    demo = _viewers(Database(f"sqlite:///{path}"))
    yield demo
    demo.db.dispose()


@pytest.fixture(scope="module")
def pg_demo():
    url = require_postgres()
    reset_postgres(url)
    _seeded(url, PG_NOTES)
    demo = _viewers(Database(url))
    yield demo
    demo.db.dispose()


# --- the cases -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """`call(session, demo)`; per statement reading `note`, in order: `sqlite`, the step of
    SQLite's plan that reads `note` (its beginning), and `postgresql`, how PostgreSQL reads
    `note` (an index name, or "Seq Scan"); None where either is fine. `ordered`: the index
    gives the ORDER BY (no sort step)."""

    call: Callable
    sqlite: tuple[str | None, ...]
    postgresql: tuple[str | None, ...]
    ordered: bool = False


def _search(index: str, terms: str = "") -> str:
    return (
        f"SEARCH note USING INDEX {index} ({terms}" if terms else f"SEARCH note USING INDEX {index}"
    )


BY_ASSIGNEE = _search("ix_note_open_task_assignee_due", "assignee_id=? AND due_at<?)")
OPEN_BY_DUE = "ix_note_open_task_due"
OVERDUE_BY_DUE = _search(OPEN_BY_DUE, "due_at<?)")
COLUMN_BY_DUE = _search(OPEN_BY_DUE, "due_at")
WALK_OPEN_TASKS = f"SCAN note USING INDEX {OPEN_BY_DUE}"
WALK_BY_DUE = "SCAN note USING INDEX ix_note_due"
BY_ID = "SEARCH note USING INTEGER PRIMARY KEY"


def _cards(viewer_of: Callable[[Demo], Viewer]) -> Callable:
    return lambda s, d: [
        board.column_cards(s, viewer_of(d), ANY, NOW, column) for column in board.COLUMNS
    ]


CARDS_SQLITE = (COLUMN_BY_DUE,) * 5 + (_search("ix_note_due", "due_at=?)"),)
CARDS_PG = (OPEN_BY_DUE,) * 5 + ("pk_note",)

CASES = {
    "notes grid block, rep": Case(
        lambda s, d: notes.list_notes(s, d.rep, ANY, NOW, 0, 100),
        sqlite=(WALK_BY_DUE,),
        postgresql=("ix_note_due",),
        ordered=True,
    ),
    "notes grid block, manager": Case(
        lambda s, d: notes.list_notes(s, d.manager, ANY, NOW, 0, 100),
        sqlite=(WALK_BY_DUE,),
        postgresql=("ix_note_due",),
        ordered=True,
    ),
    # A header sort, latest due first (undated last): an index in that order, no sort.
    "notes grid block by due date descending, manager": Case(
        lambda s, d: notes.list_notes(s, d.manager, ANY, NOW, 0, 100, sort="-due_at"),
        sqlite=(WALK_BY_DUE,),
        postgresql=("ix_note_due_desc",),
        ordered=True,
    ),
    # The count, the overdue count, the oldest overdue tasks.
    # SQLite counts a rep's open tasks from the open-task index alone, then their plain notes.
    "notes totals, rep": Case(
        lambda s, d: notes.totals(s, d.rep, ANY, NOW),
        sqlite=(WALK_OPEN_TASKS, None, OVERDUE_BY_DUE, OVERDUE_BY_DUE),
        postgresql=(None, OPEN_BY_DUE, OPEN_BY_DUE),
    ),
    "notes totals, manager": Case(
        lambda s, d: notes.totals(s, d.manager, ANY, NOW),
        sqlite=(None, OVERDUE_BY_DUE, OVERDUE_BY_DUE),
        postgresql=(None, OPEN_BY_DUE, OPEN_BY_DUE),
    ),
    "a rep's counters": Case(
        lambda s, d: counters.counters(s, d.rep, NOW),
        sqlite=(BY_ASSIGNEE,),
        postgresql=("ix_note_open_task_assignee_due",),
    ),
    "a manager's employees' counters": Case(
        lambda s, d: counters.employees_counters(s, d.manager, NOW),
        sqlite=(BY_ASSIGNEE,),
        postgresql=("ix_note_open_task_assignee_due",),
    ),
    "board column counts, rep": Case(
        lambda s, d: board.column_counts(s, d.rep, ANY, NOW),
        sqlite=(WALK_OPEN_TASKS,),
        postgresql=(OPEN_BY_DUE,),
    ),
    "board column counts, manager": Case(
        lambda s, d: board.column_counts(s, d.manager, ANY, NOW),
        sqlite=(WALK_OPEN_TASKS,),
        postgresql=(OPEN_BY_DUE,),
    ),
    "board cards of the six columns, rep": Case(
        _cards(lambda d: d.rep), sqlite=CARDS_SQLITE, postgresql=CARDS_PG, ordered=True
    ),
    "board cards of the six columns, manager": Case(
        _cards(lambda d: d.manager), sqlite=CARDS_SQLITE, postgresql=CARDS_PG, ordered=True
    ),
    # Each person's counters, their tasks, the completions, the oldest overdue tasks.
    "stand-up": Case(
        lambda s, d: standup.standup(s, d.team_id, d.manager.time_zone, NOW),
        sqlite=(
            BY_ASSIGNEE,
            BY_ASSIGNEE,
            _search("ix_note_completed", "completed_at>? AND completed_at<?)"),
            OVERDUE_BY_DUE,
        ),
        postgresql=(
            "ix_note_open_task_assignee_due",
            "ix_note_open_task_assignee_due",
            "ix_note_completed",
            OPEN_BY_DUE,
        ),
    ),
    # The overdue trend (SQLite: one scan of the table), the completion rates, the workload
    # and the ageing (range counts per person), the "notes by" charts. At 20,000 notes
    # PostgreSQL also reads the open tasks from ix_note_task_times or ix_note_open_task_due
    # (at 1M: ix_note_open_task_assignee_due), each index alone: left open here. At 1M and
    # 90 days the breakdown may scan the table in parallel instead (as fast: 700,000 rows).
    "analytics, 90 days, manager": Case(
        lambda s, d: all_charts(s, prepare(s, d.manager, Selection(period=90), NOW)),
        sqlite=(
            "SCAN note",
            None,
            _search("ix_note_open_task_assignee_due", "assignee_id=? AND due_at"),
            _search("ix_note_open_task_assignee_due", "assignee_id=? AND due_at"),
            _search("ix_note_created_breakdown", "created_at>? AND created_at<?)"),
        ),
        postgresql=("ix_note_task_times", None, None, None, "ix_note_created_breakdown"),
    ),
}


def _note_statements(demo: Demo, case: Case):
    return [st for st in emitted(demo.db, lambda s: case.call(s, demo)) if st.reads("note")]


# --- SQLite ------------------------------------------------------------------------------------


def test_the_sqlite_statistics_describe_every_index(sqlite_demo):
    """A new or renamed index needs fresh statistics: seed a million notes, then
    `python -m tests.query_plans <that database file>`."""
    with sqlite_demo.db.engine.connect() as conn:
        indexes = set(
            conn.exec_driver_sql(
                "SELECT tbl_name, name FROM sqlite_schema WHERE type = 'index'"
            ).all()
        )
    described = {(table, index) for table, index, _stat in json.loads(SQLITE_STATS.read_text())}
    tables = {table for table, _index in described}  # ANALYZE leaves empty tables out
    assert {ix for ix in indexes if ix[0] in tables} - described == set()


def _note_steps(plan: list[str]) -> list[str]:
    return [step for step in plan if step.startswith(("SCAN note", "SEARCH note"))]


@pytest.mark.parametrize("name", CASES)
def test_sqlite_plans_at_a_million_notes(sqlite_demo, name):
    case = CASES[name]
    statements = _note_statements(sqlite_demo, case)
    assert len(statements) == len(case.sqlite), [st.sql[:80] for st in statements]
    for statement, expected in zip(statements, case.sqlite, strict=True):
        page, rest = sqlite_page_split(sqlite_demo.db, statement)
        plan = page or rest
        steps = _note_steps(plan)
        where = f"{name}: {' '.join(statement.sql.split())[:120]}…\nplan: {page} {rest}"
        if page:  # then the page's rows only, by primary key
            assert all(step.startswith(BY_ID) for step in _note_steps(rest)), where
        # Open notes are most of the table: never looked up by "completed_at IS NULL".
        assert not any("ix_note_completed (completed_at=?)" in step for step in steps), where
        if expected is not None:
            assert steps and all(step.startswith(expected) for step in steps), where
        if case.ordered:
            assert not any(
                step.startswith("USE TEMP B-TREE") and "ORDER BY" in step for step in plan
            ), where


# --- PostgreSQL --------------------------------------------------------------------------------


def _note_reads(nodes: list[dict]) -> set[str]:
    """How the plan reads `note`: index names (bitmap ones included) and "Seq Scan"."""
    reads = set()
    for node in nodes:
        index = node.get("Index Name", "")
        if node.get("Relation Name") == "note":
            reads.add(index or node["Node Type"])
        elif index.startswith(("ix_note_", "pk_note")):
            reads.add(index)
    reads.discard("Bitmap Heap Scan")  # read through its bitmap index scans, listed above
    return reads


@pytest.mark.parametrize("name", CASES)
def test_postgresql_plans_with_analysed_statistics(pg_demo, name):
    case = CASES[name]
    statements = _note_statements(pg_demo, case)
    assert len(statements) == len(case.postgresql), [st.sql[:80] for st in statements]
    for statement, expected in zip(statements, case.postgresql, strict=True):
        page, rest = pg_page_split(pg_plan(pg_demo.db, statement))
        nodes = page or rest
        reads = _note_reads(nodes)
        where = f"{name}: {' '.join(statement.sql.split())[:120]}…\nreads: {reads}"
        if page:  # then the page's rows only, by primary key
            assert _note_reads(rest) <= {"pk_note"}, where
        if expected is not None:
            assert reads == {expected}, where
        if case.ordered:
            assert not any(node["Node Type"] == "Sort" for node in nodes), where


def test_analytics_run_without_jit_on_postgresql(pg_demo):
    """Compiling the overdue trend to machine code cost more than it saved (70-190 ms at a
    million notes): the analytics switch JIT off for their own transaction."""
    with pg_demo.db.session() as s:
        all_charts(s, prepare(s, pg_demo.manager, Selection(period=90), NOW))
        assert s.scalar(text("SHOW jit")) == "off"
