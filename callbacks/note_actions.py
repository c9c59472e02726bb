"""The note form's task actions: complete, complete + new note, reassign."""

from __future__ import annotations

from dash import Input, Output, State, ctx, no_update
from dash.exceptions import PreventUpdate

from callbacks.common import alert, bump
from callbacks.note_form import FORM_OUTPUTS, keep_form, new_form, refusal_colour
from callbacks.refusals import refusal_text
from callbacks.registry import callback
from components import ids
from components.i18n import _
from data import clock
from data.errors import Refusal
from data.follow_up import complete_with_follow_up
from data.note_form import NoteForm, editing_ref, reassign_form
from data.note_ops import complete_note
from data.types import as_id
from web.context import current_db, current_viewer


@callback(
    output=dict(
        **FORM_OUTPUTS,
        refresh=Output(ids.NOTES_REFRESH, "data", allow_duplicate=True),
        flash=Output(ids.NOTES_FLASH, "children", allow_duplicate=True),
    ),
    inputs=dict(
        _done=Input(ids.NOTE_COMPLETE, "n_clicks"),
        _done_new=Input(ids.NOTE_COMPLETE_NEW, "n_clicks"),
    ),
    state=dict(
        editing=State(ids.NOTE_EDITING, "data"),
        refresh=State(ids.NOTES_REFRESH, "data"),
    ),
    prevent_initial_call=True,
)
def complete(_done, _done_new, editing, refresh) -> dict:
    if not editing:
        raise PreventUpdate
    follow = ctx.triggered_id == ids.NOTE_COMPLETE_NEW
    try:
        with current_db().session() as s:
            next_note = _complete(s, current_viewer(), editing, follow)
    except Refusal as refused:
        message = alert(refusal_text(refused), refusal_colour(refused))
        return {**keep_form(), "message": message, "refresh": no_update, "flash": no_update}
    if follow:
        form = new_form(
            next_note,
            alert(_("Task completed. Its follow-up is ready: check it, then save."), "success"),
        )
    else:
        form = {**keep_form(), "is_open": False}
    flash = alert(_("Task #{id} completed.", id=as_id(editing["id"])), "success")
    return {**form, "refresh": bump(refresh), "flash": flash}


def _complete(s, viewer, editing: dict, follow: bool) -> NoteForm | None:
    """Complete the task; with its follow-up's form when the user asked for one."""
    if follow:
        return complete_with_follow_up(s, viewer, *editing_ref(editing), clock.now())
    complete_note(s, viewer, *editing_ref(editing), clock.now())
    return None


@callback(
    output=dict(
        message=Output(ids.REASSIGN_MESSAGE, "children"),
        editing=Output(ids.NOTE_EDITING, "data"),
        assignee=Output(ids.NOTE_ASSIGNEE, "value", allow_duplicate=True),
        refresh=Output(ids.NOTES_REFRESH, "data", allow_duplicate=True),
    ),
    inputs=dict(_submit=Input(ids.REASSIGN_SUBMIT, "n_clicks")),
    state=dict(
        editing=State(ids.NOTE_EDITING, "data"),
        rep=State(ids.REASSIGN_REP, "value"),
        new_day=State(ids.REASSIGN_DATE, "date"),
        due_time=State(ids.NOTE_DUE_TIME, "value"),
        refresh=State(ids.NOTES_REFRESH, "data"),
    ),
    prevent_initial_call=True,
)
def reassign(_submit, editing, rep, new_day, due_time, refresh) -> dict:
    if not editing:
        raise PreventUpdate
    viewer = current_viewer()
    try:
        with current_db().session() as s:
            reassigned = reassign_form(s, viewer, editing, rep, new_day, due_time, clock.now())
    except Refusal as refused:
        message = alert(refusal_text(refused), refusal_colour(refused))
        return dict(message=message, editing=no_update, assignee=no_update, refresh=no_update)
    rep_id, name, now_editing = reassigned
    return dict(
        message=alert(_("Task reassigned to {name}.", name=name), "success"),
        editing=now_editing,
        assignee=rep_id,
        refresh=bump(refresh),
    )
