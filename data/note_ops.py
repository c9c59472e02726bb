"""Writing notes: create, edit, complete, reassign. Scope checked again in SQL on every write;
optimistic locking on the version column; all or nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from data import audit
from data.clock import zone
from data.errors import InvalidInput, Message, NotAllowed, _msg, _nmsg
from data.models import (
    Action,
    Category,
    Customer,
    Note,
    Notification,
    Order,
    Status,
    User,
    VariableOption,
    note_option,
)
from data.note_access import (
    ASSIGNEE,
    COMPLETION,
    OUT_OF_REACH,
    WritableNote,
    check_change,
    check_reassign,
    guarded_update,
    may_assign_to,
    writable_note,
)
from data.scope import Viewer, visible_notes
from data.states import open_task
from data.types import as_text

MAX_BODY = 20_000
MAX_DUE_YEARS = 5
MIN_YEAR, MAX_YEAR = 1900, 2999
TOO_FAR = _nmsg(
    "the follow-up date is more than {n} year away",
    "the follow-up date is more than {n} years away",
    MAX_DUE_YEARS,
)


@dataclass
class NoteInput:
    body: str
    customer_id: int | None = None
    order_id: int | None = None
    status_id: int | None = None
    action_id: int | None = None
    category_id: int | None = None
    options: dict[int, int] = field(default_factory=dict)  # variable id -> option id
    due_at: datetime | None = None
    assignee_id: int | None = None
    close_last: bool = False


def parse_due(day: object, at: object, time_zone: str) -> datetime | None:
    """A follow-up date ("YYYY-MM-DD") and optional time ("HH:MM") in the viewer's zone, as
    a browser sends them (anything that is no such text does not parse)."""
    unreadable = InvalidInput({"due": _msg("the date or time does not parse (YYYY-MM-DD, HH:MM)")})
    if not day:
        if at:
            raise InvalidInput({"due": _msg("a time needs a date")})
        return None
    if as_text(day) is None or (at and as_text(at) is None):
        raise unreadable
    try:
        parsed_day = date.fromisoformat(day.strip()[:10])
        parsed_time = time.fromisoformat(at.strip()) if at else time(9, 0)
    except ValueError:
        raise unreadable from None
    if not MIN_YEAR <= parsed_day.year <= MAX_YEAR:
        raise InvalidInput({"due": TOO_FAR})  # and no instant arithmetic overflows
    return datetime.combine(parsed_day, parsed_time.replace(tzinfo=None), tzinfo=zone(time_zone))


def _exists(s: Session, model, id_: int | None, active_only: bool = True) -> bool:
    if id_ is None:
        return True
    query = select(model.id).where(model.id == id_)
    if active_only and hasattr(model, "active"):
        query = query.where(model.active.is_(True))
    return s.scalar(query) is not None


def validate(
    s: Session, viewer: Viewer, data: NoteInput, now: datetime, current_assignee=None
) -> None:
    """Every rule of the note form; raises InvalidInput with a message per field. The
    assignee is checked when it is new (`current_assignee`: the note's, when it is saved)."""
    errors: dict[str, Message] = {}
    body = (data.body or "").strip()
    if not body:
        errors["body"] = _msg("the note text is required")
    elif len(data.body) > MAX_BODY:
        errors["body"] = _nmsg(
            "the note is longer than {n} character",
            "the note is longer than {n} characters",
            MAX_BODY,
        )
    if not _exists(s, Customer, data.customer_id, active_only=False):
        errors["customer"] = _msg("unknown customer")
    if data.order_id is not None:
        owner = s.scalar(select(Order.customer_id).where(Order.id == data.order_id))
        if owner is None or owner != data.customer_id:
            errors["order"] = _msg("this order is not one of the customer's")
    for name, model, value, unknown in (
        ("status", Status, data.status_id, _msg("unknown or inactive status")),
        ("action", Action, data.action_id, _msg("unknown or inactive action")),
        ("category", Category, data.category_id, _msg("unknown or inactive category")),
    ):
        if not _exists(s, model, value):
            errors[name] = unknown
    if data.options:
        found = dict(
            s.execute(
                select(VariableOption.id, VariableOption.variable_id).where(
                    VariableOption.id.in_(data.options.values()), VariableOption.active
                )
            ).all()
        )
        if any(found.get(opt) != var for var, opt in data.options.items()):
            errors["options"] = _msg("unknown option for this variable")
    if data.due_at is not None and abs(data.due_at - now) > timedelta(days=365 * MAX_DUE_YEARS):
        errors["due"] = TOO_FAR
    changed = data.assignee_id != current_assignee
    if data.assignee_id is not None and changed and not may_assign_to(s, viewer, data.assignee_id):
        errors["assignee"] = OUT_OF_REACH
    if data.close_last and data.customer_id is None:
        errors["close_last"] = _msg("only a customer's note can close its last task")
    if errors:
        raise InvalidInput(errors)


def _audit(s, viewer: Viewer, action: str, note_id: int, now, before=None, after=None) -> None:
    audit.record(s, viewer.id, action, ("note", note_id), now, before, after)


def _notify(s, kind: str, recipient: int | None, viewer: Viewer, note_id: int, customer_id, now):
    if recipient is None or recipient == viewer.id:
        return
    s.execute(
        insert(Notification).values(
            recipient_id=recipient,
            kind=kind,
            actor_id=viewer.id,
            note_id=note_id,
            customer_id=customer_id,
            created_at=now,
        )
    )


def _set_options(s: Session, note_id: int, options: dict[int, int]) -> None:
    s.execute(delete(note_option).where(note_option.c.note_id == note_id))
    if options:
        s.execute(
            insert(note_option),
            [{"note_id": note_id, "variable_id": v, "option_id": o} for v, o in options.items()],
        )


def _values(data: NoteInput) -> dict:
    return {
        "customer_id": data.customer_id,
        "order_id": data.order_id,
        "body": data.body,
        "status_id": data.status_id,
        "action_id": data.action_id,
        "category_id": data.category_id,
        "due_at": data.due_at,
        "assignee_id": data.assignee_id,
    }


def close_last_task(s: Session, viewer: Viewer, customer_id: int, now: datetime) -> int | None:
    """Complete the customer's most recent open task in the viewer's scope, if any."""
    last = s.scalar(
        select(Note.id)
        .where(Note.customer_id == customer_id, open_task(), visible_notes(viewer))
        .order_by(Note.created_at.desc(), Note.id.desc())
        .limit(1)
    )
    if last is None:
        return None
    version = s.scalar(select(Note.version).where(Note.id == last))
    complete_note(s, viewer, last, version, now)
    return last


def create_note(s: Session, viewer: Viewer, data: NoteInput, now: datetime) -> int:
    """Create a note (a task when it has an assignee). Returns its id."""
    validate(s, viewer, data, now)
    closed = close_last_task(s, viewer, data.customer_id, now) if data.close_last else None
    note_id = s.scalar(
        insert(Note)
        .values(
            **_values(data),
            author_id=viewer.id,
            created_at=now,
            updated_at=now,
            updated_by_id=viewer.id,
            version=1,
        )
        .returning(Note.id)
    )
    _set_options(s, note_id, data.options)
    _audit(s, viewer, "note.create", note_id, now, after={"closed_last": closed})
    _notify(s, "assigned", data.assignee_id, viewer, note_id, data.customer_id, now)
    return note_id


def _changes(before: dict, data: NoteInput) -> tuple[dict, dict]:
    """Before/after of the fields a save changes (the text: only whether it changed)."""
    after = _values(data)
    changed = [k for k, v in after.items() if before[k] != v]
    old = {k: "…" if k == "body" else _json(before[k]) for k in changed}
    new = {k: "…" if k == "body" else _json(after[k]) for k in changed}
    return old, new


def _json(value):
    return _iso(value) if isinstance(value, datetime) else value


def update_note(
    s: Session, viewer: Viewer, note_id: object, version: object, data: NoteInput, now: datetime
) -> None:
    """Save the form of a note: the same rule as Reassign when the assignee changes (who may
    take a task from whom, to whom), audited with before/after, the new assignee notified."""
    note = writable_note(s, viewer, note_id, version)
    validate(s, viewer, data, now, current_assignee=note.assignee_id)
    check_change(s, viewer, note, ASSIGNEE, data.assignee_id)
    stored = s.execute(select(*[getattr(Note, k) for k in _values(data)]).where(Note.id == note.id))
    before, after = _changes(dict(stored.one()._mapping), data)
    guarded_update(s, viewer, note, _values(data), now)
    _set_options(s, note.id, data.options)
    reassigned = data.assignee_id != note.assignee_id
    if reassigned:  # the reassignment's own row says who and when; this one, the rest
        _reassigned(s, viewer, note, data.assignee_id, data.due_at, data.customer_id, now)
        before = {k: v for k, v in before.items() if k not in ("assignee_id", "due_at")}
        after = {k: v for k, v in after.items() if k not in ("assignee_id", "due_at")}
    if before or not reassigned:
        _audit(s, viewer, "note.update", note.id, now, before=before, after=after)


def complete_note(s: Session, viewer: Viewer, note_id: object, version: object, now) -> None:
    note = writable_note(s, viewer, note_id, version)
    check_change(s, viewer, note, COMPLETION)
    values = {"completed_at": now, "completed_by_id": viewer.id}
    guarded_update(s, viewer, note, values, now)
    _audit(s, viewer, "note.complete", note.id, now)
    _notify(s, "completed", note.assignee_id, viewer, note.id, note.customer_id, now)


def reassign_note(
    s: Session,
    viewer: Viewer,
    note_id: object,
    version: object,
    assignee_id: int,
    due_at: datetime | None,
    now: datetime,
) -> None:
    """Give one task to someone else, optionally with a new follow-up date."""
    note = writable_note(s, viewer, note_id, version)
    if assignee_id is None:
        raise InvalidInput({"assignee": OUT_OF_REACH})
    check_reassign(s, viewer, note, assignee_id)
    if due_at is not None and abs(due_at - now) > timedelta(days=365 * MAX_DUE_YEARS):
        raise InvalidInput({"due": TOO_FAR})
    values = {"assignee_id": assignee_id}
    if due_at is not None:
        values["due_at"] = due_at
    guarded_update(s, viewer, note, values, now)
    _reassigned(s, viewer, note, assignee_id, due_at or note.due_at, note.customer_id, now)


def _reassigned(s, viewer: Viewer, note: WritableNote, assignee_id, due_at, customer_id, now):
    """What any reassignment leaves behind: its audit row (before/after), the notification."""
    _audit(
        s,
        viewer,
        "note.reassign",
        note.id,
        now,
        before={"assignee_id": note.assignee_id, "due_at": _iso(note.due_at)},
        after={"assignee_id": assignee_id, "due_at": _iso(due_at)},
    )
    _notify(s, "reassigned", assignee_id, viewer, note.id, customer_id, now)


def _iso(value: datetime | None) -> str | None:
    """An instant for the audit, in UTC (the form's dates come in the viewer's zone)."""
    return value.astimezone(UTC).isoformat() if value else None


def load_note(s: Session, viewer: Viewer, note_id: int) -> dict:
    """A note the viewer may see, with its options, to fill the edit form."""
    row = s.execute(
        select(Note).where(Note.id == note_id, Note.deleted_at.is_(None), visible_notes(viewer))
    ).scalar_one_or_none()
    if row is None:
        raise NotAllowed()
    options = dict(
        s.execute(
            select(note_option.c.variable_id, note_option.c.option_id).where(
                note_option.c.note_id == note_id
            )
        ).all()
    )
    # Who wrote it and who changed it last, by name (help page 001: author and time).
    people = {row.author_id, row.updated_by_id} - {None}
    names = dict(s.execute(select(User.id, User.name).where(User.id.in_(people))).all())
    return {
        "id": row.id,
        "version": row.version,
        "author": names.get(row.author_id, ""),
        "created_at": row.created_at,
        "updated_at": row.updated_at,
        "updated_by": names.get(row.updated_by_id),
        "body": row.body,
        "customer_id": row.customer_id,
        "order_id": row.order_id,
        "status_id": row.status_id,
        "action_id": row.action_id,
        "category_id": row.category_id,
        "due_at": row.due_at,
        "assignee_id": row.assignee_id,
        "completed_at": row.completed_at,
        "options": options,
    }
