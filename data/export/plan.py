"""What one export of /notes reads, and what is kept of it.

`plan_export` checks the /notes query string and builds two statements over the same scope,
filter, joins and order: the rows as values (shaped by the Python writers) and the rows as the
CSV's text, shaped in SQL for PostgreSQL's COPY. Also here: the export's file name, its row
count and its audit row.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, Text, and_, case, cast, func, literal, select
from sqlalchemy.orm import Session, aliased

from data import audit
from data.clock import local_day, zone
from data.db import Database
from data.errors import InvalidInput, _msg
from data.filters import NoteFilter
from data.models import Note, VariableOption, note_option
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


def too_many_rows() -> InvalidInput:
    return InvalidInput({"rows": _msg("Too many rows for one XLSX sheet: use the CSV export")})


def plan_export(s: Session, viewer: Viewer, raw_query: str, now: datetime) -> ExportPlan:
    """Parse and check the /notes query string; raise InvalidInput on any bad parameter."""
    flt = NoteFilter.from_query(raw_query).checked(s, viewer)
    if flt.errors:
        raise InvalidInput.about("filter", *flt.errors)
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


@dataclass(frozen=True)
class ExportAudit:
    """An export's audit row, written when the export starts (complete: false, rows: 0) and
    completed when it ends: a process killed in between leaves a true "started" row."""

    db: Database
    event_id: int
    detail: dict

    @classmethod
    def start(
        cls, db: Database, viewer: Viewer, fmt: str, plan: ExportPlan, at: datetime, job_id=None
    ) -> ExportAudit:
        detail = {"format": fmt, "query": plan.flt.to_query(), "rows": 0, "complete": False}
        if job_id is not None:
            detail["job"] = job_id
        with db.session() as s:
            event_id = audit.record(s, viewer.id, "export", ("notes", None), at, after=detail)
        return cls(db, event_id, detail)

    def finish(self, rows: int, complete: bool) -> None:
        """How many rows left, and whether the file was whole (false: the client went away
        or the export failed)."""
        with self.db.session() as s:
            audit.complete(s, self.event_id, {**self.detail, "rows": rows, "complete": complete})


def count_query(s: Session, plan: ExportPlan) -> int:
    """How many rows the plan exports: the /notes count (its joins never add rows)."""
    return count_notes(s, plan.viewer, plan.flt, plan.now)
