"""The note form's values as the browser holds them (ids as sent, the due date as a day and a
time of day in the viewer's zone), and the form's writes: save, complete, reassign."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session

from data import lookups
from data.clock import zone
from data.errors import InvalidInput, _msg
from data.note_ops import NoteInput, create_note, parse_due, reassign_note, update_note
from data.scope import Viewer
from data.types import as_id

CHOOSE_ASSIGNEE = _msg("Choose the new assignee.")


def form_int(value: object) -> int | None:
    """An id as the browser sends it ("", None, "12", 12); anything else is no id."""
    return as_id(value)


@dataclass(frozen=True)
class NoteForm:
    """What the form shows in its fields; `options` maps a variable id to an option id."""

    customer: object = None
    order: object = None
    body: str = ""
    status: object = None
    action: object = None
    category: object = None
    due_day: str | None = None
    due_time: str = ""
    assignee: object = None
    close_last: bool = False
    options: dict = field(default_factory=dict)

    @classmethod
    def new(cls, prefill: dict | None = None) -> NoteForm:
        """A new note, prefilled (customer_id, body, status_id, action_id, assignee_id)."""
        prefill = prefill or {}
        return cls(
            customer=prefill.get("customer_id"),
            body=prefill.get("body", ""),
            status=prefill.get("status_id"),
            action=prefill.get("action_id"),
            assignee=prefill.get("assignee_id"),
        )

    @classmethod
    def following(cls, customer: object, status: object, action: object) -> NoteForm:
        """The next note after "complete + new note": same customer, status and action."""
        return cls(customer=form_int(customer), status=form_int(status), action=form_int(action))

    @classmethod
    def of_note(cls, note: dict, time_zone: str) -> NoteForm:
        """A note as `note_ops.load_note` reads it; its due date in the viewer's zone."""
        due_day, due_time = None, ""
        if note["due_at"]:
            local = note["due_at"].astimezone(zone(time_zone))
            due_day, due_time = local.date().isoformat(), local.strftime("%H:%M")
        return cls(
            customer=note["customer_id"],
            order=note["order_id"],
            body=note["body"],
            status=note["status_id"],
            action=note["action_id"],
            category=note["category_id"],
            due_day=due_day,
            due_time=due_time,
            assignee=note["assignee_id"],
            options=dict(note["options"]),
        )

    def fields(self) -> dict:
        """Every field but the variables' options, by name."""
        values = asdict(self)
        del values["options"]
        return values

    def to_input(self, time_zone: str) -> NoteInput:
        """The values to validate and save; a due date that does not parse: InvalidInput."""
        return NoteInput(
            body=self.body or "",
            customer_id=form_int(self.customer),
            order_id=form_int(self.order),
            status_id=form_int(self.status),
            action_id=form_int(self.action),
            category_id=form_int(self.category),
            options={int(var): int(opt) for var, opt in self.options.items() if opt is not None},
            due_at=parse_due(self.due_day, self.due_time, time_zone),
            assignee_id=form_int(self.assignee),
            close_last=bool(self.close_last),
        )


def save_form(
    s: Session, viewer: Viewer, editing: dict | None, form: NoteForm, now: datetime
) -> int:
    """Create a note, or update the one the form opened (`editing`: its id and the version
    read then). Returns the note's id."""
    data = form.to_input(viewer.time_zone)
    if editing:
        update_note(s, viewer, editing["id"], editing["version"], data, now)
        return editing["id"]
    return create_note(s, viewer, data, now)


def reassign_form(
    s: Session,
    viewer: Viewer,
    editing: dict,
    rep: object,
    new_day: str | None,
    due_time: str | None,
    now: datetime,
) -> tuple[int, str]:
    """Give the task the form shows to `rep`, on `new_day` (at the form's time of day) when
    given. Returns the new assignee's id and name."""
    rep_id = form_int(rep)
    if rep_id is None:
        raise InvalidInput({"assignee": CHOOSE_ASSIGNEE})
    due = parse_due(new_day, due_time if new_day else None, viewer.time_zone)
    reassign_note(s, viewer, editing["id"], editing["version"], rep_id, due, now)
    names = {option["value"]: option["label"] for option in lookups.assignees(s, viewer)}
    return rep_id, names.get(rep_id, "")
