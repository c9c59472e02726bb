"""/analytics (DESIGN.md section 2): the figures managers read, each one aggregate statement.

The population is tasks (assignee and due date set, not deleted) whose assignee is one of
the selected people (data.analytics_selection). pandas only shapes the few aggregated rows
(at most one per day, per person or per status / action / category combination), and the
same frame feeds the chart and its CSV.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import pandas as pd
from sqlalchemy import (
    ColumnElement,
    Integer,
    and_,
    any_,
    bindparam,
    case,
    func,
    literal,
    literal_column,
    or_,
    select,
    text,
    union_all,
)
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Session

from data.analytics_selection import View
from data.export import neutralise
from data.i18n import N_, translate
from data.models import Action, Category, Note, Status, User
from data.scope import unindexed
from data.states import open_task
from data.types import UTCDateTime

CHARTS = (
    "overdue-trend",
    "completion",
    "workload",
    "ageing",
    "by-status",
    "by-action",
    "by-category",
)
# The label of notes without a status, action or category (translated).
NO_VALUE = N_("None")
# Days overdue, rounded up: a task overdue by an hour is in "1-7".
AGEING_BUCKETS = (("1-7", 7), ("8-30", 30), ("31-90", 90), (">90", None))


# --- the figures ---------------------------------------------------------------------------


def _at(value: datetime):
    return literal(value, UTCDateTime())


def _count_if(condition: ColumnElement[bool]) -> ColumnElement[int]:
    # COUNT(*) FILTER: no CASE to evaluate per row, and 0 (not NULL) over no rows.
    return func.count().filter(condition)


def _tasks(view: View, scan: bool = False) -> ColumnElement[bool]:
    """The population. `scan`: a read that needs most of it anyway walks the table once
    rather than the assignee index row by row (SQLite only: see data.scope.unindexed)."""
    assignee = unindexed(Note.assignee_id) if scan else Note.assignee_id
    return and_(assignee.in_(view.people), Note.due_at.is_not(None), Note.deleted_at.is_(None))


def _day_index(instant, bounds: Sequence) -> ColumnElement[int]:
    """-1 before bounds[0], i within [bounds[i], bounds[i + 1]), len(bounds) - 1 after.

    A balanced CASE over the bounds: about log2(days) comparisons per row in one pass,
    where a join on a list of day windows would compare every row with every day.
    """

    def node(low: int, high: int):  # the number of bounds <= instant is within [low, high]
        if low == high:
            return literal_column(str(low - 1), Integer)
        middle = (low + high + 1) // 2
        return case((instant < bounds[middle - 1], node(low, middle - 1)), else_=node(middle, high))

    return node(0, len(bounds))


def _day_of(s: Session, instant, bounds: Sequence) -> ColumnElement[int]:
    """The day index of `instant` (see _day_index); PostgreSQL's width_bucket does the same
    binary search over the bounds as one function call per row."""
    if s.get_bind().dialect.name == "postgresql":
        return func.width_bucket(instant, postgresql.array(bounds)) - 1
    return _day_index(instant, bounds)


def overdue_trend(s: Session, view: View) -> pd.DataFrame:
    """Per day: the tasks overdue when the day ended (at `now` for today).

    A task is overdue at instant E when it was created and due before E and not completed
    before E: it enters at max(created, due) and leaves at its completion (never before it
    entered). One pass over the team's tasks counts them per (entry day, exit day), the days
    before the period as one more "day" (-1); the running sum of entries minus exits is the
    curve.
    """
    bounds = [
        bindparam(f"day_{i}", bound, type_=UTCDateTime())
        for i, bound in enumerate(view.period.bounds)
    ]
    entered_at = case((Note.created_at > Note.due_at, Note.created_at), else_=Note.due_at)
    left_at = case(
        (Note.completed_at.is_(None), None),
        (Note.completed_at > entered_at, Note.completed_at),
        else_=entered_at,
    )
    times = (
        select(
            _day_of(s, entered_at, bounds).label("entered"),
            _day_of(s, left_at, bounds).label("left"),
        )
        # max(created, due) before the end, as two conditions PostgreSQL checks in the index
        # (SQLite, scanning the table, would otherwise walk the due date index for them).
        .where(
            _tasks(view, scan=True),
            unindexed(Note.created_at) < bounds[-1],
            unindexed(Note.due_at) < bounds[-1],
        )
    )
    # Completed before the period: entered and left before it, so they count for nothing.
    open_or_recent = (Note.completed_at.is_(None), Note.completed_at >= bounds[0])
    if s.get_bind().dialect.name == "postgresql":
        # Two ranges of ix_note_task_times (completed_at second) rather than an OR that makes
        # PostgreSQL read every task of each person: 765,000 entries -> 275,000 at 1M notes.
        days = union_all(*(times.where(part) for part in open_or_recent)).cte("task_days")
    else:
        # MATERIALIZED: else SQLite computes the CASE trees again for its grouping sorter
        # (twice as slow). One scan of the table with the OR.
        days = times.where(or_(*open_or_recent)).cte("task_days").prefix_with("MATERIALIZED")
    pairs = select(days.c.entered, days.c.left, func.count()).group_by(days.c.entered, days.c.left)
    frame = pd.DataFrame(
        [tuple(row) for row in s.execute(pairs)], columns=["entered", "left", "tasks"]
    )
    frame["tasks"] = frame["tasks"].astype("int64")
    entries = frame.groupby("entered")["tasks"].sum()
    exits = frame.dropna(subset=["left"]).groupby("left")["tasks"].sum()
    exits.index = exits.index.astype("int64")
    n = len(view.period.days)
    days = range(-1, n)
    delta = entries.reindex(days, fill_value=0) - exits.reindex(days, fill_value=0)
    running = delta.cumsum().iloc[1:]
    return pd.DataFrame(
        {"day": [d.isoformat() for d in view.period.days], "overdue": running.astype(int).tolist()}
    )


def _per_person(s: Session, view: View, counts: dict[str, ColumnElement[int]], per_rep=None):
    """Every selected person (none left out for having nothing), by name, with the counts:
    columns of `per_rep` (joined on rep_id) or subqueries correlated with User.id."""
    query = select(User.id, User.name, *counts.values())
    if per_rep is not None:
        query = query.outerjoin(per_rep, per_rep.c.rep_id == User.id)
    query = query.where(User.id.in_(view.people)).order_by(User.name, User.id)
    columns = list(counts)
    rows = [tuple(row) for row in s.execute(query)]
    frame = pd.DataFrame(rows, columns=["rep_id", "rep", *columns])
    frame[list(columns)] = frame[list(columns)].astype("int64")
    # Two people of the same name would share a bar: their ids tell them apart.
    repeated = frame["rep"].duplicated(keep=False)
    frame.loc[repeated, "rep"] = frame["rep"] + " #" + frame["rep_id"].astype(str)
    return frame.drop(columns="rep_id")


def _rate(part: Sequence[int], whole: Sequence[int]) -> list[float | None]:
    """Percentages with one decimal; empty (None) when there is nothing to divide."""
    return [round(100 * p / w, 1) if w else None for p, w in zip(part, whole, strict=True)]


def completion(s: Session, view: View) -> pd.DataFrame:
    """Per person: of the tasks due in the period (up to now), how many are completed;
    of the tasks completed in the period, how many on time (completed at or before due)."""
    start, end = _at(view.period.start), _at(view.period.end)
    due_in = and_(Note.due_at >= start, Note.due_at < end)
    done_in = and_(Note.completed_at >= start, Note.completed_at < end)
    on_time = Note.completed_at <= Note.due_at
    columns = ["due", "completed", "completed_in_period", "on_time"]
    rep, zero = Note.assignee_id.label("rep_id"), literal_column("0", Integer)
    if s.get_bind().dialect.name == "postgresql":
        # Each person's completed tasks read once (the completed part of ix_note_task_times)
        # give all but the open tasks due in the period, a range of the open-task index. The
        # due range itself is no range there (the due date comes third): it reads every task.
        counts = [_count_if(c) for c in (due_in, due_in, done_in, and_(done_in, on_time))]
        first = select(rep).where(_tasks(view), Note.completed_at.is_not(None))
        second = select(rep, func.count(), zero, zero, zero).where(
            open_task(), Note.assignee_id.in_(view.people), due_in
        )
    else:
        # The tasks due in the period (a range of the due date index), then those completed
        # in it but due outside it (a range of ix_note_completed).
        counts = [func.count(), func.count(Note.completed_at), _count_if(done_in)]
        counts.append(_count_if(and_(done_in, on_time)))
        first = select(rep).where(_tasks(view), due_in)
        second = select(rep, zero, zero, func.count(), _count_if(on_time)).where(
            _tasks(view, scan=True), done_in, or_(Note.due_at < start, Note.due_at >= end)
        )
    first = first.add_columns(*[n.label(c) for n, c in zip(counts, columns, strict=True)])
    both = union_all(first.group_by(rep), second.group_by(rep)).subquery("both_halves")
    per_rep = (
        select(both.c.rep_id, *[func.sum(both.c[c]).label(c) for c in columns])
        .group_by(both.c.rep_id)
        .subquery("per_rep")
    )
    frame = _per_person(s, view, {c: func.coalesce(per_rep.c[c], 0) for c in columns}, per_rep)
    frame.insert(3, "completion_rate", _rate(frame["completed"], frame["due"]))
    frame["on_time_rate"] = _rate(frame["on_time"], frame["completed_in_period"])
    return frame


def _open_tasks(*conditions: ColumnElement[bool]):
    """How many open tasks meet `conditions` (an assignee, a due date range): range counts on
    ix_note_open_task_assignee_due, read from the index alone, no expression per row."""
    return select(func.count()).where(open_task(), *conditions).scalar_subquery()


def workload(s: Session, view: View) -> pd.DataFrame:
    """Per person, their open tasks now: overdue, due later today, after today, no date."""
    now, today_end = _at(view.now), _at(view.today_end)
    theirs = Note.assignee_id == User.id  # correlated with _per_person's row
    counts = {
        "overdue": _open_tasks(theirs, Note.due_at < now),
        "due_today": _open_tasks(theirs, Note.due_at >= now, Note.due_at < today_end),
        "later": _open_tasks(theirs, Note.due_at >= today_end),
        "no_date": _open_tasks(theirs, Note.due_at.is_(None)),
    }
    return _per_person(s, view, counts)


def ageing(s: Session, view: View) -> pd.DataFrame:
    """Open overdue tasks by days overdue, rounded up: 1-7, 8-30, 31-90, more than 90."""
    # Bucket i holds the tasks due in [now - days_i, now - days_(i-1)): one range count each.
    edges = [view.now - timedelta(days=days) for _label, days in AGEING_BUCKETS if days]
    theirs = Note.assignee_id.in_(view.people)
    counts = [
        _open_tasks(
            theirs,
            Note.due_at < _at(later),
            *([] if earlier is None else [Note.due_at >= _at(earlier)]),
        )
        for later, earlier in zip([view.now, *edges], [*edges, None], strict=True)
    ]
    return pd.DataFrame(
        {
            "days_overdue": [label for label, _days in AGEING_BUCKETS],
            "tasks": [int(n) for n in s.execute(select(*counts)).one()],
        }
    )


_DIMENSIONS = {"status": Status, "action": Action, "category": Category}


def _whose_notes(s: Session, view: View) -> ColumnElement[bool]:
    """Assigned to one of the people or, unassigned, written by one. PostgreSQL: a filter in
    the index scan (no hash semi-join node per note: 127 -> 91 ms for 700,000 at 1M notes)."""
    whose = func.coalesce(Note.assignee_id, Note.author_id)
    if s.get_bind().dialect.name == "postgresql":
        return whose == any_(func.array(view.people.scalar_subquery()))
    return whose.in_(view.people)


def notes_breakdown(s: Session, view: View) -> pd.DataFrame:
    """Notes created in the period, assigned to (or, unassigned, written by) the selected
    people, counted per (status, action, category) in one statement: a few hundred rows at
    most, which each "notes by" chart then sums its own way."""
    counts = (
        select(
            Note.status_id,
            Note.action_id,
            Note.category_id,
            func.count().label("notes"),
        )
        .where(
            Note.deleted_at.is_(None),
            Note.created_at >= _at(view.period.start),
            Note.created_at < _at(view.period.end),
            _whose_notes(s, view),
        )
        .group_by(Note.status_id, Note.action_id, Note.category_id)
        # SQLite rates ix_note_created as cheap and reads a table row per note (700,000).
        .with_hint(Note, "INDEXED BY ix_note_created_breakdown", dialect_name="sqlite")
        .subquery("counts")
    )
    query = (
        select(Status.name, Action.name, Category.name, counts.c.notes)
        .select_from(counts)
        .outerjoin(Status, Status.id == counts.c.status_id)
        .outerjoin(Action, Action.id == counts.c.action_id)
        .outerjoin(Category, Category.id == counts.c.category_id)
    )
    rows = [tuple(row) for row in s.execute(query)]
    frame = pd.DataFrame(rows, columns=[*_DIMENSIONS, "notes"], dtype=object)
    frame["notes"] = frame["notes"].astype("int64")
    return frame


def notes_by(breakdown: pd.DataFrame, dimension: str, locale: str) -> pd.DataFrame:
    """One dimension of the breakdown; notes without one under "None", listed last."""
    none = translate(NO_VALUE, locale)
    missing = breakdown[dimension].isna()
    totals = (
        breakdown.assign(missing=missing, label=breakdown[dimension].where(~missing, none))
        .groupby(["missing", "label"], as_index=False)["notes"]
        .sum()
        .sort_values(["missing", "notes", "label"], ascending=[True, False, True])
    )
    return pd.DataFrame(
        {dimension: totals["label"].astype(str).tolist(), "notes": totals["notes"].tolist()}
    )


READERS = {
    "overdue-trend": overdue_trend,
    "completion": completion,
    "workload": workload,
    "ageing": ageing,
}


def _without_jit(s: Session) -> None:
    """PostgreSQL compiles a statement whose cost passes jit_above_cost (the overdue trend's,
    at a million notes) to machine code first: 70-190 ms, more than these aggregates gain.
    For the rest of this transaction only."""
    if s.get_bind().dialect.name == "postgresql":
        s.execute(text("SET LOCAL jit = off"))


def chart_data(s: Session, view: View, chart: str) -> pd.DataFrame:
    """The aggregated rows of one chart: what it draws and what its CSV holds."""
    _without_jit(s)
    if chart in READERS:
        return READERS[chart](s, view)
    return notes_by(notes_breakdown(s, view), chart.removeprefix("by-"), view.locale)


def all_charts(s: Session, view: View, names: Sequence[str] = CHARTS) -> dict[str, pd.DataFrame]:
    """The rows of the charts `names` (all by default); the "notes by" ones share a statement."""
    _without_jit(s)
    frames = {chart: READERS[chart](s, view) for chart in names if chart in READERS}
    if any(chart.startswith("by-") for chart in names):
        breakdown = notes_breakdown(s, view)
        for dimension in _DIMENSIONS:
            frames[f"by-{dimension}"] = notes_by(breakdown, dimension, view.locale)
    return {chart: frames[chart] for chart in names}


@dataclass(frozen=True)
class Totals:
    """The figures above the charts, summed from the charts' own rows."""

    overdue: int
    open: int
    completion_rate: float | None
    on_time_rate: float | None


def totals(frames: dict[str, pd.DataFrame]) -> Totals:
    work, done = frames["workload"], frames["completion"]
    open_columns = ["overdue", "due_today", "later", "no_date"]
    (completion,) = _rate([done["completed"].sum()], [done["due"].sum()])
    (on_time,) = _rate([done["on_time"].sum()], [done["completed_in_period"].sum()])
    return Totals(
        overdue=int(work["overdue"].sum()),
        open=int(work[open_columns].to_numpy().sum()),
        completion_rate=completion,
        on_time_rate=on_time,
    )


def _cell(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return neutralise(value) if isinstance(value, str) else str(value)


def to_csv(frame: pd.DataFrame) -> str:
    """The frame as CSV: its column names, then its rows; formulas neutralised, gaps empty."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(frame.columns)
    for row in frame.itertuples(index=False):
        writer.writerow([_cell(value) for value in row])
    return buffer.getvalue()
