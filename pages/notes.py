"""/notes — the CRM Notes page: filter panel, overdue section, grid, note form."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html

from components import ids
from components.bulk import bulk_bar
from components.counters import counters_bar
from components.exports import export_menu
from components.filter_panel import filter_panel, query_string
from components.i18n import _
from components.note_form import note_modal
from components.notes_frame import (
    BULK,
    OVERDUE,
    filters_button,
    filters_column,
    fold_button,
    fold_state,
    page_class,
)
from components.notes_grid import notes_grid
from components.widgets import icon_button, link_button
from data.filters import NoteFilter
from web.context import current_viewer

dash.register_page(__name__, path="/notes", title="Notes · Relance")


def overdue_section(folded: tuple[str, ...]) -> dbc.Card:
    return dbc.Card(
        dbc.CardBody(
            [
                html.Div(
                    [
                        html.I(className="bi bi-exclamation-octagon-fill text-danger me-2"),
                        html.Span(_("Overdue"), className="fw-semibold me-2"),
                        dbc.Badge("0", id=ids.OVERDUE_COUNT, color="danger", pill=True),
                        link_button(
                            _("Show only overdue"), ids.OVERDUE_SHOW, "ms-auto text-danger"
                        ),
                        fold_button(OVERDUE, folded, _("Fold or unfold the overdue list")),
                    ],
                    className="d-flex align-items-center",
                ),
                # It scrolls past its first rows: a keyboard must be able to reach it.
                html.Div(
                    id=ids.OVERDUE_LIST,
                    className="list-group list-group-flush mt-1",
                    tabIndex="0",
                    role="region",
                    **{"aria-label": _("Overdue tasks")},
                ),
            ],
            className="py-2",
        ),
        className="shadow-sm mb-2 overdue-section",
    )


def layout(**query):
    flt = NoteFilter.from_query(query)
    folded = current_viewer().folded_panels
    return html.Div(
        [
            # The raw query of the URL: its bad parameters are reported, its valid part applies.
            dcc.Store(id=ids.NOTES_QUERY, data=query_string(query)),
            # The filter the grid and the totals read: parsed here, checked once on load.
            dcc.Store(id=ids.NOTES_FILTER, data=flt.to_query()),
            dcc.Store(id=ids.NOTES_REFRESH, data=0),
            # "Create a task" from an incoming activity opens the form pre-filled.
            dcc.Store(id=ids.NOTE_PREFILL, data=query.get("task_from")),
            *fold_state(folded),
            # A link to one note (My day, the board, a notification) opens it in the form.
            dcc.Store(id=ids.NOTE_OPEN, data=query.get("note")),
            html.Div(id="notes-url-sink", hidden=True),
            html.Div(id="notes-grid-sink", hidden=True),
            html.Div(id="notes-count-sink", hidden=True),
            dbc.Row(
                [
                    filters_column(filter_panel(flt)),
                    dbc.Col(
                        [
                            html.Div(
                                [
                                    filters_button(folded),
                                    html.H1(_("Notes"), className="h4 mb-0 me-2"),
                                    dbc.Badge(
                                        "…", id=ids.NOTES_TOTAL, color="secondary", pill=True
                                    ),
                                    html.Span(
                                        id=ids.NOTES_TOTAL_LABEL,
                                        className="small text-secondary ms-1 text-nowrap",
                                    ),
                                    html.Div(id=ids.NOTES_FLASH, className="ms-3 small"),
                                    html.Div(counters_bar(), className="ms-auto notes-counters"),
                                    icon_button(
                                        "plus-lg",
                                        _("New note"),
                                        id=ids.NOTE_NEW,
                                        color="primary",
                                        className="text-nowrap",
                                    ),
                                ],
                                className="d-flex flex-wrap align-items-center gap-1 mb-2 "
                                "notes-header",
                            ),
                            overdue_section(folded),
                            html.Div(
                                [
                                    html.Div(
                                        [
                                            fold_button(
                                                BULK, folded, _("Fold or unfold bulk reassign")
                                            ),
                                            bulk_bar(),
                                        ],
                                        className="notes-bulk",
                                    ),
                                    export_menu(),
                                ],
                                className="notes-toolbar",
                            ),
                            notes_grid(flt.sort),
                        ],
                        lg=9,
                        className="notes-main-col",
                    ),
                ]
            ),
            note_modal(),
        ],
        id=ids.NOTES_PAGE,
        className=page_class(folded),
    )
