"""/board — open tasks in columns by due date, the counters, the employees' counters."""

from __future__ import annotations

import dash
from dash import dcc, html

from components import ids
from components.activities import activities_card
from components.board import column, move_menu
from components.counters import counters_bar
from components.filter_panel import query_string
from components.i18n import _
from data.board import COLUMNS

dash.register_page(__name__, path="/board", title="Board · Relance")


def layout(**query):
    return html.Div(
        [
            dcc.Store(id=ids.BOARD_QUERY, data=query_string(query)),
            dcc.Store(id=ids.BOARD_REFRESH, data=0),
            dcc.Store(id=ids.BOARD_LIMITS, data={}),
            dcc.Store(id=ids.BOARD_MOVE),
            dcc.Store(id=ids.BOARD_CARDS),
            dcc.Store(id=ids.BOARD_UNDO_TARGET),
            html.Div(
                [
                    html.H1(_("Board"), className="h4 mb-0 me-3"),
                    html.Div(id=ids.BOARD_FILTER_NOTE, className="small text-secondary me-auto"),
                    counters_bar(activities_here=True),
                ],
                className="d-flex align-items-center flex-wrap mb-2",
            ),
            # A manager's first look: each employee's counters, above the columns.
            html.Div(id=ids.EMPLOYEES_SECTION),
            html.Div(id=ids.BOARD_MESSAGE, className="mb-2"),
            html.Div([column(c) for c in COLUMNS], id=ids.BOARD, className="board"),
            move_menu(),
            html.Div(activities_card(), className="mt-3"),
        ]
    )
