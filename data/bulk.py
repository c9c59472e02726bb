"""Bulk reassign: preview, apply in one transaction, undo, one digest per person.

Everything is set-based. The selection (ticked ids, or "all matching" a /notes filter)
stays a WHERE clause from the preview to the UPDATE: no list of ids is ever built in
Python, whatever its size.

Apply, in one transaction:
1. PostgreSQL: lock the selected notes in id order (concurrent bulk changes queue, never
   deadlock; SQLite serialises writers by itself);
2. INSERT … SELECT one AuditEvent per note into a new batch, with before/after values;
3. the preview again, under the lock: a note that cannot be changed, or a selection that
   differs from the one the user previewed (count, ids, versions), refuses everything;
4. INSERT … SELECT the digests, one per person;
5. UPDATE … WHERE id IN (the batch's notes), bumping each version.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import (
    ColumnElement,
    Integer,
    String,
    and_,
    case,
    cast,
    false,
    func,
    insert,
    literal,
    literal_column,
    not_,
    null,
    select,
    true,
    update,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.functions import FunctionElement

from data.errors import InvalidInput, Message, _msg
from data.filters import NoteFilter
from data.models import AuditEvent, Note, Notification, User
from data.note_ops import MAX_DUE_YEARS
from data.notes import where_clause
from data.scope import Viewer, assignable_users, visible_notes
from data.states import open_task
from data.types import UTCDateTime

MAX_IDS = 10_000
UNDO_HOURS = 24
ACTION = "note.bulk_reassign"
UNDO_ACTION = "note.bulk_undo"

# Why a selected note cannot be changed (the preview counts each reason).
NOT_ALLOWED = "not_allowed"  # outside the actor's scope, deleted or unknown: we do not say which
NOT_A_TASK = "not_a_task"
COMPLETED = "completed"
OK = "ok"

REASON_TEXT = {
    NOT_ALLOWED: "{n} not allowed (outside your scope, deleted or unknown)",
    NOT_A_TASK: "{n} plain notes (not tasks: nobody is assigned)",
    COMPLETED: "{n} completed tasks",
}


class BulkError(InvalidInput):
    """Nothing changed. `errors` maps a form field ("selection", "rep", "date", "undo") to a
    message; `preview` is the selection as it is now, when the refusal comes with one."""

    def __init__(self, errors: dict[str, Message], preview: Preview | None = None) -> None:
        super().__init__(errors)
        self.preview = preview


class StaleSelection(BulkError):
    """The selection changed since the preview; `preview` is the new one."""


# --- portable JSON ------------------------------------------------------------------------


class json_pairs(FunctionElement):
    """A JSON object built in SQL from (key, value) pairs: json_object / json_build_object."""

    type = String()
    inherit_cache = True


@compiles(json_pairs)
def _json_pairs_sqlite(element, compiler, **kw):
    return f"json_object({compiler.process(element.clauses, **kw)})"


@compiles(json_pairs, "postgresql")
def _json_pairs_pg(element, compiler, **kw):
    return f"json_build_object({compiler.process(element.clauses, **kw)})"


class json_instant(FunctionElement):
    """A due date read back from the JSON built above, in the column's own storage form."""

    type = UTCDateTime()
    inherit_cache = True


@compiles(json_instant)
def _json_instant_sqlite(element, compiler, **kw):
    # SQLite kept the column's text form ("YYYY-MM-DD HH:MM:SS.ffffff") in the JSON.
    return compiler.process(element.clauses, **kw)


@compiles(json_instant, "postgresql")
def _json_instant_pg(element, compiler, **kw):
    inner = compiler.process(element.clauses, **kw)
    return f"CAST({inner} AS TIMESTAMP WITH TIME ZONE)"


def _snapshot(version_offset: int = 0, **overrides) -> json_pairs:
    """The note's assignee, due date and version as a JSON object, optionally overridden."""
    values = {
        "assignee_id": Note.assignee_id,
        "due_at": Note.due_at,
        "version": Note.version + version_offset,
    }
    values.update(overrides)
    args = []
    for key, value in values.items():
        # Keys inline: PostgreSQL cannot type an untyped parameter of json_build_object.
        args += [literal_column(f"'{key}'"), value]
    return json_pairs(*args)


# --- the selection ------------------------------------------------------------------------


