"""The note form on /notes: its lists, the customer search, opening it (new, a grid row, an
overdue item, a task from an activity) and saving it. Complete and reassign:
callbacks/note_actions.py, which fills the form with the same outputs (FORM_OUTPUTS)."""

from __future__ import annotations

from dash import ALL, Input, Output, State, ctx, no_update
from dash.exceptions import PreventUpdate

from callbacks.common import alert, bump
from callbacks.refusals import field_texts, refusal_text
from callbacks.registry import callback
from components import ids
from components.i18n import _
from components.note_form import (
    FORM_FIELDS,
    error_id,
    shown_if,
    variable_fields,
    written_line,
)
from data import clock, lookups
from data.activities import task_prefill
from data.errors import InvalidInput, NotAllowed, Refusal, StaleVersion
from data.note_form import NoteForm, chosen_options, form_int, save_form
from data.note_ops import load_note
from data.states import TaskActions
from data.types import as_id
from web.context import current_db, current_viewer

OPTION_ID = {"type": ids.NOTE_OPTION, "variable": ALL}
SELECTION_COLUMN = "ag-Grid-SelectionColumn"  # AG Grid's own checkbox column

# The form's fields (NoteForm.fields()), by name.
FIELDS = {
    "customer": (ids.NOTE_CUSTOMER, "value"),
    "order": (ids.NOTE_ORDER, "value"),
    "body": (ids.NOTE_BODY, "value"),
    "status": (ids.NOTE_STATUS, "value"),
    "action": (ids.NOTE_ACTION, "value"),
    "category": (ids.NOTE_CATEGORY, "value"),
    "due_day": (ids.NOTE_DUE, "date"),
    "due_time": (ids.NOTE_DUE_TIME, "value"),
    "assignee": (ids.NOTE_ASSIGNEE, "value"),
    "close_last": (ids.NOTE_CLOSE_LAST, "value"),
}


def _output(id_, prop: str) -> Output:
    return Output(id_, prop, allow_duplicate=True)


# Everything opening the form sets; completing a task sets them too (note_actions.py).
FORM_OUTPUTS = dict(
    is_open=_output(ids.NOTE_MODAL, "is_open"),
    title=_output(ids.NOTE_MODAL_TITLE, "children"),
    written=_output(ids.NOTE_WRITTEN, "children"),
    editing=_output(ids.NOTE_EDITING, "data"),
    customer_options=_output(ids.NOTE_CUSTOMER, "options"),
    fields={name: _output(*target) for name, target in FIELDS.items()},
    options=_output(OPTION_ID, "value"),
    complete=_output(ids.NOTE_COMPLETE, "style"),
    complete_new=_output(ids.NOTE_COMPLETE_NEW, "style"),
    reassign=_output(ids.REASSIGN_SECTION, "style"),
    reassign_rep=_output(ids.REASSIGN_REP, "value"),
    reassign_message=_output(ids.REASSIGN_MESSAGE, "children"),
    message=_output(ids.NOTE_MESSAGE, "children"),
    errors={field: _output(error_id(field), "children") for field in FORM_FIELDS},
)
NO_ERRORS = {field: "" for field in FORM_FIELDS}


def refusal_colour(refused: Refusal) -> str:
    """A stale version is a warning (reopen and retry); any other refusal an error."""
    return "warning" if isinstance(refused, StaleVersion) else "danger"


def keep_form() -> dict:
    """No change to any of FORM_OUTPUTS (one per variable for the options)."""
    keep = {name: no_update for name in FORM_OUTPUTS}
    keep["fields"] = {name: no_update for name in FIELDS}
    keep["errors"] = {field: no_update for field in FORM_FIELDS}
    keep["options"] = [no_update] * len(ctx.outputs_grouping["options"])
    return keep


