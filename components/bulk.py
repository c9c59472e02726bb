"""The bulk reassign bar of /notes: selection, new assignee and date, preview, apply, undo."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from components import ids
from components.dropdown import dropdown
from components.i18n import _, n_
from components.widgets import date_field, hidden_label, icon_button
from data.bulk import Preview

HIDDEN = {"display": "none"}
SHOWN: dict = {}


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
                                    html.Span(
                                        n_("ticked", "ticked", 0),
                                        id=ids.BULK_SELECTED_LABEL,
                                        className="small ms-1 me-3",
                                    ),
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
                                html.Div(
                                    [
                                        date_field(ids.BULK_DATE, size="relance-date-sm"),
                                        dbc.Input(
                                            id=ids.BULK_TIME,
                                            type="time",
                                            size="sm",
                                        ),
                                    ],
                                    className="date-time",
                                ),
                                hidden_label(_("New follow-up date"), ids.BULK_DATE),
                                hidden_label(_("New follow-up time"), ids.BULK_TIME),
                                html.Div(
                                    _("New follow-up date (empty: keep each one)"),
                                    className="form-text mt-0",
                                ),
                                html.Div(id=ids.BULK_DATE_ERROR, className="field-error"),
                            ],
                            md=5,
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
                                className="d-flex flex-wrap gap-1",
                            ),
                            md=3,
                        ),
                    ],
                    className="g-2 align-items-start",
                ),
                html.Div(
                    [
                        html.Div(id=ids.BULK_RESULT, className="small flex-grow-1"),
                        icon_button(
                            "arrow-counterclockwise",
                            _("Undo"),
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


def preview_lines(
    p: Preview, assignee: str | None, due_text: str | None, blocked: list[str]
) -> list[html.Div]:
    """What a preview says: how many tasks go to whom, and what blocks the change
    (`blocked`: one text per reason)."""
    lines = [
        html.Div(
            [
                html.Strong(n_("Preview: {n} task", "Preview: {n} tasks", p.tasks)),
                html.Span(" → " + assignee if assignee else "", className="fw-semibold"),
                html.Span(
                    " · " + _("new follow-up {date}", date=due_text) if due_text else "",
                ),
            ]
        )
    ]
    if p.per_assignee:
        people = " · ".join(f"{name}: {n}" for _id, name, n in p.per_assignee)
        lines.append(html.Div(_("Assigned now to: {people}", people=people)))
    if p.blocked:
        lines.append(
            html.Div(
                [
                    html.Strong(_("Cannot be changed:") + " "),
                    *[html.Div(text) for text in blocked],
                    html.Div(_("Nothing will change until they are left out of the selection.")),
                ],
                className="text-danger mt-1",
            )
        )
    elif p.tasks:
        lines.append(html.Div(_("Nothing has changed yet."), className="text-secondary"))
    else:
        lines.append(html.Div(_("There is no open task in this selection.")))
    return lines


def undo_lines(restored: int, not_restored: list[str]) -> list:
    """What an undo says: how many tasks went back, and why the others did not."""
    details = [html.Div(text) for text in not_restored]
    if details:
        details.insert(0, html.Div(_("Not restored:")))
    done = n_(
        "Undone: {n} task is back with its previous assignee.",
        "Undone: {n} tasks are back with their previous assignee.",
        restored,
    )
    return [html.Strong(done), *details]
