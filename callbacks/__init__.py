"""Callbacks grouped by screen; each module has `register(app)`.

Registering on the app (not with the global `dash.callback`) lets tests build several
apps in one process.
"""

from __future__ import annotations

from dash import Dash

from callbacks import (
    activities,
    analytics,
    board,
    bulk,
    counters,
    exports,
    home,
    note_form,
    notes,
    settings,
    standup,
)


def register(app: Dash) -> None:
    home.register(app)
    home.register_notifications(app)
    notes.register(app)
    note_form.register(app)
    bulk.register(app)
    counters.register(app)
    board.register(app)
    settings.register(app)
    activities.register(app)
    exports.register(app)
    analytics.register(app)
    standup.register(app)
