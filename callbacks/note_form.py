"""The note form on /notes: open (new, row, overdue item), save, complete, reassign."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import ALL, Dash, Input, Output, State, ctx, no_update
from dash.exceptions import PreventUpdate

from callbacks.refusals import field_texts, refusal_text
from components import ids
from components.dropdown import dropdown
from components.i18n import _
from components.note_form import FORM_FIELDS, error_id
from data import clock, lookups
from data.activities import task_prefill
from data.clock import zone
from data.errors import InvalidInput, NotAllowed, StaleVersion
from data.note_ops import (
    NoteInput,
    complete_note,
    create_note,
    load_note,
    parse_due,
    reassign_note,
    update_note,
)
from web.context import current_db, current_viewer

OPTION_ID = {"type": ids.NOTE_OPTION, "variable": ALL}

# The form's values, in this order, in every callback that fills or reads it.
FORM_VALUES = (
    (ids.NOTE_CUSTOMER, "value"),
    (ids.NOTE_ORDER, "value"),
    (ids.NOTE_BODY, "value"),
    (ids.NOTE_STATUS, "value"),
    (ids.NOTE_ACTION, "value"),
    (ids.NOTE_CATEGORY, "value"),
    (ids.NOTE_DUE, "value"),
    (ids.NOTE_DUE_TIME, "value"),
    (ids.NOTE_ASSIGNEE, "value"),
    (ids.NOTE_CLOSE_LAST, "value"),
)

HIDDEN = {"display": "none"}
SELECTION_COLUMN = "ag-Grid-SelectionColumn"  # AG Grid's own checkbox column
SHOWN = {}


def _int(value) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _alert(text: str, colour: str) -> dbc.Alert:
    return dbc.Alert(text, color=colour, className="py-2 mb-0")


def _no_errors() -> list:
    return [""] * len(FORM_FIELDS)


def _errors(refused: InvalidInput) -> list:
    return field_texts(refused, FORM_FIELDS)


def _option_values(outputs_list, chosen: dict[int, int]) -> list:
    return [chosen.get(item["id"]["variable"]) for item in outputs_list]


def _stale_message(exc: StaleVersion) -> str:
    return _(
        "Not saved: {name} changed this note since you opened it. Close and reopen it to see "
        "their version.",
        name=exc.changed_by or _("someone"),
    )


def _form_for_new(prefill: dict | None = None) -> tuple:
    """Values of FORM_VALUES for a new note."""
    prefill = prefill or {}
    return (
        prefill.get("customer_id"),
        None,
        prefill.get("body", ""),
        prefill.get("status_id"),
        prefill.get("action_id"),
        None,
        None,
        "",
        prefill.get("assignee_id"),
        False,
    )


def _form_for_note(note: dict, time_zone: str) -> tuple:
    due_day = due_time = None
    if note["due_at"]:
        local = note["due_at"].astimezone(zone(time_zone))
        due_day, due_time = local.date().isoformat(), local.strftime("%H:%M")
    return (
        note["customer_id"],
        note["order_id"],
        note["body"],
        note["status_id"],
        note["action_id"],
        note["category_id"],
        due_day,
        due_time or "",
        note["assignee_id"],
        False,
    )


def register(app: Dash) -> None:
    @app.callback(
        Output(ids.NOTE_STATUS, "options"),
        Output(ids.NOTE_ACTION, "options"),
        Output(ids.NOTE_CATEGORY, "options"),
        Output(ids.NOTE_ASSIGNEE, "options"),
        Output(ids.REASSIGN_REP, "options"),
        Output("note-variables", "children"),
        Input(ids.NOTE_MODAL, "id"),
    )
    def load_form_lists(_modal):
        viewer = current_viewer()
        with current_db().session() as s:
            people = lookups.assignees(s, viewer)
            variables = lookups.variables(s)
            lists = (lookups.statuses(s), lookups.actions(s), lookups.categories(s))
        columns = [
            dbc.Col(
                [
                    dbc.Label(var["name"], className="small fw-semibold mb-1"),
                    dropdown(
                        {"type": ids.NOTE_OPTION, "variable": var["id"]},
                        options=var["options"],
                    ),
                ],
                md=4,
                className="mb-2",
            )
            for var in variables
        ]
        return (*lists, people, people, dbc.Row(columns))

    @app.callback(
        Output(ids.NOTE_CUSTOMER, "options"),
        Input(ids.NOTE_CUSTOMER, "search_value"),
        State(ids.NOTE_CUSTOMER, "value"),
        prevent_initial_call=True,
    )
    def search_customer(text, selected):
        if not text:
            return no_update
        with current_db().session() as s:
            return lookups.customer_choices(s, text, [_int(selected)] if _int(selected) else [])

    @app.callback(
        Output(ids.NOTE_ORDER, "options"),
        Input(ids.NOTE_CUSTOMER, "value"),
    )
    def customer_orders(customer_id):
        with current_db().session() as s:
            return lookups.orders_of(s, _int(customer_id))

    form_outputs = [
        Output(ids.NOTE_MODAL, "is_open", allow_duplicate=True),
        Output(ids.NOTE_MODAL_TITLE, "children", allow_duplicate=True),
        Output(ids.NOTE_EDITING, "data", allow_duplicate=True),
        Output(ids.NOTE_CUSTOMER, "options", allow_duplicate=True),
        *[Output(c, p, allow_duplicate=True) for c, p in FORM_VALUES],
        Output(OPTION_ID, "value", allow_duplicate=True),
        Output(ids.NOTE_COMPLETE, "style", allow_duplicate=True),
        Output(ids.NOTE_COMPLETE_NEW, "style", allow_duplicate=True),
        Output(ids.REASSIGN_SECTION, "style", allow_duplicate=True),
        Output(ids.REASSIGN_REP, "value", allow_duplicate=True),
        Output(ids.REASSIGN_MESSAGE, "children", allow_duplicate=True),
        Output(ids.NOTE_MESSAGE, "children", allow_duplicate=True),
        *[Output(error_id(f), "children", allow_duplicate=True) for f in FORM_FIELDS],
    ]

    options_at = 4 + len(FORM_VALUES)

    def keep_form() -> list:
        """no_update for every form output (a list of them for the pattern-matching one)."""
        keep = [no_update] * len(form_outputs)
        keep[options_at] = [no_update] * len(ctx.outputs_list[options_at])
        return keep

    def new_form(message=None, prefill: dict | None = None) -> tuple:
        values = _form_for_new(prefill)
        options_list = ctx.outputs_list[4 + len(FORM_VALUES)]
        with current_db().session() as s:
            customer_options = lookups.customers_by_id(s, [values[0]] if values[0] else [])
        return (
            True,
            _("New note"),
            None,
            customer_options,
            *values,
            _option_values(options_list, {}),
            HIDDEN,
            HIDDEN,
            HIDDEN,
            None,
            "",
            message or "",
            *_no_errors(),
        )

    def edit_form(note_id: int) -> tuple:
        viewer = current_viewer()
        options_list = ctx.outputs_list[4 + len(FORM_VALUES)]
        try:
            with current_db().session() as s:
                note = load_note(s, viewer, note_id)
                customer_options = lookups.customers_by_id(
                    s, [note["customer_id"]] if note["customer_id"] else []
                )
        except NotAllowed:
            keep = keep_form()
            keep[len(form_outputs) - len(FORM_FIELDS) - 1] = _alert(_("Not allowed"), "danger")
            return tuple(keep)
        is_open_task = note["assignee_id"] is not None and note["completed_at"] is None
        return (
            True,
            _("Edit note #{id}", id=note_id),
            {"id": note_id, "version": note["version"]},
            customer_options,
            *_form_for_note(note, viewer.time_zone),
            _option_values(options_list, note["options"]),
            SHOWN if is_open_task else HIDDEN,
            SHOWN if is_open_task else HIDDEN,
            SHOWN if is_open_task else HIDDEN,
            None,
            "",
            _alert(_("Completed"), "secondary") if note["completed_at"] else "",
            *_no_errors(),
        )

    @app.callback(
        Output(ids.NOTE_ASSIGNEE, "value", allow_duplicate=True),
        Input(ids.NOTE_ASSIGNEE, "options"),
        State(ids.NOTE_PREFILL, "data"),
        State(ids.NOTE_EDITING, "data"),
        prevent_initial_call="initial_duplicate",
    )
    def keep_prefilled_assignee(people, task_from, editing):
        """The form may open before the people list arrives, and a dropdown drops a value
        missing from its options: put the assignee of a task-from-activity back."""
        if not task_from or editing or not people:
            raise PreventUpdate
        viewer = current_viewer()
        if not any(option.get("value") == viewer.id for option in people):
            raise PreventUpdate
        return viewer.id

    @app.callback(
        *form_outputs,
        Input(ids.NOTE_NEW, "n_clicks"),
        Input(ids.NOTES_GRID, "cellClicked"),
        Input({"type": "overdue-open", "id": ALL}, "n_clicks"),
        Input(ids.NOTE_PREFILL, "data"),
        prevent_initial_call="initial_duplicate",
    )
    def open_form(_new, cell, _overdue, task_from):
        trigger = ctx.triggered_id
        if trigger in (None, ids.NOTE_PREFILL):
            # A task from an incoming activity (/notes?task_from=<id>) opens the form at once.
            with current_db().session() as s:
                prefill = task_prefill(s, current_viewer(), task_from) if task_from else None
            if not prefill:
                raise PreventUpdate
            return new_form(prefill=prefill)
        if trigger == ids.NOTE_NEW:
            return new_form()
        if trigger == ids.NOTES_GRID and cell and cell.get("colId") == SELECTION_COLUMN:
            raise PreventUpdate  # ticking a row for the bulk bar does not open it
        if trigger == ids.NOTES_GRID and cell and cell.get("rowId"):
            return edit_form(int(cell["rowId"]))
        if isinstance(trigger, dict) and ctx.triggered[0]["value"]:
            return edit_form(int(trigger["id"]))
        raise PreventUpdate

    @app.callback(
        Output(ids.NOTE_MESSAGE, "children"),
        *[Output(error_id(f), "children") for f in FORM_FIELDS],
        Output(ids.NOTE_MODAL, "is_open"),
        Output(ids.NOTES_REFRESH, "data"),
        Output(ids.NOTES_FLASH, "children"),
        Input(ids.NOTE_SAVE, "n_clicks"),
        State(ids.NOTE_EDITING, "data"),
        *[State(c, p) for c, p in FORM_VALUES],
        State(OPTION_ID, "value"),
        State(OPTION_ID, "id"),
        State(ids.NOTES_REFRESH, "data"),
        prevent_initial_call=True,
    )
    def save(
        _n,
        editing,
        customer,
        order,
        body,
        status,
        action,
        category,
        due_day,
        due_time,
        assignee,
        close_last,
        option_values,
        option_ids,
        refresh,
    ):
        viewer, now = current_viewer(), clock.now()
        unchanged = (no_update, no_update, no_update)
        try:
            data = NoteInput(
                body=body or "",
                customer_id=_int(customer),
                order_id=_int(order),
                status_id=_int(status),
                action_id=_int(action),
                category_id=_int(category),
                options={
                    oid["variable"]: int(v)
                    for oid, v in zip(option_ids, option_values, strict=False)
                    if v is not None
                },
                due_at=parse_due(due_day, due_time, viewer.time_zone),
                assignee_id=_int(assignee),
                close_last=bool(close_last),
            )
            with current_db().session() as s:
                if editing:
                    update_note(s, viewer, editing["id"], editing["version"], data, now)
                    flash = _("Note #{id} saved.", id=editing["id"])
                else:
                    note_id = create_note(s, viewer, data, now)
                    flash = _("Note #{id} created.", id=note_id)
        except InvalidInput as exc:
            return (
                _alert(_("Nothing was saved: check the fields."), "danger"),
                *_errors(exc),
                *unchanged,
            )
        except StaleVersion as exc:
            return (_alert(_stale_message(exc), "warning"), *_no_errors(), *unchanged)
        except NotAllowed:
            return (_alert(_("Not allowed"), "danger"), *_no_errors(), *unchanged)
        return ("", *_no_errors(), False, (refresh or 0) + 1, _alert(flash, "success"))

    @app.callback(
        *form_outputs,
        Output(ids.NOTES_REFRESH, "data", allow_duplicate=True),
        Output(ids.NOTES_FLASH, "children", allow_duplicate=True),
        Input(ids.NOTE_COMPLETE, "n_clicks"),
        Input(ids.NOTE_COMPLETE_NEW, "n_clicks"),
        State(ids.NOTE_EDITING, "data"),
        State(ids.NOTE_CUSTOMER, "value"),
        State(ids.NOTE_STATUS, "value"),
        State(ids.NOTE_ACTION, "value"),
        State(ids.NOTES_REFRESH, "data"),
        prevent_initial_call=True,
    )
    def complete(_done, _done_new, editing, customer, status, action, refresh):
        viewer, now = current_viewer(), clock.now()
        keep = keep_form()
        message_at = len(form_outputs) - len(FORM_FIELDS) - 1
        if not editing:
            return (*keep, no_update, no_update)
        try:
            with current_db().session() as s:
                complete_note(s, viewer, editing["id"], editing["version"], now)
        except StaleVersion as exc:
            keep[message_at] = _alert(_stale_message(exc), "warning")
            return (*keep, no_update, no_update)
        except (InvalidInput, NotAllowed) as exc:
            keep[message_at] = _alert(refusal_text(exc), "danger")
            return (*keep, no_update, no_update)
        flash = _alert(_("Task #{id} completed.", id=editing["id"]), "success")
        if ctx.triggered_id == ids.NOTE_COMPLETE_NEW:
            prefill = {
                "customer_id": _int(customer),
                "status_id": _int(status),
                "action_id": _int(action),
            }
            form = new_form(_alert(_("Task completed. Write the next note."), "success"), prefill)
            return (*form, (refresh or 0) + 1, flash)
        keep[0] = False
        return (*keep, (refresh or 0) + 1, flash)

    @app.callback(
        Output(ids.REASSIGN_MESSAGE, "children"),
        Output(ids.NOTE_EDITING, "data"),
        Output(ids.NOTE_ASSIGNEE, "value", allow_duplicate=True),
        Output(ids.NOTES_REFRESH, "data", allow_duplicate=True),
        Input(ids.REASSIGN_SUBMIT, "n_clicks"),
        State(ids.NOTE_EDITING, "data"),
        State(ids.REASSIGN_REP, "value"),
        State(ids.REASSIGN_DATE, "value"),
        State(ids.NOTE_DUE_TIME, "value"),
        State(ids.NOTES_REFRESH, "data"),
        prevent_initial_call=True,
    )
    def reassign(_n, editing, rep, new_day, due_time, refresh):
        viewer, now = current_viewer(), clock.now()
        if not editing:
            return no_update, no_update, no_update, no_update
        if _int(rep) is None:
            return _alert(_("Choose the new assignee."), "danger"), no_update, no_update, no_update
        try:
            due = parse_due(new_day, due_time if new_day else None, viewer.time_zone)
            with current_db().session() as s:
                reassign_note(s, viewer, editing["id"], editing["version"], _int(rep), due, now)
                name = dict((o["value"], o["label"]) for o in lookups.assignees(s, viewer)).get(
                    _int(rep), ""
                )
        except InvalidInput as exc:
            return _alert(refusal_text(exc), "danger"), no_update, no_update, no_update
        except StaleVersion as exc:
            return _alert(_stale_message(exc), "warning"), no_update, no_update, no_update
        except NotAllowed:
            return _alert(_("Not allowed"), "danger"), no_update, no_update, no_update
        done = _alert(_("Task reassigned to {name}.", name=name), "success")
        return done, {**editing, "version": editing["version"] + 1}, _int(rep), (refresh or 0) + 1
