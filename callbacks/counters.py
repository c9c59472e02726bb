"""Counters: every 30 seconds, on page load, and after any change the viewer makes."""

from __future__ import annotations

from dash import Dash, Input, Output

from components import ids
from data import clock
from data.counters import counters
from web.context import current_db, current_viewer


def register(app: Dash) -> None:
    @app.callback(
        Output(ids.COUNTER_INCOMING, "children"),
        Output(ids.COUNTER_PLANNED, "children"),
        Output(ids.COUNTER_TODAY, "children"),
        Input(ids.COUNTERS_TICK, "n_intervals"),
        Input(ids.COUNTERS_REFRESH, "data"),
    )
    def show_counters(_tick, _refresh):
        with current_db().session() as s:
            result = counters(s, current_viewer(), clock.now())
        return str(result.incoming), str(result.planned), str(result.today)

    # /notes: a save, a completion or a bulk change bumps notes-refresh; the counters follow.
    app.clientside_callback(
        "function(n) { return n; }",
        Output(ids.COUNTERS_REFRESH, "data"),
        Input(ids.NOTES_REFRESH, "data"),
        prevent_initial_call=True,
    )
