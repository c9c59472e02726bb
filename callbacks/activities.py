"""Incoming activities on My day and /board: list, close and undo it (the counters follow)."""

from __future__ import annotations

from dash import ALL, Input, Output, State
from dash.exceptions import PreventUpdate

from callbacks.common import bump, clicked
from callbacks.refusals import refusal_text
from callbacks.registry import callback
from components import ids
from components.activities import HIDDEN, SHOWN, activity_list, close_refused, feedback
from components.i18n import _, count
from data import clock
from data.activities import close_activity, open_incoming, reopen_activity
from data.errors import NotAllowed, Refusal
from web.context import current_db, current_viewer


@callback(
    output=dict(
        items=Output(ids.ACTIVITIES_LIST, "children"),
        count=Output(ids.ACTIVITIES_COUNT, "children"),
    ),
    inputs=dict(
        _tick=Input(ids.COUNTERS_TICK, "n_intervals"),
        _refresh=Input(ids.COUNTERS_REFRESH, "data"),
    ),
)
def show(_tick, _refresh) -> dict:
    viewer = current_viewer()
    with current_db().session() as s:
        total, rows = open_incoming(s, viewer)
    return dict(items=activity_list(rows, total, viewer), count=count(total))


FEEDBACK = dict(
    refresh=Output(ids.COUNTERS_REFRESH, "data", allow_duplicate=True),
    message=Output(ids.ACTIVITIES_MESSAGE, "children", allow_duplicate=True),
    closed=Output(ids.ACTIVITIES_CLOSED, "data", allow_duplicate=True),
    undo=Output(ids.ACTIVITIES_UNDO, "style", allow_duplicate=True),
)


@callback(
    output=FEEDBACK,
    inputs=dict(_clicks=Input({"type": "activity-close", "id": ALL}, "n_clicks")),
    state=dict(refresh=State(ids.COUNTERS_REFRESH, "data")),
    prevent_initial_call=True,
)
def close(_clicks, refresh) -> dict:
    trigger = clicked()
    try:
        with current_db().session() as s:
            closed = close_activity(s, current_viewer(), trigger.get("id"), clock.now())
    except NotAllowed:  # a forged id is refused like any other
        message = close_refused(refusal_text(NotAllowed()))
        return dict(refresh=bump(refresh), message=message, closed=None, undo=HIDDEN)
    message = feedback(_("Activity closed: {subject}", subject=closed.subject), "success")
    return dict(refresh=bump(refresh), message=message, closed=closed.token(), undo=SHOWN)


@callback(
    output=FEEDBACK,
    inputs=dict(_click=Input(ids.ACTIVITIES_UNDO, "n_clicks")),
    state=dict(
        closed=State(ids.ACTIVITIES_CLOSED, "data"), refresh=State(ids.COUNTERS_REFRESH, "data")
    ),
    prevent_initial_call=True,
)
def undo_close(_click, closed, refresh) -> dict:
    """Reopen the activity just closed; refused (and said so) when it changed since."""
    if not _click or not closed:
        raise PreventUpdate
    try:
        with current_db().session() as s:
            subject = reopen_activity(s, current_viewer(), closed, clock.now())
    except Refusal as refused:
        message = close_refused(refusal_text(refused))
        return dict(refresh=bump(refresh), message=message, closed=None, undo=HIDDEN)
    message = feedback(_("Activity reopened: {subject}", subject=subject), "info")
    return dict(refresh=bump(refresh), message=message, closed=None, undo=HIDDEN)
