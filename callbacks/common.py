"""Small pieces every screen's callbacks share."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import ctx
from dash.exceptions import PreventUpdate


def alert(text, colour: str) -> dbc.Alert:
    """A compact message: an error, a refusal or a confirmation."""
    return dbc.Alert(text, color=colour, className="py-2 mb-0")


def bump(value) -> int:
    """The next value of a refresh store: the callbacks listening to it run again."""
    return (value or 0) + 1


def clicked() -> dict:
    """The pattern-matching id of the button that was really clicked; a list drawn again
    (its buttons back at n_clicks None or 0) fires the callback too, and stops here."""
    trigger = ctx.triggered_id
    if not trigger or not ctx.triggered[0]["value"]:
        raise PreventUpdate
    return trigger
