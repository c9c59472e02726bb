"""Small pieces every screen's callbacks share."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import ctx
from dash.exceptions import PreventUpdate


def alert(text, colour: str) -> dbc.Alert:
    """A compact message: an error, a refusal or a confirmation."""
    return dbc.Alert(text, color=colour, className="py-2 mb-0")


def bump(value) -> int:
    """The next value of a refresh store: the callbacks listening to it run again (a value
    that is no small count, e.g. forged, starts again from 1)."""
    counted = isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 2**31
    return (value if counted else 0) + 1


def clicked() -> dict:
    """The pattern-matching id of the button that was really clicked; a list drawn again
    (its buttons back at n_clicks None or 0) fires the callback too, and stops here."""
    trigger = ctx.triggered_id
    if not trigger or not ctx.triggered[0]["value"]:
        raise PreventUpdate
    return trigger


def shown_count(text) -> int | None:
    """A count as an element shows it (`notes-total`: bare ASCII digits), else None (the
    "…" placeholder, or anything a forged request sends)."""
    return int(text) if isinstance(text, str) and text.isascii() and text.isdigit() else None
