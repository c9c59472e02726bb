"""/ — "My day": my tasks as my counters count them (Planned, Today), a manager's team
apart, the notifications and the incoming activities."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import html

from components import ids
from components.activities import activities_card
from components.counters import counters_bar
from components.i18n import _
from components.myday import my_tasks_export, notifications_section, task_section
from web.context import current_viewer

dash.register_page(__name__, path="/", title="Relance")


def layout(**_query):
    return html.Div(
        [
            html.Div(
                [
                    html.H1(id=ids.MYDAY_GREETING, className="h3 mb-1 me-auto"),
                    counters_bar(activities_here=True),
                ],
                className="d-flex align-items-center flex-wrap",
            ),
            notifications_section(),
            html.H2(_("My tasks"), className="h5 mb-1"),
            html.P(id=ids.MYDAY_SCOPE, className="text-secondary small mb-2"),
            dbc.Row(
                [
                    dbc.Col(
                        task_section(
                            _("Planned"),
                            "bi-exclamation-octagon-fill text-danger",
                            ids.MYDAY_PLANNED,
                            ids.MYDAY_PLANNED_COUNT,
                            "danger",
                            _("Overdue or due within your planned threshold: your Planned counter"),
                        ),
                        lg=6,
                        className="mb-3",
                    ),
                    dbc.Col(
                        task_section(
                            _("Today"),
                            "bi-calendar-day text-warning",
                            ids.MYDAY_TODAY,
                            ids.MYDAY_TODAY_COUNT,
                            "warning",
                            _("Due today, and activities received today: your Today counter"),
                        ),
                        lg=6,
                        className="mb-3",
                    ),
                ]
            ),
            html.Div(id=ids.MYDAY_TEAM),
            activities_card(),
            my_tasks_export(current_viewer().id),
        ]
    )
