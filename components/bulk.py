"""The bulk reassign bar of /notes: selection, new assignee and date, preview, apply, undo."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from components import ids
from components.dropdown import dropdown
from components.i18n import _

HIDDEN = {"display": "none"}


def bulk_bar() -> dbc.Card:
    return dbc.Card(
        dbc.CardBody(
            [
                # {"fingerprint", "key"} of the last preview; the batch id that undo gives back.
                dcc.Store(id=ids.BULK_PREVIEWED, data=None),
                dcc.Store(id=ids.BULK_BATCH, data=None, storage_type="session"),
                html.Div(id="bulk-selection-sink", hidden=True),
                dbc.Row(
                    [
                        dbc.Col(
                            html.Div(
                                [
                                    html.I(className="bi bi-people me-2"),
                                    html.Span(_("Bulk reassign"), className="fw-semibold me-2"),
                                    dbc.Badge(
                                        "0", id=ids.BULK_SELECTED, color="primary", pill=True
                                    ),
                                    html.Span(_("ticked"), className="small ms-1 me-3"),
                                    dbc.Checkbox(
                                        id=ids.BULK_ALL_MATCHING,
                                        value=False,
                                        label=_("All matching this filter"),
                                        className="small mb-0",
                                    ),
                                ],
                                className="d-flex align-items-center flex-wrap",
                            ),
                            lg=12,
                            className="mb-1",
                        ),
                        dbc.Col(
                            [
                                dropdown(
                                    ids.BULK_REP,
                                    options=[],
                                    placeholder=_("New assignee"),
                                    multi=False,
                                ),
                                html.Div(id=ids.BULK_REP_ERROR, className="field-error"),
                            ],
                            md=4,
                        ),
                        dbc.Col(
                            [
                                dbc.InputGroup(
                                    [
                                        dbc.Input(id=ids.BULK_DATE, type="date", size="sm"),
                                        dbc.Input(id=ids.BULK_TIME, type="time", size="sm"),
                                    ],
                                    size="sm",
                                ),
                                html.Div(
                                    _("New follow-up date (empty: keep each one)"),
                                    className="form-text mt-0",
                                ),
                                html.Div(id=ids.BULK_DATE_ERROR, className="field-error"),
                            ],
                            md=4,
                        ),
                        dbc.Col(
                            html.Div(
                                [
                                    dbc.Button(
                                        _("Preview"),
                                        id=ids.BULK_PREVIEW,
                                        color="secondary",
                                        outline=True,
                                        size="sm",
                                        className="me-2",
                                    ),
                                    dbc.Button(
                                        [
                                            html.I(className="bi bi-arrow-left-right me-1"),
                                            _("Reassign"),
                                        ],
                                        id=ids.BULK_SUBMIT,
                                        color="primary",
                                        size="sm",
                                    ),
                                ],
                                className="d-flex",
                            ),
                            md=4,
                        ),
                    ],
                    className="g-2 align-items-start",
                ),
                html.Div(
                    [
                        html.Div(id=ids.BULK_RESULT, className="small flex-grow-1"),
                        dbc.Button(
                            [html.I(className="bi bi-arrow-counterclockwise me-1"), _("Undo")],
                            id=ids.BULK_UNDO,
                            color="warning",
                            size="sm",
                            style=HIDDEN,
                            className="ms-2",
                        ),
                    ],
                    className="d-flex align-items-start mt-1",
                ),
            ],
            className="py-2",
        ),
        className="shadow-sm mb-2 bulk-bar",
    )
