"""/settings — everyone's own settings: time zone, planned threshold, counter mode, language.

(The admin settings of DESIGN.md — statuses, actions, users, teams — come with their issue.)
"""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html
from flask_login import current_user

from components import ids
from components.counters import counters_bar
from components.i18n import _
from components.widgets import label_target
from data.preferences import MAX_THRESHOLD, MIN_THRESHOLD, time_zones

dash.register_page(__name__, path="/settings", title="Settings · Relance")


def _field(label: str, control, field: str, help_text: str | None = None) -> html.Div:
    return html.Div(
        [
            dbc.Label(label, html_for=label_target(control), className="fw-semibold small mb-1"),
            control,
            html.Div(help_text, className="form-text") if help_text else None,
            html.Div(id=f"settings-error-{field}", className="field-error"),
        ],
        className="mb-3",
    )


def layout(**_query):
    viewer = current_user.viewer
    return html.Div(
        [
            dcc.Location(id=ids.SETTINGS_RELOAD, refresh=True),
            html.Div(
                [html.H1(_("My settings"), className="h4 mb-0 me-auto"), counters_bar()],
                className="d-flex align-items-center flex-wrap mb-3",
            ),
            dbc.Card(
                dbc.CardBody(
                    [
                        _field(
                            _("Time zone"),
                            dcc.Dropdown(
                                id=ids.SETTINGS_TIME_ZONE,
                                options=time_zones(),
                                value=viewer.time_zone,
                                clearable=False,
                            ),
                            "time_zone",
                            _('"Today" and the dates you see follow it.'),
                        ),
                        _field(
                            _("Planned threshold (minutes)"),
                            dbc.Input(
                                id=ids.SETTINGS_THRESHOLD,
                                type="number",
                                min=MIN_THRESHOLD,
                                max=MAX_THRESHOLD,
                                step=1,
                                value=viewer.planned_threshold_minutes,
                            ),
                            "threshold",
                            _("Planned counts the tasks overdue or due within this delay."),
                        ),
                        _field(
                            _("Counter mode"),
                            dbc.RadioItems(
                                id=ids.SETTINGS_COUNTER_MODE,
                                options=[
                                    {
                                        "label": _("Activity responsible: my tasks and activities"),
                                        "value": "activity",
                                    },
                                    {
                                        "label": _(
                                            "Item responsible: everything on my customers, "
                                            "whoever is assigned"
                                        ),
                                        "value": "item",
                                    },
                                ],
                                value=viewer.counter_mode,
                            ),
                            "counter_mode",
                        ),
                        _field(
                            _("Language"),
                            dbc.RadioItems(
                                id=ids.SETTINGS_LOCALE,
                                options=[
                                    {"label": "Français", "value": "fr"},
                                    {"label": "English", "value": "en"},
                                ],
                                value=viewer.locale,
                                inline=True,
                            ),
                            "locale",
                        ),
                        dbc.Button(_("Save"), id=ids.SETTINGS_SAVE, color="primary"),
                        html.Div(id=ids.SETTINGS_MESSAGE, className="mt-3"),
                    ]
                ),
                className="shadow-sm",
                style={"maxWidth": "640px"},
            ),
        ]
    )
