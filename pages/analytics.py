"""/analytics — managers' and admins' charts: overdue trend, completion and on-time rates,
workload, ageing, notes by status / action / category. Anyone else reads "not allowed"."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import html
from flask_login import current_user

from components import ids
from components.analytics import chart_card, filter_bar
from components.i18n import _
from data.analytics_selection import ROLES

dash.register_page(__name__, path="/analytics", title="Analytics · Relance")

# Rows of cards: (chart, Bootstrap columns out of 12 on a large screen).
ROWS = (
    (("overdue-trend", 12),),
    (("workload", 6), ("completion", 6)),
    (("ageing", 6), ("by-status", 6)),
    (("by-action", 6), ("by-category", 6)),
)


def layout(**query):
    title = html.H1(_("Analytics"), className="h4 mb-3")
    if current_user.viewer.role not in ROLES:
        return html.Div(
            [
                title,
                dbc.Alert(
                    [
                        html.Strong(_("Not allowed")),
                        " — ",
                        _("Analytics are for managers and admins."),
                    ],
                    id=ids.ANALYTICS_ERROR,
                    color="danger",
                ),
            ]
        )
    return html.Div(
        [
            title,
            filter_bar(query),
            html.Div(id=ids.ANALYTICS_ERROR, className="mb-2"),
            html.Div(id=ids.ANALYTICS_SUMMARY, className="mb-3"),
            *[
                dbc.Row(
                    [dbc.Col(chart_card(chart), lg=width, className="mb-3") for chart, width in row]
                )
                for row in ROWS
            ],
        ]
    )
