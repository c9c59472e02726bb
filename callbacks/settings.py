"""/settings: save the user's own settings; the counters follow at once."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, State, no_update

from components import ids
from components.i18n import _
from data.errors import InvalidInput
from data.preferences import update_preferences
from web.context import current_db, current_viewer

FIELDS = ("time_zone", "threshold", "counter_mode", "locale")


def register(app: Dash) -> None:
    @app.callback(
        Output(ids.SETTINGS_MESSAGE, "children"),
        *[Output(f"settings-error-{field}", "children") for field in FIELDS],
        Output(ids.COUNTERS_REFRESH, "data", allow_duplicate=True),
        Output(ids.SETTINGS_RELOAD, "href"),
        Input(ids.SETTINGS_SAVE, "n_clicks"),
        State(ids.SETTINGS_TIME_ZONE, "value"),
        State(ids.SETTINGS_THRESHOLD, "value"),
        State(ids.SETTINGS_COUNTER_MODE, "value"),
        State(ids.SETTINGS_LOCALE, "value"),
        State(ids.COUNTERS_REFRESH, "data"),
        prevent_initial_call=True,
    )
    def save(_n, time_zone, threshold, mode, locale, refresh):
        viewer = current_viewer()
        try:
            with current_db().session() as s:
                update_preferences(
                    s,
                    viewer,
                    time_zone=time_zone,
                    threshold=threshold,
                    counter_mode=mode,
                    locale=locale,
                )
        except InvalidInput as exc:
            errors = [
                exc.errors[f].translated(viewer.locale) if f in exc.errors else "" for f in FIELDS
            ]
            alert = dbc.Alert(
                _("Nothing was saved: check the fields."), color="danger", className="py-2"
            )
            return alert, *errors, no_update, no_update
        alert = dbc.Alert(_("Settings saved."), color="success", className="py-2")
        # A new language needs the page drawn again; the rest follows in place.
        reload = "/settings" if locale != viewer.locale else no_update
        return alert, "", "", "", "", (refresh or 0) + 1, reload
