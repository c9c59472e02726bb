"""Counters: every 30 seconds, on page load, and after any change the viewer makes."""

from __future__ import annotations

from dash import Input, Output

from callbacks.registry import callback, clientside
from components import ids
from data import clock
from data.counters import counters
from web.context import current_db, current_viewer


@callback(
    output=dict(
        incoming=Output(ids.COUNTER_INCOMING, "children"),
        planned=Output(ids.COUNTER_PLANNED, "children"),
        today=Output(ids.COUNTER_TODAY, "children"),
    ),
    inputs=dict(
        _tick=Input(ids.COUNTERS_TICK, "n_intervals"), _refresh=Input(ids.COUNTERS_REFRESH, "data")
    ),
)
def show_counters(_tick, _refresh):
    with current_db().session() as s:
        shown = counters(s, current_viewer(), clock.now())
    return dict(incoming=str(shown.incoming), planned=str(shown.planned), today=str(shown.today))


# /notes: a save, a completion or a bulk change bumps notes-refresh; the counters follow.
clientside(
    "function(n) { return n; }",
    Output(ids.COUNTERS_REFRESH, "data"),
    Input(ids.NOTES_REFRESH, "data"),
    prevent_initial_call=True,
)