@dataclass(frozen=True)
class Selection:
    """Ticked note ids, or every open task matching a /notes query string."""

    note_ids: tuple[int, ...] = ()
    query: str | None = None
    assignee_id: int | None = None  # internal: every open task of one person

    @classmethod
    def from_payload(cls, ids: object, all_matching: bool, query: str | None) -> Selection:
        """What a callback received from the browser, checked: never trust its shape."""
        if all_matching:
            return cls(query=str(query or ""))
        if not isinstance(ids, list | tuple):
            raise BulkError({"selection": _msg("Tick at least one task, or all matching.")})
        parsed: list[int] = []
        for raw in ids:
            text = str(raw).strip()
            if not text.isdigit() or len(text) > 12:
                raise BulkError({"selection": _msg("The selection holds an invalid note id.")})
            parsed.append(int(text))
        return cls(note_ids=tuple(dict.fromkeys(parsed)))

    def clause(self, s: Session, viewer: Viewer, now: datetime) -> ColumnElement[bool]:
        if self.assignee_id is not None:
            return and_(Note.assignee_id == self.assignee_id, open_task())
        if self.query is not None:
            flt = NoteFilter.from_query(self.query).checked(s)
            if flt.errors:
                text = "; ".join(str(m) for m in flt.errors)
                raise BulkError({"selection": _msg("The filter is not valid: {text}", text=text)})
            # "All matching" means the open tasks among the notes the filter shows.
            return and_(where_clause(viewer, flt, now), open_task())
        if not self.note_ids:
            raise BulkError({"selection": _msg("Tick at least one task, or all matching.")})
        if len(self.note_ids) > MAX_IDS:
            raise BulkError(
                {"selection": _msg("At most {n} ticked notes: use all matching.", n=MAX_IDS)}
            )
        return Note.id.in_(self.note_ids)


def may_reassign(viewer: Viewer) -> ColumnElement[bool]:
    """The notes the actor may bulk reassign: a rep their own tasks, a manager their team's
    scope, an admin anything."""
    if viewer.is_admin:
        return true()
    if viewer.role == "rep":
        return Note.assignee_id == viewer.id
    if viewer.is_manager:
        return visible_notes(viewer)
    return false()


def _reason(viewer: Viewer) -> ColumnElement[str]:
    return case(
        (Note.deleted_at.is_not(None), literal(NOT_ALLOWED)),
        (not_(visible_notes(viewer)), literal(NOT_ALLOWED)),
        (Note.assignee_id.is_(None), literal(NOT_A_TASK)),
        (Note.completed_at.is_not(None), literal(COMPLETED)),
        (not_(may_reassign(viewer)), literal(NOT_ALLOWED)),
        else_=literal(OK),
    )


# --- preview ------------------------------------------------------------------------------


@dataclass
class Preview:
    tasks: int = 0
    per_assignee: list[tuple[int, str, int]] = field(default_factory=list)  # id, name, count
    blocked: dict[str, int] = field(default_factory=dict)  # reason -> count
    fingerprint: str = "0:0:0"

    @property
    def can_apply(self) -> bool:
        return self.tasks > 0 and not self.blocked

    def messages(self) -> list[Message]:
        """Why some selected notes cannot be changed, one message per reason."""
        return [_msg(REASON_TEXT[reason], n=n) for reason, n in sorted(self.blocked.items())]


def preview(s: Session, viewer: Viewer, selection: Selection, now: datetime) -> Preview:
    """What the change would touch: one GROUP BY statement over the selection."""
    where = selection.clause(s, viewer, now)
    reason = _reason(viewer)
    rows_of = select(
        reason.label("reason"),
        case((reason == OK, Note.assignee_id), else_=None).label("who"),
        Note.version,
        Note.id,
    ).where(where)
    sub = rows_of.subquery()
    ok = sub.c.reason == OK
    rows = s.execute(
        select(
            sub.c.reason,
            sub.c.who,
            func.count().label("n"),
            func.sum(case((ok, sub.c.version), else_=0)).label("versions"),
            func.sum(case((ok, sub.c.id), else_=0)).label("ids"),
        ).group_by(sub.c.reason, sub.c.who)
    ).all()
    result = Preview()
    versions = ids = 0
    counts: dict[int, int] = {}
    for row in rows:
        if row.reason == OK:
            counts[row.who] = row.n
            versions += int(row.versions or 0)
            ids += int(row.ids or 0)
        else:
            result.blocked[row.reason] = result.blocked.get(row.reason, 0) + row.n
    if selection.note_ids and selection.query is None and selection.assignee_id is None:
        # Ticked ids that matched no row at all: unknown or forged.
        missing = len(selection.note_ids) - sum(row.n for row in rows)
        if missing > 0:
            result.blocked[NOT_ALLOWED] = result.blocked.get(NOT_ALLOWED, 0) + missing
    names = dict(s.execute(select(User.id, User.name).where(User.id.in_(counts))).all())
    result.per_assignee = sorted(
        ((uid, names.get(uid, "?"), n) for uid, n in counts.items()), key=lambda r: (-r[2], r[1])
    )
    result.tasks = sum(counts.values())
    result.fingerprint = f"{result.tasks}:{versions}:{ids}"
    return result


