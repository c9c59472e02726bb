"""Incoming activities on My day and /board: list, close (the counters follow)."""

from __future__ import annotations

from dash import ALL, Input, Output, State

from callbacks.common import bump, clicked
from callbacks.refusals import refusal_text
from callbacks.registry import callback
from components import ids
from components.activities import activity_list, close_refused
from components.i18n import count
from data import clock
from data.activities import close_activity, open_incoming
from data.errors import NotAllowed
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


@callback(
    output=dict(
        refresh=Output(ids.COUNTERS_REFRESH, "data", allow_duplicate=True),
        message=Output(ids.ACTIVITIES_MESSAGE, "children"),
    ),
    inputs=dict(_clicks=Input({"type": "activity-close", "id": ALL}, "n_clicks")),
    state=dict(refresh=State(ids.COUNTERS_REFRESH, "data")),
    prevent_initial_call=True,
)
def close(_clicks, refresh) -> dict:
    trigger = clicked()
    try:
        with current_db().session() as s:
            close_activity(s, current_viewer(), trigger.get("id"), clock.now())
    except NotAllowed:  # a forged id is refused like any other
        return dict(refresh=bump(refresh), message=close_refused(refusal_text(NotAllowed())))
    return dict(refresh=bump(refresh), message="")