def show_form(
    s, form: NoteForm, title: str, editing, actions: TaskActions, message, written=""
) -> dict:
    """FORM_OUTPUTS for an open form showing `form`; `written`: who wrote it, when."""
    customer = form_int(form.customer)
    variables = [item["id"]["variable"] for item in ctx.outputs_grouping["options"]]
    return dict(
        is_open=True,
        title=title,
        written=written,
        editing=editing,
        customer_options=lookups.customers_by_id(s, [customer] if customer else []),
        fields=form.fields(),
        options=[form.options.get(variable) for variable in variables],
        complete=shown_if(actions.complete),
        complete_new=shown_if(actions.complete),
        reassign=shown_if(actions.reassign),
        reassign_rep=None,
        reassign_message="",
        message=message,
        errors=NO_ERRORS,
    )


def new_form(form: NoteForm, message="") -> dict:
    with current_db().session() as s:
        return show_form(s, form, _("New note"), None, TaskActions(), message)


def _edit_form(note_id: int) -> dict:
    viewer = current_viewer()
    try:
        with current_db().session() as s:
            note = load_note(s, viewer, note_id)
            form = NoteForm.of_note(note, viewer.time_zone)
            actions = TaskActions.of(
                assignee_id=note["assignee_id"], completed_at=note["completed_at"]
            )
            editing = {"id": note_id, "version": note["version"]}
            notice = alert(_("Completed"), "secondary") if actions.completed else ""
            title = _("Edit note #{id}", id=note_id)
            written = written_line(note, viewer)
            return show_form(s, form, title, editing, actions, notice, written)
    except NotAllowed as refused:
        return {**keep_form(), "message": alert(refusal_text(refused), "danger")}


def _form_from_address(task_from, linked) -> dict:
    """What the address asks for on load: a note (/notes?note=<id>) opens in the form, or
    "not allowed" there; a task from an incoming activity (/notes?task_from=<id>)."""
    if linked:
        opened = _edit_form(as_id(linked))
        refused = opened["is_open"] is not True  # "not allowed" shows in the form's message
        return {**opened, "is_open": True, "title": _("Note")} if refused else opened
    with current_db().session() as s:
        prefill = task_prefill(s, current_viewer(), task_from) if task_from else None
    if not prefill:
        raise PreventUpdate
    return new_form(NoteForm.new(prefill))


def _clicked_note(trigger, cell: dict | None) -> int | None:
    """The note a click opens: a grid row (not its selection checkbox), an overdue item."""
    if trigger == ids.NOTES_GRID and isinstance(cell, dict):
        return as_id(cell.get("rowId")) if cell.get("colId") != SELECTION_COLUMN else None
    if isinstance(trigger, dict) and ctx.triggered[0]["value"]:
        return as_id(trigger.get("id"))
    return None


@callback(
    output=dict(
        status=Output(ids.NOTE_STATUS, "options"),
        action=Output(ids.NOTE_ACTION, "options"),
        category=Output(ids.NOTE_CATEGORY, "options"),
        assignee=Output(ids.NOTE_ASSIGNEE, "options"),
        reassign_rep=Output(ids.REASSIGN_REP, "options"),
        variables=Output(ids.NOTE_VARIABLES, "children"),
    ),
    inputs=dict(_modal=Input(ids.NOTE_MODAL, "id")),
)
def load_form_lists(_modal) -> dict:
    with current_db().session() as s:
        people = lookups.assignees(s, current_viewer())
        return dict(
            status=lookups.statuses(s),
            action=lookups.actions(s),
            category=lookups.categories(s),
            assignee=people,
            reassign_rep=people,
            variables=variable_fields(lookups.variables(s)),
        )


@callback(
    output=dict(options=Output(ids.NOTE_CUSTOMER, "options")),
    inputs=dict(text=Input(ids.NOTE_CUSTOMER, "search_value")),
    state=dict(selected=State(ids.NOTE_CUSTOMER, "value")),
    prevent_initial_call=True,
)
def search_customer(text, selected) -> dict:
    if not text:
        raise PreventUpdate
    with current_db().session() as s:
        return dict(options=lookups.customer_typeahead(s, text, selected))


