"""/ — "My day": my overdue tasks and my tasks due today."""

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
            html.P(id=ids.MYDAY_SCOPE, className="text-secondary"),
            notifications_section(),
            dbc.Row(
                [
                    dbc.Col(
                        task_section(
                            _("Overdue"),
                            "bi-exclamation-octagon-fill text-danger",
                            ids.MYDAY_OVERDUE,
                            ids.MYDAY_OVERDUE_COUNT,
                            "danger",
                        ),
                        lg=6,
                        className="mb-3",
                    ),
                    dbc.Col(
                        task_section(
                            _("Due today"),
                            "bi-calendar-day text-warning",
                            ids.MYDAY_TODAY,
                            ids.MYDAY_TODAY_COUNT,
                            "warning",
                        ),
                        lg=6,
                        className="mb-3",
                    ),
                ]
            ),
            activities_card(),
            my_tasks_export(current_viewer().id),
        ]
    )
