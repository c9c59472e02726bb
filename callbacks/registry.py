"""Callbacks are module-level functions, marked with `@callback(...)` / `clientside(...)`
and attached to an app by `register(app)`.

Marking instead of registering on import keeps each function callable by tests, and lets
several apps live in one process (the tests build one per test): every app gets every
callback. Prefer named outputs and inputs (`output=dict(...)`, `inputs=dict(...)`).
"""

from __future__ import annotations

from collections.abc import Callable

from dash import Dash

_SERVER: list[tuple[Callable, tuple, dict]] = []
_CLIENT: list[tuple[str, tuple, dict]] = []


def callback(*args, **kwargs) -> Callable[[Callable], Callable]:
    """Mark a server callback; the arguments are Dash's `app.callback` arguments."""

    def mark(function: Callable) -> Callable:
        _SERVER.append((function, args, kwargs))
        return function

    return mark


def clientside(function: str, *args, **kwargs) -> None:
    """Mark a clientside callback (a JavaScript function, usually in assets/)."""
    _CLIENT.append((function, args, kwargs))


def register(app: Dash) -> None:
    for function, args, kwargs in _SERVER:
        app.callback(*args, **kwargs)(function)
    for function, args, kwargs in _CLIENT:
        app.clientside_callback(function, *args, **kwargs)