@callback(
    output=dict(options=Output(ids.NOTE_ORDER, "options")),
    inputs=dict(customer=Input(ids.NOTE_CUSTOMER, "value")),
)
def customer_orders(customer) -> dict:
    with current_db().session() as s:
        return dict(options=lookups.orders_of(s, form_int(customer)))


@callback(
    output=dict(assignee=Output(ids.NOTE_ASSIGNEE, "value", allow_duplicate=True)),
    inputs=dict(people=Input(ids.NOTE_ASSIGNEE, "options")),
    state=dict(task_from=State(ids.NOTE_PREFILL, "data"), editing=State(ids.NOTE_EDITING, "data")),
    prevent_initial_call="initial_duplicate",
)
def keep_prefilled_assignee(people, task_from, editing) -> dict:
    """The form may open before the people list arrives, and a dropdown drops a value
    missing from its options: put the assignee of a task-from-activity back."""
    if not task_from or editing or not isinstance(people, list):
        raise PreventUpdate
    viewer = current_viewer()
    if not any(isinstance(o, dict) and o.get("value") == viewer.id for o in people):
        raise PreventUpdate
    return dict(assignee=viewer.id)


@callback(
    output=FORM_OUTPUTS,
    inputs=dict(
        _new=Input(ids.NOTE_NEW, "n_clicks"),
        cell=Input(ids.NOTES_GRID, "cellClicked"),
        _overdue=Input({"type": "overdue-open", "id": ALL}, "n_clicks"),
        task_from=Input(ids.NOTE_PREFILL, "data"),
        linked=Input(ids.NOTE_OPEN, "data"),
    ),
    prevent_initial_call="initial_duplicate",
)
def open_form(_new, cell, _overdue, task_from, linked) -> dict:
    trigger = ctx.triggered_id
    if trigger in (None, ids.NOTE_PREFILL, ids.NOTE_OPEN):
        return _form_from_address(task_from, linked)
    if trigger == ids.NOTE_NEW:
        return new_form(NoteForm.new())
    note_id = _clicked_note(trigger, cell)
    if note_id is None:
        raise PreventUpdate  # e.g. ticking a row for the bulk bar does not open it
    return _edit_form(note_id)


@callback(
    output=dict(
        message=Output(ids.NOTE_MESSAGE, "children"),
        errors={field: Output(error_id(field), "children") for field in FORM_FIELDS},
        is_open=Output(ids.NOTE_MODAL, "is_open"),
        refresh=Output(ids.NOTES_REFRESH, "data"),
        flash=Output(ids.NOTES_FLASH, "children"),
    ),
    inputs=dict(_save=Input(ids.NOTE_SAVE, "n_clicks")),
    state=dict(
        editing=State(ids.NOTE_EDITING, "data"),
        fields={name: State(*target) for name, target in FIELDS.items()},
        option_values=State(OPTION_ID, "value"),
        option_ids=State(OPTION_ID, "id"),
        refresh=State(ids.NOTES_REFRESH, "data"),
    ),
    prevent_initial_call=True,
)
def save(_save, editing, fields, option_values, option_ids, refresh) -> dict:
    form = NoteForm(**fields, options=chosen_options(option_ids, option_values))
    try:
        with current_db().session() as s:
            note_id = save_form(s, current_viewer(), editing, form, clock.now())
    except Refusal as refused:
        return _not_saved(refused)
    done = _("Note #{id} saved.", id=note_id) if editing else _("Note #{id} created.", id=note_id)
    return dict(
        message="",
        errors=NO_ERRORS,
        is_open=False,
        refresh=bump(refresh),
        flash=alert(done, "success"),
    )


def _not_saved(refused: Refusal) -> dict:
    """The form stays open: bad fields each get their message, other refusals one line."""
    if isinstance(refused, InvalidInput):
        message = alert(_("Nothing was saved: check the fields."), "danger")
        errors = dict(zip(FORM_FIELDS, field_texts(refused, FORM_FIELDS), strict=True))
    else:
        message, errors = alert(refusal_text(refused), refusal_colour(refused)), NO_ERRORS
    return dict(
        message=message, errors=errors, is_open=no_update, refresh=no_update, flash=no_update
    )
