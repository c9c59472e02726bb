"""/settings: save the user's own settings; the counters follow at once."""

from __future__ import annotations

from dash import Input, Output, State, no_update

from callbacks.common import alert, bump
from callbacks.refusals import field_texts
from callbacks.registry import callback
from components import ids
from components.i18n import _
from data.errors import InvalidInput
from data.preferences import update_preferences
from web.context import current_db, current_viewer

FIELDS = ("time_zone", "threshold", "counter_mode", "locale")
NO_ERRORS = {field: "" for field in FIELDS}


@callback(
    output=dict(
        message=Output(ids.SETTINGS_MESSAGE, "children"),
        errors={field: Output(f"settings-error-{field}", "children") for field in FIELDS},
        counters=Output(ids.COUNTERS_REFRESH, "data", allow_duplicate=True),
        reload=Output(ids.SETTINGS_RELOAD, "href"),
    ),
    inputs=dict(_save=Input(ids.SETTINGS_SAVE, "n_clicks")),
    state=dict(
        chosen=dict(
            time_zone=State(ids.SETTINGS_TIME_ZONE, "value"),
            threshold=State(ids.SETTINGS_THRESHOLD, "value"),
            counter_mode=State(ids.SETTINGS_COUNTER_MODE, "value"),
            locale=State(ids.SETTINGS_LOCALE, "value"),
        ),
        refresh=State(ids.COUNTERS_REFRESH, "data"),
    ),
    prevent_initial_call=True,
)
def save(_save, chosen, refresh) -> dict:
    viewer = current_viewer()
    try:
        with current_db().session() as s:
            update_preferences(s, viewer, **chosen)
    except InvalidInput as refused:
        return _not_saved(refused)
    return dict(
        message=alert(_("Settings saved."), "success"),
        errors=NO_ERRORS,
        counters=bump(refresh),
        # A new language needs the page drawn again; the rest follows in place.
        reload="/settings" if chosen["locale"] != viewer.locale else no_update,
    )


def _not_saved(refused: InvalidInput) -> dict:
    """Each field's message under it; the counters and the page stay as they are."""
    return dict(
        message=alert(_("Nothing was saved: check the fields."), "danger"),
        errors=dict(zip(FIELDS, field_texts(refused, FIELDS), strict=True)),
        counters=no_update,
        reload=no_update,
    )
