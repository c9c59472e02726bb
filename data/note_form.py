"""The note form's values as the browser holds them (ids as sent, the due date as a day and a
time of day in the viewer's zone), and the form's writes: save, complete, reassign."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session

from data import lookups
from data.clock import zone
from data.errors import UNREADABLE_TEXT, InvalidInput, _msg
from data.note_ops import NoteInput, create_note, parse_due, reassign_note, update_note
from data.scope import Viewer
from data.types import as_id, as_text

CHOOSE_ASSIGNEE = _msg("Choose the new assignee.")
NOT_AN_ID = _msg("unknown or inactive value")
NOT_TEXT = UNREADABLE_TEXT
UNKNOWN_OPTION = _msg("unknown option for this variable")


def form_int(value: object) -> int | None:
    """An id as the browser sends it ("", None, "12", 12); anything else is no id."""
    return as_id(value)


def form_options(chosen: object) -> dict[int, int] | None:
    """{variable id: option id} of the variables' dropdowns (an empty one is skipped); None
    when a key or a value is no id."""
    if not isinstance(chosen, dict):
        return None
    options = {}
    for variable, option in chosen.items():
        if option in (None, ""):
            continue
        if as_id(variable) is None or as_id(option) is None:
            return None
        options[as_id(variable)] = as_id(option)
    return options


def chosen_options(option_ids: object, option_values: object) -> dict:
    """{variable: option} from the variables' dropdowns: their ids ({"variable": id}) and
    values, as the browser sent them; anything else is left out (and checked as ids later)."""
    if not isinstance(option_ids, list) or not isinstance(option_values, list):
        return {}
    return {
        str(oid.get("variable")): value
        for oid, value in zip(option_ids, option_values, strict=False)
        if isinstance(oid, dict)
    }


def editing_ref(editing: object) -> tuple[object, object]:
    """The note the form opened and the version read then, as the browser kept them (checked
    where they are used: data.note_access.writable_note)."""
    if not isinstance(editing, dict):
        return None, None
    return editing.get("id"), editing.get("version")


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
        """The values to validate and save, each read with its type (a browser may send
        anything): an id that is no id, text that is no text, a due date that does not parse
        are InvalidInput next to their field."""
        errors = {}
        ids = {}
        for name in ("customer", "order", "status", "action", "category", "assignee"):
            raw = getattr(self, name)
            ids[name] = form_int(raw)
            if ids[name] is None and raw not in (None, ""):
                errors[name] = NOT_AN_ID
        body = as_text(self.body) if self.body is not None else ""
        if body is None:
            errors["body"] = NOT_TEXT
        options = form_options(self.options)
        if options is None:
            errors["options"] = UNKNOWN_OPTION
        due_at = None
        try:
            due_at = parse_due(as_text(self.due_day), as_text(self.due_time), time_zone)
        except InvalidInput as refused:
            errors.update(refused.errors)
        if errors:
            raise InvalidInput(errors)
        return NoteInput(
            body=body,
            customer_id=ids["customer"],
            order_id=ids["order"],
            status_id=ids["status"],
            action_id=ids["action"],
            category_id=ids["category"],
            options=options,
            due_at=due_at,
            assignee_id=ids["assignee"],
            close_last=self.close_last is True,
        )


def save_form(
    s: Session, viewer: Viewer, editing: dict | None, form: NoteForm, now: datetime
) -> int:
    """Create a note, or update the one the form opened (`editing`: its id and the version
    read then). Returns the note's id."""
    if editing:
        note_id, version = editing_ref(editing)
        data = form.to_input(viewer.time_zone)
        update_note(s, viewer, note_id, version, data, now)
        return as_id(note_id)
    return create_note(s, viewer, form.to_input(viewer.time_zone), now)


def reassign_form(
    s: Session,
    viewer: Viewer,
    editing: dict,
    rep: object,
    new_day: str | None,
    due_time: str | None,
    now: datetime,
) -> tuple[int, str, dict]:
    """Give the task the form shows to `rep`, on `new_day` (at the form's time of day) when
    given. Returns the new assignee's id and name, and what the form now edits."""
    rep_id = form_int(rep)
    if rep_id is None:
        raise InvalidInput({"assignee": CHOOSE_ASSIGNEE})
    day, at = as_text(new_day), as_text(due_time)
    due = parse_due(day, at if day else None, viewer.time_zone)
    note_id, version = editing_ref(editing)
    reassign_note(s, viewer, note_id, version, rep_id, due, now)
    names = {option["value"]: option["label"] for option in lookups.assignees(s, viewer)}
    return rep_id, names.get(rep_id, ""), {"id": as_id(note_id), "version": as_id(version) + 1}
