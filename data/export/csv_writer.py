"""The CSV of an export, written in Python: ISO 8601 times in the viewer's zone, cells a
spreadsheet would run as formulas neutralised, sent in chunks as the rows arrive."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator

from data.clock import zone
from data.db import Database
from data.export.plan import BLOCK, BOM, CHUNK_BYTES, FORMULA_STARTS, ExportPlan


def neutralise(value: str) -> str:
    """Prefix a cell that a spreadsheet would run as a formula with an apostrophe."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def stream_rows(db: Database, plan: ExportPlan, block: int = BLOCK) -> Iterator[tuple]:
    """The plan's rows, fetched in blocks from a server-side cursor."""
    with db.engine.connect() as conn:
        result = conn.execution_options(stream_results=True, yield_per=block).execute(plan.query)
        yield from result


def csv_cells(plan: ExportPlan) -> Callable[[tuple], list[str]]:
    """A function shaping one row into CSV cells: ISO 8601 times in the viewer's zone."""
    tz = zone(plan.viewer.time_zone)
    dates = plan.date_positions
    texts = tuple(i for i in range(1, len(plan.header)) if i not in dates)

    def cells(row: tuple) -> list:
        # csv.writer writes None as "" and numbers as digits: only texts and times need work.
        out = list(row)
        for i in texts:
            value = out[i]
            if value is not None and value.startswith(FORMULA_STARTS):
                out[i] = "'" + value
        for i in dates:
            value = out[i]
            if value is not None:
                out[i] = value.astimezone(tz).isoformat(timespec="seconds")
        return out

    return cells


class Counted:
    """Wraps a row iterator and counts what went through it."""

    def __init__(self, rows: Iterable[tuple]) -> None:
        self._rows = iter(rows)
        self.count = 0

    def __iter__(self) -> Iterator[tuple]:
        for row in self._rows:
            self.count += 1
            yield row


def csv_chunks(plan: ExportPlan, rows: Iterable[tuple], bom: bool = False) -> Iterator[bytes]:
    """The CSV as UTF-8 byte chunks: the header at once, then rows as they arrive."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if bom:
        buffer.write(BOM)
    writer.writerow(plan.header)
    yield buffer.getvalue().encode()
    buffer.seek(0)
    buffer.truncate()
    # csv.writer quotes a field holding a character of its line terminator: "\n" alone would
    # leave a bare carriage return unquoted (a line break to most readers). Such rare rows are
    # written with "\r\n", which quotes it, and the row's own end is put back to "\n", as
    # PostgreSQL's COPY writes them.
    careful = csv.writer(buffer, lineterminator="\r\n")
    cells = csv_cells(plan)
    for row in rows:
        out = cells(row)
        if any(isinstance(value, str) and "\r" in value for value in out):
            careful.writerow(out)
            buffer.seek(buffer.tell() - 2)
            buffer.write("\n")
            buffer.truncate()
        else:
            writer.writerow(out)
        if buffer.tell() >= CHUNK_BYTES:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue().encode()


def header_chunk(plan: ExportPlan, bom: bool = False) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(plan.header)
    return ((BOM if bom else "") + buffer.getvalue()).encode()