# --- apply --------------------------------------------------------------------------------


@dataclass(frozen=True)
class BulkResult:
    batch_id: str
    count: int
    assignee_name: str


def check_target(
    s: Session, viewer: Viewer, assignee_id: object, due_at: datetime | None, now: datetime
) -> tuple[int, str]:
    """The new assignee (active, within the actor's reach) and date; (id, name)."""
    errors: dict[str, Message] = {}
    target = None
    text = str(assignee_id).strip() if assignee_id not in (None, "") else ""
    if not text:
        errors["rep"] = _msg("Choose who gets the tasks.")
    elif not text.isdigit():
        errors["rep"] = _msg("This person is inactive or outside your scope.")
    else:
        target = s.execute(
            select(User.id, User.name).where(User.id == int(text), assignable_users(viewer))
        ).first()
        if target is None:
            errors["rep"] = _msg("This person is inactive or outside your scope.")
    if due_at is not None:
        if due_at < now:
            errors["date"] = _msg("The new follow-up date lies in the past.")
        elif due_at - now > timedelta(days=365 * MAX_DUE_YEARS):
            errors["date"] = _msg(
                "The follow-up date is more than {n} years away.", n=MAX_DUE_YEARS
            )
    if errors:
        raise BulkError(errors)
    return target.id, target.name


STALE = _msg("The selection changed since the preview: nothing changed.")


def _refuse(s: Session, error: BulkError) -> None:
    """Nothing of a refused change is kept, even if the caller goes on with the session."""
    s.rollback()
    raise error


def _lock(s: Session, where: ColumnElement[bool]) -> None:
    """PostgreSQL: row locks on the selection, taken in id order."""
    if s.get_bind().dialect.name != "postgresql":
        return
    locked = select(Note.id).where(where).order_by(Note.id).with_for_update(of=Note).subquery()
    s.execute(select(func.count()).select_from(locked))


def _audit_batch(s, viewer: Viewer, action: str, batch_id: str, after, where, now) -> None:
    """INSERT … SELECT one audit event per note matching `where`: before and after values."""
    s.execute(
        insert(AuditEvent).from_select(
            ["actor_id", "at", "action", "target_type", "target_id", "before", "after", "batch_id"],
            select(
                literal(viewer.id),
                literal(now, UTCDateTime()),
                literal(action),
                literal("note"),
                Note.id,
                _snapshot(),
                after,
                literal(batch_id),
            ).where(where),
        )
    )


def _batch_notes(batch_id: str):
    return select(AuditEvent.target_id).where(
        AuditEvent.batch_id == batch_id, AuditEvent.target_type == "note"
    )


