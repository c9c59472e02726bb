"""Incoming activities on My day and /board: list, close (the counters follow)."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import ALL, Dash, Input, Output, State, ctx, html
from dash.exceptions import PreventUpdate

from components import ids
from components.activities import activity_item
from components.i18n import _
from data import clock
from data.activities import close_activity, open_incoming
from data.errors import NotAllowed
from web.context import current_db, current_viewer


def register(app: Dash) -> None:
    @app.callback(
        Output(ids.ACTIVITIES_LIST, "children"),
        Output(ids.ACTIVITIES_COUNT, "children"),
        Input(ids.COUNTERS_TICK, "n_intervals"),
        Input(ids.COUNTERS_REFRESH, "data"),
    )
    def show(_tick, _refresh):
        viewer = current_viewer()
        with current_db().session() as s:
            total, rows = open_incoming(s, viewer)
        items = [activity_item(row, viewer) for row in rows]
        if not items:
            items = [html.Div(_("No open incoming activity."), className="list-group-item")]
        elif total > len(rows):
            items.append(
                html.Div(
                    _("showing {shown} of {total}", shown=len(rows), total=total),
                    className="list-group-item small text-secondary",
                )
            )
        return items, str(total)

    @app.callback(
        Output(ids.COUNTERS_REFRESH, "data", allow_duplicate=True),
        Output(ids.ACTIVITIES_MESSAGE, "children"),
        Input({"type": "activity-close", "id": ALL}, "n_clicks"),
        State(ids.COUNTERS_REFRESH, "data"),
        prevent_initial_call=True,
    )
    def close(_clicks, refresh):
        trigger = ctx.triggered_id
        if not trigger or not ctx.triggered[0]["value"]:
            raise PreventUpdate
        try:
            with current_db().session() as s:
                close_activity(s, current_viewer(), int(trigger["id"]), clock.now())
        except (NotAllowed, ValueError, TypeError):
            alert = dbc.Alert(_("Not allowed"), color="danger", className="py-1 mb-0 small")
            return (refresh or 0) + 1, alert
        return (refresh or 0) + 1, ""
