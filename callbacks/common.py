"""Small pieces every screen's callbacks share."""

from __future__ import annotations

import dash_bootstrap_components as dbc


def alert(text, colour: str) -> dbc.Alert:
    """A compact message: an error, a refusal or a confirmation."""
    return dbc.Alert(text, color=colour, className="py-2 mb-0")


def bump(value) -> int:
    """The next value of a refresh store: the callbacks listening to it run again."""
    return (value or 0) + 1
