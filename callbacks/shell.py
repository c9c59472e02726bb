"""The frame of every page: on phones the navbar's toggler shows and hides its links."""

from __future__ import annotations

from dash import Input, Output, State

from callbacks.registry import clientside
from components import ids

clientside(
    "function(n, open) { return window.dash_clientside.relance_frame.toggleNavbar(n, open); }",
    output=[
        Output(ids.NAVBAR_LINKS, "is_open"),
        Output(ids.NAVBAR_TOGGLER, "aria-expanded"),
    ],
    inputs=[Input(ids.NAVBAR_TOGGLER, "n_clicks")],
    state=[State(ids.NAVBAR_LINKS, "is_open")],
    prevent_initial_call=True,
)