def reassign(
    s: Session,
    viewer: Viewer,
    selection: Selection,
    assignee_id: object,
    due_at: datetime | None,
    now: datetime,
    expected: str | None = None,
) -> BulkResult:
    """Reassign the selection, all or nothing. `expected` is the previewed fingerprint:
    when given and the selection no longer matches it, nothing changes."""
    to_id, to_name = check_target(s, viewer, assignee_id, due_at, now)
    where = selection.clause(s, viewer, now)
    _lock(s, where)
    batch_id = str(uuid.uuid4())
    new_due = {"due_at": literal(due_at, UTCDateTime())} if due_at else {}
    after = _snapshot(1, assignee_id=literal(to_id), **new_due)
    _audit_batch(s, viewer, ACTION, batch_id, after, and_(where, _reason(viewer) == OK), now)
    # Under the lock (or SQLite's write lock, taken by the INSERT): what is really there.
    current = preview(s, viewer, selection, now)
    if current.blocked:
        _refuse(
            s, BulkError({"selection": _msg("Nothing changed: some notes cannot be.")}, current)
        )
    if current.tasks == 0:
        _refuse(
            s, BulkError({"selection": _msg("There is no open task in this selection.")}, current)
        )
    if expected is not None and expected != current.fingerprint:
        _refuse(s, StaleSelection({"selection": STALE}, current))
    _digests(s, viewer, batch_id, to_id, now)
    values = {
        "assignee_id": to_id,
        "version": Note.version + 1,
        "updated_at": now,
        "updated_by_id": viewer.id,
    }
    if due_at is not None:
        values["due_at"] = due_at
    changed = s.execute(
        update(Note)
        .where(Note.id.in_(_batch_notes(batch_id)))
        .values(**values)
        .execution_options(synchronize_session=False)
    ).rowcount
    if changed != current.tasks:  # cannot happen under the lock; never commit half of it
        _refuse(s, StaleSelection({"selection": STALE}, current))
    return BulkResult(batch_id, changed, to_name)


def _digests(s: Session, viewer: Viewer, batch_id: str, to_id: int, now: datetime) -> None:
    """One notification per person, read from the batch's audit events (before the UPDATE):
    the new assignee's "N tasks assigned to you", and each previous assignee's "N of your
    tasks were reassigned to X"."""
    previous = AuditEvent.before["assignee_id"].as_integer()
    moved = and_(AuditEvent.batch_id == batch_id, previous != to_id)
    columns = [
        "recipient_id",
        "kind",
        "actor_id",
        "subject_user_id",
        "batch_id",
        "item_count",
        "created_at",
    ]
    if to_id != viewer.id:
        s.execute(
            insert(Notification).from_select(
                columns,
                select(
                    literal(to_id),
                    literal("assigned"),
                    literal(viewer.id),
                    cast(null(), Integer()),
                    literal(batch_id),
                    func.count(),
                    literal(now, UTCDateTime()),
                )
                .where(moved)
                .having(func.count() > 0),
            )
        )
    s.execute(
        insert(Notification).from_select(
            columns,
            select(
                previous,
                literal("reassigned"),
                literal(viewer.id),
                literal(to_id),
                literal(batch_id),
                func.count(),
                literal(now, UTCDateTime()),
            )
            .where(moved, previous != viewer.id)
            .group_by(previous),
        )
    )


def reassign_all_open(
    s: Session, viewer: Viewer, from_user_id: int, to_user_id: int, now: datetime
) -> BulkResult | None:
    """Hand every open task of `from_user_id` to `to_user_id` (e.g. before deactivating
    them): one batch, undoable like any other. None when they had no open task."""
    if from_user_id == to_user_id:
        raise BulkError({"rep": _msg("Choose someone else.")})
    selection = Selection(assignee_id=from_user_id)
    if preview(s, viewer, selection, now).tasks == 0:
        return None
    return reassign(s, viewer, selection, to_user_id, None, now)


# --- undo ---------------------------------------------------------------------------------

# Why a note of the batch was not given back.
CHANGED = "changed"
UNDO_COMPLETED = "completed"
UNDO_DELETED = "deleted"
PREVIOUS_INACTIVE = "inactive"

UNDO_REASON_TEXT = {
    CHANGED: "{n} changed since by {names}",
    UNDO_COMPLETED: "{n} completed since",
    UNDO_DELETED: "{n} deleted since",
    PREVIOUS_INACTIVE: "{n} whose previous assignee is no longer active",
}


@dataclass
class UndoResult:
    restored: int
    not_restored: dict[str, int]
    changed_by: list[str]

    def messages(self) -> list[Message]:
        names = ", ".join(self.changed_by) or "?"
        return [
            _msg(UNDO_REASON_TEXT[reason], n=n, names=names)
            for reason, n in self.not_restored.items()
        ]


