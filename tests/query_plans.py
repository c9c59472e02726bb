"""The query plans of the hot statements, as the data layer emits them.

`emitted` runs a data-layer call and keeps every statement it sent to the driver, with its
parameters; `sqlite_plan` and `pg_plan` ask the database how it would run one. The SQLite
statistics of a million-note demo (`SQLITE_STATS`, captured with `capture_sqlite_stats`
after the seed's full ANALYZE) can be written into a small database with
`load_sqlite_stats`, so its planner chooses as it would at that size.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import event

from data.db import Database
from data.models import Base

SQLITE_STATS = Path(__file__).with_name("sqlite_stat1_1m.json")


@dataclass(frozen=True)
class Emitted:
    sql: str
    params: object

    def reads(self, table: str) -> bool:
        return f" {table} " in f" {' '.join(self.sql.split())} "


@contextmanager
def _listening(db: Database) -> Iterator[list[Emitted]]:
    found: list[Emitted] = []

    def keep(_conn, _cursor, statement, parameters, _context, _many) -> None:
        found.append(Emitted(statement, parameters))

    event.listen(db.engine, "before_cursor_execute", keep)
    try:
        yield found
    finally:
        event.remove(db.engine, "before_cursor_execute", keep)


def emitted(db: Database, call: Callable) -> list[Emitted]:
    """The statements `call(session)` sends, in order (the session is rolled back)."""
    with _listening(db) as found:
        session = db.sessions()
        try:
            call(session)
        finally:
            session.rollback()
            session.close()
    return found


def sqlite_plan(db: Database, statement: Emitted) -> list[str]:
    """EXPLAIN QUERY PLAN, one line per step ("SEARCH note USING INDEX …")."""
    with db.engine.connect() as conn:
        cursor = conn.connection.driver_connection.cursor()
        cursor.execute("EXPLAIN QUERY PLAN " + statement.sql, statement.params)
        return [row[3] for row in cursor.fetchall()]


# A /notes block chooses its page of ids in a subquery named "page" (data.notes.block_query),
# then fetches those rows by primary key and sorts them: the page is where the work is.
PAGE = ("MATERIALIZE page", "CO-ROUTINE page")


def sqlite_page_split(db: Database, statement: Emitted) -> tuple[list[str], list[str]]:
    """SQLite's plan as (the steps choosing the page, the others); no page: ([], the plan)."""
    with db.engine.connect() as conn:
        cursor = conn.connection.driver_connection.cursor()
        cursor.execute("EXPLAIN QUERY PLAN " + statement.sql, statement.params)
        rows = [(row[0], row[1], row[3]) for row in cursor.fetchall()]
    inside: set[int] = set()
    page, rest = [], []
    for node, parent, detail in rows:
        if detail.startswith(PAGE) or parent in inside:
            inside.add(node)
            page.append(detail)
        else:
            rest.append(detail)
    return page, rest


def pg_page_split(nodes: list[dict]) -> tuple[list[dict], list[dict]]:
    """PostgreSQL's nodes (pg_plan) as (the page's: the Limit and below, when the statement's
    top is not itself that Limit, the others); no page: ([], the nodes)."""
    if not nodes or nodes[0]["Node Type"] == "Limit":
        return [], nodes
    for node in nodes:
        if node["Node Type"] == "Limit":
            below, stack = [], [node]
            while stack:
                one = stack.pop()
                below.append(one)
                stack.extend(one.get("Plans", []))
            ids = {id(one) for one in below}
            return below, [one for one in nodes if id(one) not in ids]
    return [], nodes


def pg_plan(db: Database, statement: Emitted) -> list[dict]:
    """Every node of EXPLAIN (FORMAT JSON), depth first."""
    with db.engine.connect() as conn:
        cursor = conn.connection.driver_connection.cursor()
        cursor.execute("EXPLAIN (FORMAT JSON) " + statement.sql, statement.params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    nodes, stack = [], [plan[0]["Plan"]]
    while stack:
        node = stack.pop()
        nodes.append(node)
        stack.extend(reversed(node.get("Plans", [])))
    return nodes


def capture_sqlite_stats(path: str | Path) -> list[list[str]]:
    """The sqlite_stat1 rows of a database file's own tables: (table, index, stat)."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        rows = conn.execute("SELECT tbl, idx, stat FROM sqlite_stat1 ORDER BY tbl, idx")
        return [list(row) for row in rows if row[0] in Base.metadata.tables]


def load_sqlite_stats(path: str | Path, rows: list[list[str]]) -> None:
    """Replace a database's statistics by `rows`; connections opened afterwards plan with
    them (ANALYZE first creates sqlite_stat1 when the database has none)."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("ANALYZE")
        conn.execute("DELETE FROM sqlite_stat1")
        conn.executemany("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?, ?, ?)", rows)
        conn.commit()
        conn.execute("ANALYZE sqlite_schema")  # reload them in this connection too
    finally:
        conn.close()


if __name__ == "__main__":  # python -m tests.query_plans DB_FILE: refresh the snapshot
    import sys

    rows = capture_sqlite_stats(sys.argv[1])
    SQLITE_STATS.write_text("[\n" + ",\n".join(json.dumps(row) for row in rows) + "\n]\n")
    print(f"{SQLITE_STATS} written")
