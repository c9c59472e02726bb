"""Exports of /notes: the same scope, filter and order, as CSV or XLSX, streamed from SQL.

Rows come from a server-side cursor in blocks, so a million-row export holds one block in
memory at a time. The CSV leaves while the query runs; the XLSX is written by xlsxwriter in
constant-memory mode into a temporary file and sent when complete (large ones are built by
the job runner, see data/jobs.py). Every export is recorded in the audit (who, when, filter,
format, rows).
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import psycopg
import xlsxwriter
from sqlalchemy import Select, Text, and_, case, cast, func, insert, literal, select
from sqlalchemy.orm import Session, aliased

from data.clock import local_day, zone
from data.db import Database
from data.errors import Message, _msg
from data.filters import NoteFilter
from data.models import AuditEvent, Note, VariableOption, note_option
from data.notes import (
    Action,
    Category,
    Customer,
    Status,
    assignee_user,
    author_user,
    bounds_for,
    count_notes,
    listing_order,
    variable_columns,
    where_clause,
    with_display_joins,
)
from data.scope import Viewer
from data.states import state_sql

HEADER = (
    "id",
    "customer",
    "customer_code",
    "body",
    "status",
    "action",
    "category",
    "assignee",
    "assignee_email",
    "due_at",
    "state",
    "created_at",
    "author",
    "completed_at",
)
DATE_COLUMNS = frozenset({"due_at", "created_at", "completed_at"})
# A spreadsheet runs a cell starting with one of these as a formula (DESIGN.md section 5).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FORMATS = ("csv", "xlsx")
BLOCK = 2_000  # rows fetched per round trip from the server-side cursor
CHUNK_BYTES = 64 * 1024  # CSV bytes gathered before they are sent
# Above this many rows the /notes page builds the XLSX as a background job.
JOB_THRESHOLD = 100_000
XLSX_MAX_ROWS = 1_048_575  # one sheet holds 1,048,576 rows, the header is one of them
BOM = "\ufeff"


class ExportError(ValueError):
    """The request cannot be exported; `messages` say why (the answer is a 400)."""

    def __init__(self, messages: Iterable[Message]) -> None:
        self.messages = tuple(messages)
        super().__init__("; ".join(map(str, self.messages)))

    def text(self, locale: str | None) -> str:
        return "\n".join(message.translated(locale) for message in self.messages)


def neutralise(value: str) -> str:
    """Prefix a cell that a spreadsheet would run as a formula with an apostrophe."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


@dataclass(frozen=True)
class ExportPlan:
    """What one export reads: the statement, its header and how to shape each row."""

    viewer: Viewer
    flt: NoteFilter
    now: datetime
    header: tuple[str, ...]
    query: Select  # the rows as values, shaped in Python (SQLite, XLSX)
    text_query: Select  # the rows as the CSV's text, shaped in SQL (PostgreSQL's COPY)

    @property
    def date_positions(self) -> tuple[int, ...]:
        return tuple(i for i, name in enumerate(self.header) if name in DATE_COLUMNS)


def plan_export(s: Session, viewer: Viewer, raw_query: str, now: datetime) -> ExportPlan:
    """Parse and check the /notes query string; raise ExportError on any bad parameter."""
    flt = NoteFilter.from_query(raw_query).checked(s)
    if flt.errors:
        raise ExportError(flt.errors)
    variables = variable_columns(s)
    columns = [
        Note.id,
        Customer.name,
        Customer.code,
        Note.body,
        Status.name,
        Action.name,
        Category.name,
        assignee_user.name,
        assignee_user.email,
        Note.due_at,
        state_sql(bounds_for(viewer, now)),
        Note.created_at,
        author_user.name,
        Note.completed_at,
    ]
    joins = []
    for variable in variables:
        # One LEFT JOIN per variable: (note, variable) is note_option's primary key.
        chosen = aliased(note_option, name=f"chosen_{variable.id}")
        option = aliased(VariableOption, name=f"option_{variable.id}")
        joins.append((chosen, chosen.c.note_id == Note.id, chosen.c.variable_id == variable.id))
        joins.append((option, option.id == chosen.c.option_id, None))
        columns.append(option.label)
    header = HEADER + tuple(variable.name for variable in variables)
    as_text = [
        column if i == 0 else _iso_sql(column) if name in DATE_COLUMNS else _text_sql(column)
        for i, (name, column) in enumerate(zip(header, columns, strict=True))
    ]

    def listing(selected: list) -> Select:
        query = with_display_joins(select(*selected))
        for target, on, also in joins:
            query = query.outerjoin(target, on if also is None else and_(on, also))
        return query.where(where_clause(viewer, flt, now)).order_by(*listing_order(flt))

    return ExportPlan(viewer, flt, now, header, listing(columns), listing(as_text))


