"""Reading notes for /notes: count, one block of rows, the overdue section. All in SQL."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session, aliased

from data.counters import counted_tasks
from data.filters import DEFAULT_SORT, NoteFilter
from data.i18n import format_instant
from data.models import (
    Action,
    Category,
    Customer,
    Note,
    Status,
    User,
    Variable,
    VariableOption,
    note_option,
)
from data.scope import Viewer, visible_notes
from data.states import StateBounds, state_sql

BODY_EXCERPT = 300
MAX_BLOCK = 500

assignee_user = aliased(User, name="assignee_user")
author_user = aliased(User, name="author_user")

SORT_COLUMNS = {
    "due_at": Note.due_at,
    "created_at": Note.created_at,
    "updated_at": Note.updated_at,
    "customer": Customer.name,
    "status": Status.position,
    "assignee": assignee_user.name,
    "id": Note.id,
}
# Keys that many notes share: the follow-up date orders the notes of one value.
GROUPING_KEYS = frozenset({"customer", "status", "assignee"})


def bounds_for(viewer: Viewer, now: datetime) -> StateBounds:
    return StateBounds.for_viewer(now, viewer.time_zone, viewer.planned_threshold_minutes)


def where_clause(viewer: Viewer, flt: NoteFilter, now: datetime) -> ColumnElement[bool]:
    """Scope and filter: the one WHERE of /notes, its counts and its exports."""
    where = visible_notes(viewer) & flt.clause(now, viewer.time_zone)
    if flt.counter:
        where = where & counted_tasks(viewer, flt.counter, now)
    return where


def count_notes(s: Session, viewer: Viewer, flt: NoteFilter, now: datetime) -> int:
    where = where_clause(viewer, flt, now)
    if s.get_bind().dialect.name == "sqlite" and _a_reps_open_notes(viewer, flt):
        # SQLite answers a rep's OR (author, assignee, customer) by reading the table row of
        # each of ~190,000 index entries at a million notes (240 ms). Their open tasks are
        # counted from the open-task index alone, then their open plain notes: about 170 ms.
        tasks = (
            select(func.count())
            .select_from(Note)
            .where(where, Note.assignee_id.is_not(None))
            .with_hint(Note, "INDEXED BY ix_note_open_task_due", dialect_name="sqlite")
        )
        plain = select(func.count()).select_from(Note).where(where, Note.assignee_id.is_(None))
        return (s.scalar(tasks) or 0) + (s.scalar(plain) or 0)
    return s.scalar(select(func.count()).select_from(Note).where(where)) or 0


def _a_reps_open_notes(viewer: Viewer, flt: NoteFilter) -> bool:
    """The default /notes of a rep: open notes, no other condition (any sort)."""
    return not (viewer.is_admin or viewer.is_manager) and replace(flt, sort=DEFAULT_SORT).is_empty


def order_by(sort: str, dated_only: bool = False) -> list:
    key = sort.lstrip("-") or DEFAULT_SORT
    column = SORT_COLUMNS.get(key, Note.due_at)
    descending = sort.startswith("-")
    ordered = column.desc() if descending else column.asc()
    # Notes without a date come last either way; the id keeps paging stable. When the filter
    # already excludes undated notes, plain ORDER BY due_at lets SQLite walk the index.
    if not (dated_only and key == "due_at"):
        ordered = ordered.nulls_last()
    if key in GROUPING_KEYS:
        # Within one customer (status, assignee), the next follow-up first, then the id.
        return [ordered, Note.due_at.asc().nulls_last(), Note.id.asc()]
    return [ordered, Note.id.desc() if descending else Note.id.asc()]


# The joins a sort key needs: the block's page of ids is chosen joining these alone.
SORT_JOINS = {
    "customer": (Customer, Customer.id == Note.customer_id),
    "status": (Status, Status.id == Note.status_id),
    "assignee": (assignee_user, assignee_user.id == Note.assignee_id),
}


def block_query(
    viewer: Viewer, flt: NoteFilter, now: datetime, sort: str | None, offset: int, limit: int
) -> Select:
    """One block of the listing: its ids are chosen first (scope, filter, order, offset and
    limit on `note` alone, with the one join a sort key needs), then the display columns are
    joined for those rows only, instead of for every row of the filter before the sort."""
    order = listing_order(flt, sort)
    chosen = select(Note.id).where(where_clause(viewer, flt, now))
    join = SORT_JOINS.get((sort or flt.sort).lstrip("-"))
    if join is not None:
        chosen = chosen.outerjoin(*join)
    page = chosen.order_by(*order).offset(offset).limit(limit).subquery("page")
    return with_display_joins(
        _display_columns(viewer, now).join(page, page.c.id == Note.id)
    ).order_by(*order)


def rows_query(viewer: Viewer, flt: NoteFilter, now: datetime, sort: str | None = None) -> Select:
    """The listing with every display column, scoped, filtered and sorted."""
    return (
        with_display_joins(_display_columns(viewer, now))
        .where(where_clause(viewer, flt, now))
        .order_by(*listing_order(flt, sort))
    )


def _display_columns(viewer: Viewer, now: datetime) -> Select:
    return select(
        Note.id,
        state_sql(bounds_for(viewer, now)).label("state"),
        Customer.id.label("customer_id"),
        Customer.name.label("customer"),
        Customer.code.label("customer_code"),
        func.substr(Note.body, 1, BODY_EXCERPT).label("body"),
        Status.name.label("status"),
        Status.font_color.label("status_font_color"),
        Status.background_color.label("status_background_color"),
        Action.name.label("action"),
        Category.name.label("category"),
        Category.color.label("category_color"),
        assignee_user.id.label("assignee_id"),
        assignee_user.name.label("assignee"),
        assignee_user.email.label("assignee_email"),
        Note.due_at,
        Note.created_at,
        author_user.name.label("author"),
        Note.completed_at,
        Note.version,
    )


def with_display_joins(query: Select) -> Select:
    """The joins behind the display columns (customer, status, action, category, people)."""
    return (
        query.outerjoin(Customer, Customer.id == Note.customer_id)
        .outerjoin(Status, Status.id == Note.status_id)
        .outerjoin(Action, Action.id == Note.action_id)
        .outerjoin(Category, Category.id == Note.category_id)
        .outerjoin(assignee_user, assignee_user.id == Note.assignee_id)
        .outerjoin(author_user, author_user.id == Note.author_id)
    )


def listing_order(flt: NoteFilter, sort: str | None = None) -> list:
    """The ORDER BY of /notes, shared by its exports so that both list the same rows in order."""
    return order_by(sort or flt.sort, flt.overdue or bool(flt.date_from or flt.date_to))


@dataclass(frozen=True)
class VariableColumn:
    id: int
    name: str

    @property
    def field(self) -> str:
        return f"var_{self.id}"


def variable_columns(s: Session) -> list[VariableColumn]:
    query = select(Variable.id, Variable.name).where(Variable.active).order_by(Variable.position)
    return [VariableColumn(*row) for row in s.execute(query)]


def options_of(s: Session, note_ids: list[int]) -> dict[int, dict[str, str]]:
    """{note id: {"var_<variable id>": option label}} for a block of notes."""
    if not note_ids:
        return {}
    query = (
        select(note_option.c.note_id, note_option.c.variable_id, VariableOption.label)
        .join(VariableOption, VariableOption.id == note_option.c.option_id)
        .where(note_option.c.note_id.in_(note_ids))
    )
    result: dict[int, dict[str, str]] = {}
    for note_id, variable_id, label in s.execute(query):
        result.setdefault(note_id, {})[f"var_{variable_id}"] = label
    return result


def list_notes(
    s: Session,
    viewer: Viewer,
    flt: NoteFilter,
    now: datetime,
    offset: int = 0,
    limit: int = 100,
    sort: str | None = None,
) -> list[dict]:
    """One block of grid rows, shaped for display in the viewer's zone and language."""
    limit = max(0, min(limit, MAX_BLOCK))
    query = block_query(viewer, flt, now, sort, max(0, offset), limit)
    rows = [dict(row._mapping) for row in s.execute(query)]
    options = options_of(s, [row["id"] for row in rows])
    for row in rows:
        row["row_id"] = str(row["id"])  # the grid's row ids are strings
        row.update(options.get(row["id"], {}))
        for key in ("due_at", "created_at", "completed_at"):
            value = row[key]
            row[key + "_iso"] = value.isoformat() if value else None
            row[key] = format_instant(value, viewer.time_zone, viewer.locale) if value else ""
    return rows


def overdue_section(
    s: Session,
    viewer: Viewer,
    flt: NoteFilter,
    now: datetime,
    limit: int = 5,
    total: int | None = None,
) -> tuple[int, list[dict]]:
    """How many open tasks of the filter are overdue, and the oldest of them.

    `total` is the filter's own count: when the filter is "overdue only" it is the answer.
    """
    overdue = flt.with_(overdue=True)
    if total is None or not flt.overdue:
        total = count_notes(s, viewer, overdue, now)
    rows = list_notes(s, viewer, overdue, now, 0, limit, sort="due_at") if total else []
    return total, rows


@dataclass(frozen=True)
class Totals:
    """What /notes shows above its grid for a filter."""

    total: int  # notes matching the filter
    overdue: int  # overdue open tasks among them
    oldest_overdue: list[dict]  # the oldest of those, as grid rows


def totals(s: Session, viewer: Viewer, flt: NoteFilter, now: datetime) -> Totals:
    """The filter's count and its overdue section (which reuses the count when it can)."""
    total = count_notes(s, viewer, flt, now)
    overdue, oldest = overdue_section(s, viewer, flt, now, total=total)
    return Totals(total, overdue, oldest)
