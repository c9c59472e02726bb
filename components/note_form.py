"""The note form (create, edit, complete, reassign) in a modal on /notes."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from components import ids
from components.dropdown import dropdown
from components.i18n import _
from components.widgets import date_field, hidden_label, icon_button, label_target
from data.i18n import format_instant
from data.scope import Viewer

# Every field that can carry a message; each has a `note-error-<field>` element under it.
FORM_FIELDS = (
    "customer",
    "order",
    "body",
    "status",
    "action",
    "category",
    "options",
    "due",
    "assignee",
    "close_last",
)


HIDDEN = {"display": "none"}
SHOWN: dict = {}


def error_id(field: str) -> str:
    return f"note-error-{field}"


def shown_if(visible: bool) -> dict:
    """The style of a part of the form shown only sometimes (complete, reassign)."""
    return SHOWN if visible else HIDDEN


def _error(field: str) -> html.Div:
    return html.Div(id=error_id(field), className="field-error")


def _labelled(label: str, control, field: str, width: int = 12, *extra) -> dbc.Col:
    return dbc.Col(
        [
            dbc.Label(label, html_for=label_target(control), className="small fw-semibold mb-1"),
            control,
            *extra,
            _error(field),
        ],
        md=width,
        className="mb-2",
    )


def note_modal() -> dbc.Modal:
    return dbc.Modal(
        [
            dbc.ModalHeader(dbc.ModalTitle(id=ids.NOTE_MODAL_TITLE)),
            dbc.ModalBody(
                [
                    dcc.Store(id=ids.NOTE_EDITING, data=None),
                    html.Div(id=ids.NOTE_WRITTEN, className="small text-secondary mb-2"),
                    dbc.Row(
                        [
                            _labelled(
                                _("Customer"),
                                dropdown(
                                    ids.NOTE_CUSTOMER,
                                    options=[],
                                    placeholder=_("General note (no customer) — type to search"),
                                ),
                                "customer",
                                8,
                            ),
                            _labelled(
                                _("Order"),
                                dropdown(ids.NOTE_ORDER, options=[], placeholder="—"),
                                "order",
                                4,
                            ),
                        ]
                    ),
                    _labelled(
                        _("Note"),
                        dbc.Textarea(id=ids.NOTE_BODY, rows=4, maxLength=20_000, value=""),
                        "body",
                    ),
                    dbc.Row(
                        [
                            _labelled(_("Status"), dropdown(ids.NOTE_STATUS), "status", 4),
                            _labelled(_("Action"), dropdown(ids.NOTE_ACTION), "action", 4),
                            _labelled(_("Category"), dropdown(ids.NOTE_CATEGORY), "category", 4),
                        ]
                    ),
                    html.Div(id=ids.NOTE_VARIABLES),
                    _error("options"),
                    dbc.Row(
                        [
                            _labelled(
                                _("Follow-up date"),
                                html.Div(
                                    [
                                        date_field(ids.NOTE_DUE),
                                        dbc.Input(
                                            id=ids.NOTE_DUE_TIME,
                                            type="time",
                                            value="",
                                        ),
                                    ],
                                    className="date-time",
                                ),
                                "due",
                                6,
                                hidden_label(_("Follow-up time"), ids.NOTE_DUE_TIME),
                            ),
                            _labelled(
                                _("Assign to"),
                                dropdown(ids.NOTE_ASSIGNEE, placeholder=_("Nobody: a plain note")),
                                "assignee",
                                6,
                            ),
                        ]
                    ),
                    dbc.Checkbox(
                        id=ids.NOTE_CLOSE_LAST,
                        label=_("Close the customer's last open task"),
                        value=False,
                    ),
                    _error("close_last"),
                    html.Div(id=ids.NOTE_MESSAGE, className="mt-2", role="status"),
                    html.Div(
                        [
                            html.Hr(),
                            html.H3(_("Reassign"), className="h6"),
                            dbc.Row(
                                [
                                    dbc.Col(
                                        dropdown(ids.REASSIGN_REP, placeholder=_("New assignee")),
                                        md=5,
                                    ),
                                    dbc.Col(
                                        [
                                            hidden_label(
                                                _("New follow-up date"), ids.REASSIGN_DATE
                                            ),
                                            date_field(ids.REASSIGN_DATE),
                                        ],
                                        md=4,
                                    ),
                                    dbc.Col(
                                        dbc.Button(
                                            _("Reassign"), id=ids.REASSIGN_SUBMIT, color="secondary"
                                        ),
                                        md=3,
                                    ),
                                ],
                                className="g-2",
                            ),
                            html.Div(id=ids.REASSIGN_MESSAGE, className="mt-2", role="status"),
                        ],
                        id=ids.REASSIGN_SECTION,
                        style={"display": "none"},
                    ),
                ]
            ),
            dbc.ModalFooter(
                [
                    icon_button(
                        "check2-circle",
                        _("Complete"),
                        id=ids.NOTE_COMPLETE,
                        color="success",
                        outline=True,
                        style={"display": "none"},
                    ),
                    dbc.Button(
                        _("Complete + new note"),
                        id=ids.NOTE_COMPLETE_NEW,
                        color="success",
                        outline=True,
                        style={"display": "none"},
                    ),
                    dbc.Button(_("Save"), id=ids.NOTE_SAVE, color="primary", className="ms-auto"),
                ]
            ),
        ],
        id=ids.NOTE_MODAL,
        is_open=False,
        size="lg",
        # On a phone the form takes the whole screen and its footer (Save) stays in reach.
        fullscreen="sm-down",
        backdrop="static",
    )


def variable_fields(variables: list[dict]) -> dbc.Row:
    """One dropdown per variable (`lookups.variables`), three to a row."""
    return dbc.Row(
        [
            dbc.Col(
                [
                    dbc.Label(var["name"], className="small fw-semibold mb-1"),
                    dropdown(
                        {"type": ids.NOTE_OPTION, "variable": var["id"]}, options=var["options"]
                    ),
                ],
                md=4,
                className="mb-2",
            )
            for var in variables
        ]
    )


# Two saves within this long of the creation are the writing, not a later change.
SAME_WRITING_SECONDS = 60


def written_line(note: dict, viewer: Viewer) -> str:
    """Who wrote the note and when, in the viewer's zone and language (help page 001), and
    its last change when there was one: "Written by Marie, 23 nov. 2026 09:00 · …"."""

    def when(instant) -> str:
        return format_instant(instant, viewer.time_zone, viewer.locale)

    line = _("Written by {author}, {when}", author=note["author"], when=when(note["created_at"]))
    changed = note.get("updated_at")
    if changed and (changed - note["created_at"]).total_seconds() > SAME_WRITING_SECONDS:
        if note.get("updated_by"):
            last = _("last changed by {name}, {when}", name=note["updated_by"], when=when(changed))
        else:
            last = _("last changed {when}", when=when(changed))
        line += " · " + last
    return line
