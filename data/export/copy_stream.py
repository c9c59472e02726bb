"""The CSV of an export on PostgreSQL: COPY of the plan's text query (every cell already
shaped as the CSV's text in SQL, see plan.py), relayed block by block."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg

from data.db import Database
from data.export.csv_writer import header_chunk
from data.export.plan import CHUNK_BYTES, ExportPlan


class CopyStream:
    """The CSV through PostgreSQL's COPY of the SQL-shaped query: the database writes the
    rows as CSV, we relay its blocks. `rows` is known once the COPY has ended."""

    def __init__(self, db: Database, plan: ExportPlan) -> None:
        self.db, self.plan = db, plan
        self.rows: int | None = None

    def chunks(self, bom: bool = False) -> Iterator[bytes]:
        yield header_chunk(self.plan, bom)  # at once: the query's start-up comes after it
        engine = self.db.engine
        compiled = self.plan.text_query.compile(
            dialect=engine.dialect, compile_kwargs={"render_postcompile": True}
        )
        statement = f"COPY ({compiled}) TO STDOUT WITH (FORMAT csv)"
        with engine.connect() as conn:
            raw = conn.connection.driver_connection
            with psycopg.ClientCursor(raw) as cursor:
                # Times in the viewer's zone; no JIT: it only delays the first rows here.
                cursor.execute(
                    "SELECT set_config('TimeZone', %s, true), set_config('jit', 'off', true)",
                    (self.plan.viewer.time_zone,),
                )
                pending: list[bytes] = []
                size = 0
                with cursor.copy(statement, compiled.params) as copy:
                    for block in copy:
                        pending.append(bytes(block))
                        size += len(block)
                        if size >= CHUNK_BYTES:
                            yield b"".join(pending)
                            pending, size = [], 0
                if pending:
                    yield b"".join(pending)
                self.rows = cursor.rowcount
            raw.rollback()


def uses_copy(db: Database) -> bool:
    return db.engine.dialect.name == "postgresql"
