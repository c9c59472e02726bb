"""The note form: the modal that creates, edits, completes and reassigns one note."""

from __future__ import annotations

from components import ids
from tests.browser.pages.base import Browser

# The form's fields by the name a user gives them.
FIELDS = {
    "body": ids.NOTE_BODY,
    "customer": ids.NOTE_CUSTOMER,
    "assignee": ids.NOTE_ASSIGNEE,
    "due": ids.NOTE_DUE,
    "due_time": ids.NOTE_DUE_TIME,
    "status": ids.NOTE_STATUS,
    "action": ids.NOTE_ACTION,
    "category": ids.NOTE_CATEGORY,
}
# The property that holds a field's value (a date picker's is `date`).
PROPS = {"due": "date"}


def field_error_id(field: str) -> str:
    """The element that shows a field's error next to it (no constant: one per field)."""
    return f"note-error-{field}"


class NoteForm:
    def __init__(self, browser: Browser) -> None:
        self.browser = browser

    # -- opening and closing ------------------------------------------------------------
    def is_open(self) -> bool:
        # dbc.Modal puts the id on .modal-dialog, inside the .modal that gets "show".
        return self.browser.count(f".modal.show #{ids.NOTE_MODAL}") == 1

    def wait_until_open(self, timeout: float = 10) -> None:
        self.browser.wait_until(self.is_open, "the note form never opened", timeout)

    def wait_until_closed(self, timeout: float = 10) -> None:
        self.browser.wait_until(lambda: not self.is_open(), "the note form never closed", timeout)

    def start_new(self) -> None:
        """The "New note" button; returns once the empty form is open."""
        self.browser.click(ids.NOTE_NEW)
        self.wait_until_open()

    def wait_for_note(self, note_id: int, timeout: float = 5) -> None:
        """Until the form holds note `note_id` (the one being edited)."""
        self.browser.wait_until(
            lambda: (self.browser.prop(ids.NOTE_EDITING, "data") or {}).get("id") == note_id,
            f"the form never loaded note {note_id}",
            timeout,
        )

    def title(self) -> str:
        return self.browser.text(ids.NOTE_MODAL_TITLE)

    def wait_for_title(self, title: str) -> None:
        self.browser.wait_for_text(ids.NOTE_MODAL_TITLE, title)

    # -- the fields -----------------------------------------------------------------------
    def type_body(self, text: str) -> None:
        self.browser.element(ids.NOTE_BODY).send_keys(text)

    def body_typed(self) -> str:
        """What the body's text area holds, as the page shows it."""
        return self.browser.attribute(ids.NOTE_BODY, "value")

    def assign_to(self, person: str) -> None:
        self.browser.choose(ids.NOTE_ASSIGNEE, person)

    def set_due(self, iso_day: str) -> None:
        self.browser.set_date(ids.NOTE_DUE, iso_day)

    def value(self, field: str):
        """A field's value as Dash holds it (an id for a dropdown)."""
        return self.browser.prop(FIELDS[field], PROPS.get(field, "value"))

    def shown(self, field: str) -> str:
        """What a dropdown field shows ('' for its placeholder)."""
        return self.browser.dropdown_text(FIELDS[field])

    def wait_for_value(self, field: str, value, timeout: float = 10) -> None:
        self.browser.wait_until(
            lambda: self.value(field) == value, f"{field} never became {value!r}", timeout
        )

    def wait_for_choices(self, field: str, at_least: int, timeout: float = 5) -> None:
        """Until a dropdown's options have arrived (at least `at_least` of them)."""
        self.browser.wait_until(
            lambda: len(self.browser.prop(FIELDS[field], "options") or []) >= at_least,
            f"the {field} list never loaded",
            timeout,
        )

    def field_error(self, field: str) -> str:
        return self.browser.text(field_error_id(field))

    def wait_for_field_error(self, field: str, timeout: float = 10) -> str:
        self.browser.wait_until(
            lambda: self.field_error(field).strip() != "",
            f"#{field_error_id(field)} never showed a message",
            timeout,
        )
        return self.field_error(field)

    def message(self) -> str:
        return self.browser.text(ids.NOTE_MESSAGE)

    # -- the buttons ------------------------------------------------------------------------
    def save(self) -> None:
        self.browser.click(ids.NOTE_SAVE)

    def complete(self) -> None:
        self.browser.click(ids.NOTE_COMPLETE)

    def complete_and_start_new(self) -> None:
        self.browser.click(ids.NOTE_COMPLETE_NEW)

    def reassign_to(self, person: str) -> str:
        """The reassign section: pick someone, submit; returns the message it answers with."""
        self.browser.choose(ids.REASSIGN_REP, person)
        self.browser.click(ids.REASSIGN_SUBMIT)
        return self.browser.wait_for_text_containing(ids.REASSIGN_MESSAGE, person)