def undo_batch_id(batch_id: str) -> str:
    """The undo of a batch has a batch id derived from it: a batch is undone once."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "relance-undo:" + batch_id))


def undo(s: Session, viewer: Viewer, batch_id: object, now: datetime) -> UndoResult:
    """Give back assignee and due date of the batch's notes not changed since (version
    check). Only the actor, within 24 hours, once."""
    batch_id = str(batch_id or "")
    undo_id = undo_batch_id(batch_id)
    original = s.execute(
        select(func.count(), func.min(AuditEvent.at)).where(
            AuditEvent.batch_id == batch_id,
            AuditEvent.action == ACTION,
            AuditEvent.actor_id == viewer.id,
        )
    ).one()
    if not original[0]:
        raise BulkError({"undo": _msg("Not allowed: this change is not yours to undo.")})
    if original[1] < now - timedelta(hours=UNDO_HOURS):
        raise BulkError({"undo": _msg("This change is more than 24 hours old.")})
    if s.scalar(select(func.count()).where(AuditEvent.batch_id == undo_id)):
        raise BulkError({"undo": _msg("This change was undone already.")})

    previous_assignee = (
        select(AuditEvent.before["assignee_id"].as_integer())
        .where(AuditEvent.batch_id == batch_id, AuditEvent.target_id == Note.id)
        .correlate(Note)
        .scalar_subquery()
    )
    previous_due = (
        select(json_instant(AuditEvent.before["due_at"].as_string()))
        .where(AuditEvent.batch_id == batch_id, AuditEvent.target_id == Note.id)
        .correlate(Note)
        .scalar_subquery()
    )
    version_after = (
        select(AuditEvent.after["version"].as_integer())
        .where(AuditEvent.batch_id == batch_id, AuditEvent.target_id == Note.id)
        .correlate(Note)
        .scalar_subquery()
    )
    active_previous = (
        select(User.id).where(User.id == previous_assignee, User.active.is_(True)).exists()
    )
    in_batch = Note.id.in_(_batch_notes(batch_id))
    _lock(s, in_batch)
    reason = case(
        (Note.deleted_at.is_not(None), literal(UNDO_DELETED)),
        (Note.completed_at.is_not(None), literal(UNDO_COMPLETED)),
        (Note.version != version_after, literal(CHANGED)),
        (not_(active_previous), literal(PREVIOUS_INACTIVE)),
        else_=literal(OK),
    )
    given_back = _snapshot(1, assignee_id=previous_assignee, due_at=previous_due)
    _audit_batch(s, viewer, UNDO_ACTION, undo_id, given_back, and_(in_batch, reason == OK), now)
    reasons = select(reason.label("reason")).where(in_batch).subquery()
    counts = dict(
        s.execute(select(reasons.c.reason, func.count()).group_by(reasons.c.reason)).all()
    )
    changed_by = s.scalars(
        select(User.name)
        .distinct()
        .join(Note, Note.updated_by_id == User.id)
        .where(in_batch, reason == CHANGED)
        .order_by(User.name)
        .limit(5)
    ).all()
    _undo_digests(s, viewer, batch_id, undo_id, now)
    restored = s.execute(
        update(Note)
        .where(Note.id.in_(_batch_notes(undo_id)))
        .values(
            assignee_id=previous_assignee,
            due_at=previous_due,
            version=Note.version + 1,
            updated_at=now,
            updated_by_id=viewer.id,
        )
        .execution_options(synchronize_session=False)
    ).rowcount
    return UndoResult(
        restored=restored,
        not_restored={k: v for k, v in counts.items() if k != OK},
        changed_by=list(changed_by),
    )


def _undo_digests(s: Session, viewer: Viewer, batch_id: str, undo_id: str, now) -> None:
    """Each person who gets tasks back, and the one who loses them: one notification each."""
    gets_back = AuditEvent.after["assignee_id"].as_integer()
    loses = AuditEvent.before["assignee_id"].as_integer()
    of_undo = and_(AuditEvent.batch_id == undo_id, gets_back != loses)
    columns = ["recipient_id", "kind", "actor_id", "batch_id", "item_count", "created_at"]
    for recipient, kind in ((gets_back, "assigned"), (loses, "reassigned")):
        s.execute(
            insert(Notification).from_select(
                columns,
                select(
                    recipient,
                    literal(kind),
                    literal(viewer.id),
                    literal(undo_id),
                    func.count(),
                    literal(now, UTCDateTime()),
                )
                .where(of_undo, recipient != viewer.id)
                .group_by(recipient),
            )
        )
