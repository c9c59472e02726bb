"""/ — "My day": my overdue tasks and my tasks due today."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import html

from components import ids
from components.activities import activities_card
from components.counters import counters_bar
from components.exports import file_buttons
from components.i18n import _
from web.context import current_viewer

dash.register_page(__name__, path="/", title="Relance")


def task_section(title: str, icon: str, list_id: str, count_id: str, colour: str) -> dbc.Card:
    return dbc.Card(
        [
            dbc.CardHeader(
                [
                    html.I(className=f"bi {icon} me-2"),
                    html.Span(title, className="me-2"),
                    dbc.Badge(
                        "…",
                        id=count_id,
                        color=colour,
                        text_color="dark" if colour == "warning" else None,
                        pill=True,
                    ),
                ],
                className="fw-semibold",
            ),
            html.Div(id=list_id, className="list-group list-group-flush"),
        ],
        className="shadow-sm h-100",
    )


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
            my_tasks_export(),
        ]
    )


def my_tasks_export() -> html.Div:
    """My open tasks (assigned to me, not completed) as a file: the /notes filter rep=<me>."""
    query = f"rep={current_viewer().id}"
    return html.Div(
        [
            html.Span(_("Export my open tasks"), className="me-2 text-secondary small"),
            file_buttons(
                ids.EXPORT_MY_TASKS_CSV,
                f"/export/notes.csv?{query}",
                ids.EXPORT_MY_TASKS_XLSX,
                f"/export/notes.xlsx?{query}",
            ),
        ],
        className="d-flex align-items-center mt-3",
    )


def notifications_section() -> dbc.Card:
    return dbc.Card(
        [
            dbc.CardHeader(
                [
                    html.I(className="bi bi-bell me-2"),
                    html.Span(_("Notifications"), className="me-auto"),
                    dbc.Button(
                        _("Mark all as read"),
                        id=ids.MYDAY_MARK_READ,
                        color="link",
                        size="sm",
                        className="p-0",
                    ),
                ],
                className="fw-semibold d-flex align-items-center",
                id="notifications",
            ),
            html.Div(id=ids.MYDAY_NOTIFICATIONS, className="list-group list-group-flush"),
        ],
        className="shadow-sm mb-3",
    )
