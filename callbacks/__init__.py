"""Callbacks grouped by screen: module-level functions marked with
`callbacks.registry.callback`. Importing a module marks its callbacks; `register(app)`
attaches every marked callback to the app (tests build several apps in one process)."""

from __future__ import annotations

from dash import Dash

from callbacks import (  # noqa: F401 (imported for their marked callbacks)
    activities,
    analytics,
    board,
    bulk,
    counters,
    exports,
    home,
    note_actions,
    note_form,
    notes,
    notes_frame,
    registry,
    settings,
    shell,
    standup,
)


def register(app: Dash) -> None:
    registry.register(app)