# ISO 8601 with the offset, in the session's TimeZone (set to the viewer's for the export).
ISO_PG = 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM'


def _iso_sql(column):
    return func.to_char(column, ISO_PG)


def _text_sql(column):
    """The cell as text, neutralised; '' as NULL, so COPY writes it unquoted like csv.writer."""
    value = func.nullif(cast(column, Text), "")
    starts_formula = func.substr(value, 1, 1).in_(FORMULA_STARTS)
    return case((starts_formula, literal("'", Text) + value), else_=value)


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


def write_xlsx(
    plan: ExportPlan,
    rows: Iterable[tuple],
    path: Path,
    progress: Callable[[int], None] | None = None,
    every: int = 10_000,
) -> int:
    """Write the XLSX into `path` in constant memory; returns the number of rows."""
    tz = zone(plan.viewer.time_zone)
    dates = set(plan.date_positions)
    workbook = xlsxwriter.Workbook(
        str(path), {"constant_memory": True, "tmpdir": str(path.parent), "in_memory": False}
    )
    try:
        sheet = workbook.add_worksheet("Notes")
        head = workbook.add_format(
            {"bold": True, "font_color": "#FFFFFF", "bg_color": "#212529", "border": 1}
        )
        when = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"})
        widths = {"body": 60, "customer": 28, "assignee_email": 26, "author": 18, "assignee": 18}
        for i, name in enumerate(plan.header):
            if i in dates:
                sheet.set_column(i, i, 17, when)
            else:
                sheet.set_column(i, i, widths.get(name, 12))
        sheet.write_row(0, 0, plan.header, head)
        sheet.freeze_panes(1, 0)
        n = 0
        for n, row in enumerate(rows, start=1):
            if n > XLSX_MAX_ROWS:
                raise ExportError([_msg("Too many rows for one XLSX sheet: use the CSV export")])
            sheet.write_number(n, 0, row[0])
            for i in range(1, len(row)):
                value = row[i]
                if value is None:
                    continue
                if i in dates:
                    # Excel has no time zones: the viewer's wall-clock time, as a real date.
                    sheet.write_datetime(n, i, value.astimezone(tz).replace(tzinfo=None), when)
                else:
                    sheet.write_string(n, i, neutralise(str(value)))
            if progress and n % every == 0:
                progress(n)
        sheet.autofilter(0, 0, max(n, 1), len(plan.header) - 1)
    finally:
        workbook.close()
    return n


_SLUG = re.compile(r"[^a-z0-9]+")


def _slug(text: str, limit: int = 24) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _SLUG.sub("-", ascii_text.lower()).strip("-")[:limit].strip("-")


def file_name(plan: ExportPlan, fmt: str) -> str:
    """relance-notes-<local date>[-<filter summary>].<fmt>, ASCII only."""
    flt = plan.flt
    parts = ["relance-notes", local_day(plan.now, zone(plan.viewer.time_zone)).isoformat()]
    if flt.counter:
        parts.append(flt.counter)
    if flt.overdue:
        parts.append("overdue")
    if flt.completed:
        parts.append("with-completed")
    for name, values in (
        ("status", flt.statuses),
        ("action", flt.actions),
        ("option", flt.options),
        ("rep", flt.reps + (("none",) if flt.unassigned else ())),
        ("category", flt.categories),
        ("customer", flt.customers),
    ):
        if values:
            parts.append(name + "-" + "-".join(map(str, values[:3])) + ("-etc" * (len(values) > 3)))
    if flt.date_from:
        parts.append("from-" + flt.date_from.isoformat())
    if flt.date_to:
        parts.append("to-" + flt.date_to.isoformat())
    if flt.text and _slug(flt.text):
        parts.append("q-" + _slug(flt.text))
    return "-".join(parts)[:150].rstrip("-") + "." + fmt


def record_export(
    db: Database,
    viewer: Viewer,
    fmt: str,
    plan: ExportPlan,
    rows: int,
    complete: bool,
    at: datetime,
    job_id: int | None = None,
) -> None:
    """One audit row per export: who, when, which filter, which format, how many rows."""
    detail = {
        "format": fmt,
        "query": plan.flt.to_query(),
        "rows": rows,
        "complete": complete,
    }
    if job_id is not None:
        detail["job"] = job_id
    with db.session() as s:
        s.execute(
            insert(AuditEvent).values(
                actor_id=viewer.id,
                at=at,
                action="export",
                target_type="notes",
                target_id=None,
                before=None,
                after=detail,
            )
        )


def count_query(s: Session, plan: ExportPlan) -> int:
    """How many rows the plan exports: the /notes count (its joins never add rows)."""
    return count_notes(s, plan.viewer, plan.flt, plan.now)
