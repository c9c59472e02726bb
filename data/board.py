"""The Kanban board: open tasks in columns by due date, counted in one statement, paged per
column in SQL, and moved between columns with the version check of the note form.

Columns, in the viewer's zone, weeks starting on Monday:
overdue (due before now), today (from now to the end of today), this week (after today, up
to Sunday), next week, later, no date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import ColumnElement, and_, case, func, literal, select
from sqlalchemy.orm import Session

from data import audit
from data.clock import local_day, start_of_day, zone
from data.errors import InvalidInput, StaleVersion, _msg
from data.filters import NoteFilter
from data.models import AuditEvent, Customer, Note, User
from data.note_access import DUE_OF_OPEN_TASK, check_change, guarded_update, writable_note
from data.notes import bounds_for, where_clause
from data.states import open_task, state_sql
from data.types import UTCDateTime, as_id

OVERDUE, TODAY, THIS_WEEK, NEXT_WEEK, LATER, NO_DATE = (
    "overdue",
    "today",
    "this-week",
    "next-week",
    "later",
    "no-date",
)
COLUMNS = (OVERDUE, TODAY, THIS_WEEK, NEXT_WEEK, LATER, NO_DATE)
# Cards a column shows before "show more" (and per click): six columns of 20 cards keep the
# board's answer near 25 KB; a 1000×1600 screen shows about six cards a column.
PAGE = 20
OPEN_TASK_INDEX = "ix_note_open_task_due"
DEFAULT_TIME = time(9, 0)
QUARTER = 15  # minutes: a card moved to Today from the past lands on the next quarter hour
# Who sees the employees' counters under the board.
EMPLOYEES_ROLES = ("manager", "admin")


@dataclass(frozen=True)
class BoardBounds:
    now: datetime
    today: date
    today_end: datetime
    week_end: datetime
    next_week_end: datetime
    time_zone: str

    @classmethod
    def of(cls, now: datetime, time_zone: str) -> BoardBounds:
        tz = zone(time_zone)
        today = local_day(now, tz)
        monday = today - timedelta(days=today.weekday())
        return cls(
            now=now,
            today=today,
            today_end=start_of_day(today + timedelta(days=1), tz),
            week_end=start_of_day(monday + timedelta(days=7), tz),
            next_week_end=start_of_day(monday + timedelta(days=14), tz),
            time_zone=time_zone,
        )


def _at(value: datetime):
    return literal(value, UTCDateTime())


def column_clause(column: str, b: BoardBounds) -> ColumnElement[bool]:
    due = Note.due_at
    return {
        OVERDUE: due < _at(b.now),
        TODAY: and_(due >= _at(b.now), due < _at(b.today_end)),
        THIS_WEEK: and_(due >= _at(b.today_end), due < _at(b.week_end)),
        NEXT_WEEK: and_(due >= _at(b.week_end), due < _at(b.next_week_end)),
        LATER: due >= _at(b.next_week_end),
        NO_DATE: due.is_(None),
    }[column]


def _board_where(viewer, flt: NoteFilter, now: datetime) -> ColumnElement[bool]:
    """The open tasks of the viewer's scope and of the /notes filter (same parameters)."""
    return and_(where_clause(viewer, flt.with_(completed=False), now), open_task())


def column_counts(s: Session, viewer, flt: NoteFilter, now: datetime) -> dict[str, int]:
    """The six column counts in one statement (conditional aggregates)."""
    b = BoardBounds.of(now, viewer.time_zone)
    sums = [func.coalesce(func.sum(case((column_clause(c, b), 1), else_=0)), 0) for c in COLUMNS]
    query = (
        select(*sums)
        .where(_board_where(viewer, flt, now))
        # Every open task of the scope, whoever the viewer: the open-task index holds the
        # scope's columns, so one walk of it (no table read) beats SQLite's own choices,
        # which fetched the rows of each OR branch (rep) or of the whole index (manager).
        .with_hint(Note, f"INDEXED BY {OPEN_TASK_INDEX}", dialect_name="sqlite")
    )
    row = s.execute(query).one()
    return {c: int(n) for c, n in zip(COLUMNS, row, strict=True)}


def column_cards(
    s: Session, viewer, flt: NoteFilter, now: datetime, column: str, limit: int = PAGE
) -> list[dict]:
    """The first `limit` cards of a column, soonest first (SQL-limited)."""
    b = BoardBounds.of(now, viewer.time_zone)
    query = (
        select(
            Note.id,
            Note.version,
            func.substr(Note.body, 1, 160).label("body"),
            Customer.name.label("customer"),
            User.name.label("assignee"),
            Note.due_at,
            state_sql(bounds_for(viewer, now)).label("state"),
        )
        .outerjoin(Customer, Customer.id == Note.customer_id)
        .outerjoin(User, User.id == Note.assignee_id)
        .where(_board_where(viewer, flt, now), column_clause(column, b))
        .order_by(*_card_order(column))
        .limit(max(1, min(limit, 1000)))
    )
    return [dict(row._mapping) for row in s.execute(query)]


def _card_order(column: str) -> tuple:
    # No date's due dates are all NULL: ordering by them too would make the database read
    # the whole column before LIMIT, where by id alone an index walk stops at the page.
    return (Note.id,) if column == NO_DATE else (Note.due_at, Note.id)


@dataclass(frozen=True)
class Board:
    """What /board shows: each column's count and its first cards."""

    counts: dict[str, int]
    cards: dict[str, list[dict]]

    def has_more(self, column: str) -> bool:
        return self.counts[column] > len(self.cards[column])


def shown_cards(limits: dict | None, column: str) -> int:
    """How many cards a column shows: a page, and a page more per "show more"."""
    asked = (limits if isinstance(limits, dict) else {}).get(column, PAGE)
    return asked if isinstance(asked, int) and 0 < asked <= 1000 else PAGE


def show_more(limits: dict | None, column: object) -> dict:
    """The limits after "show more" on `column` (kept for the known columns only)."""
    kept = {c: shown_cards(limits, c) for c in COLUMNS if isinstance(limits, dict) and c in limits}
    if column not in COLUMNS:
        return kept
    return {**kept, column: shown_cards(limits, column) + PAGE}


def board(s: Session, viewer, flt: NoteFilter, now: datetime, limits: dict | None) -> Board:
    counts = column_counts(s, viewer, flt, now)
    cards = {c: column_cards(s, viewer, flt, now, c, shown_cards(limits, c)) for c in COLUMNS}
    return Board(counts, cards)


def shows_employees(viewer) -> bool:
    return viewer.role in EMPLOYEES_ROLES


def target_due(current: datetime | None, column: str, b: BoardBounds) -> datetime | None:
    """The new due date of a card dropped on `column`, keeping its time of day (09:00 for a
    card without a date); None for "no date"."""
    if column == NO_DATE:
        return None
    tz = zone(b.time_zone)
    at = current.astimezone(tz).time() if current else DEFAULT_TIME
    monday = b.today - timedelta(days=b.today.weekday())
    if column == TODAY:
        return _later_today(datetime.combine(b.today, at, tzinfo=tz), b)
    if column == THIS_WEEK:
        day = b.today + timedelta(days=1)
        if day >= monday + timedelta(days=7):
            raise InvalidInput({"column": _msg("This week has no day left after today.")})
    elif column == NEXT_WEEK:
        day = monday + timedelta(days=7)
    elif column == LATER:
        day = monday + timedelta(days=14)
    else:
        raise InvalidInput({"column": _msg("A card cannot be moved to Overdue.")})
    return datetime.combine(day, at, tzinfo=tz)


def _later_today(kept: datetime, b: BoardBounds) -> datetime:
    """Today at the card's own time when it is still to come, else the next quarter hour (a
    card moved to Today must not stay overdue), and never past the end of the day."""
    if kept > b.now:
        return kept
    step = timedelta(minutes=QUARTER)
    local = b.now.astimezone(zone(b.time_zone)).replace(second=0, microsecond=0)
    due = local - timedelta(minutes=local.minute % QUARTER) + step
    if due >= b.today_end:
        due = b.today_end - timedelta(minutes=1)
    if due <= b.now:
        raise InvalidInput({"column": _msg("Today has no time left: move it to This week.")})
    return due


def move_card(
    s: Session, viewer, note_id: object, version: object, column: object, now: datetime
) -> datetime | None:
    """Move an open task to a column: its due date changes accordingly, with the version
    check (StaleVersion names who changed it) and the scope checked again in SQL."""
    if column not in COLUMNS:
        raise InvalidInput({"column": _msg("Unknown column.")})
    bounds = BoardBounds.of(now, viewer.time_zone)
    return _change_due(
        s,
        viewer,
        (note_id, version, now),
        "note.move",
        lambda note: target_due(note.due_at, column, bounds),
        column=column,
    )


def _change_due(s: Session, viewer, card: tuple, action: str, due_of, **noted) -> datetime | None:
    """Set one card's due date to `due_of(note)`: the version check (StaleVersion names who
    changed it), the scope checked again in SQL, and the audit (`action`, with `noted` beside
    the new date). `card`: (note id, version, now)."""
    note_id, version, now = card
    try:
        note = writable_note(s, viewer, note_id, version)  # NotAllowed / StaleVersion
        check_change(s, viewer, note, DUE_OF_OPEN_TASK)
        before, due = note.due_at, due_of(note)
        guarded_update(s, viewer, note, {"due_at": due}, now)
    except StaleVersion as stale:
        raise _not_moved(stale) from None
    audit.record(
        s,
        viewer.id,
        action,
        ("note", note.id),
        now,
        before={"due_at": before.isoformat() if before else None},
        after={"due_at": due.isoformat() if due else None, **noted},
    )
    return due


def undo_move(s: Session, viewer, note_id: object, version: object, now: datetime):
    """Put back the due date the viewer's last move of this card replaced, with the version
    check: a card changed since (by anyone) is not touched. Returns the restored due date."""
    wanted = as_id(note_id)
    last = s.execute(
        select(AuditEvent.action, AuditEvent.before)
        .where(
            AuditEvent.target_type == "note",
            AuditEvent.target_id == wanted,
            AuditEvent.actor_id == viewer.id,
            AuditEvent.action.in_(("note.move", "note.move.undo")),
        )
        .order_by(AuditEvent.id.desc())
        .limit(1)
    ).first()
    if last is None or last.action != "note.move":
        raise InvalidInput({"column": _msg("There is no move of this card to undo.")})
    previous = (last.before or {}).get("due_at")
    due = datetime.fromisoformat(previous) if previous else None
    return _change_due(s, viewer, (wanted, version, now), "note.move.undo", lambda _note: due)


def _not_moved(stale: StaleVersion) -> StaleVersion:
    """The board's words for a stale card: it was shown, not opened."""
    message = _msg(
        "Not moved: {name} changed this task since the board was shown.",
        name=stale.changed_by or "someone",
    )
    return StaleVersion(stale.changed_by, stale.changed_at, message=message)
