"""The /notes filter panel. Initial values come from the URL (parsed, never queried here)."""

from __future__ import annotations

from urllib.parse import urlencode

import dash_bootstrap_components as dbc
from dash import dcc, html

from components import ids
from components.dropdown import dropdown
from components.i18n import _
from data.filters import UNASSIGNED, NoteFilter


def _placeholders(values: list) -> list[dict]:
    return [{"label": str(v), "value": v} for v in values]


def _multi(id_: str, label: str, value: list) -> html.Div:
    return html.Div(
        [
            dbc.Label(label, html_for=id_, className="small fw-semibold mb-1"),
            # The chosen values are their own options until the real labels arrive: a Dash
            # dropdown drops a value missing from its options, which would empty the filter.
            dropdown(
                id_, multi=True, value=value, options=_placeholders(value), placeholder=_("All")
            ),
        ],
        className="mb-2",
    )


def filter_panel(flt: NoteFilter) -> dbc.Card:
    reps = [*flt.reps, *([UNASSIGNED] if flt.unassigned else [])]
    return dbc.Card(
        dbc.CardBody(
            [
                html.Div(
                    [
                        html.H2(_("Filters"), className="h6 mb-0"),
                        dbc.Button(
                            [html.I(className="bi bi-x-circle me-1"), _("Reset")],
                            id=ids.FILTER_RESET,
                            color="link",
                            size="sm",
                            className="ms-auto p-0",
                        ),
                    ],
                    className="d-flex align-items-center mb-2",
                ),
                html.Div(id=ids.FILTER_ERROR, className="small text-danger mb-2", role="alert"),
                dbc.Input(
                    id=ids.FILTER_TEXT,
                    type="search",
                    value=flt.text,
                    debounce=True,
                    placeholder=_("Search text, customer, code"),
                    className="mb-2",
                    maxLength=200,
                ),
                _multi(ids.FILTER_STATUS, _("Status"), list(flt.statuses)),
                _multi(ids.FILTER_ACTION, _("Action"), list(flt.actions)),
                _multi(ids.FILTER_VARIABLE, _("Variable"), list(flt.options)),
                _multi(ids.FILTER_REP, _("Assigned to"), reps),
                _multi(ids.FILTER_CATEGORY, _("Category"), list(flt.categories)),
                html.Div(
                    [
                        dbc.Label(
                            _("Customer"),
                            html_for=ids.FILTER_CUSTOMER,
                            className="small fw-semibold mb-1",
                        ),
                        dropdown(
                            ids.FILTER_CUSTOMER,
                            multi=True,
                            value=list(flt.customers),
                            options=_placeholders(list(flt.customers)),
                            placeholder=_("Type to search"),
                        ),
                    ],
                    className="mb-2",
                ),
                dbc.Label(_("Follow-up date"), className="small fw-semibold mb-1 d-block"),
                dcc.DatePickerRange(
                    id=ids.FILTER_DATE_RANGE,
                    start_date=flt.date_from.isoformat() if flt.date_from else None,
                    end_date=flt.date_to.isoformat() if flt.date_to else None,
                    display_format="YYYY-MM-DD",
                    start_date_placeholder_text=_("From"),
                    end_date_placeholder_text=_("To"),
                    first_day_of_week=1,
                    clearable=True,
                    className="mb-3 d-block",
                ),
                dbc.Switch(
                    id=ids.FILTER_INCLUDE_COMPLETED,
                    label=_("Include completed"),
                    value=flt.completed,
                ),
                dbc.Switch(id=ids.FILTER_OVERDUE, label=_("Overdue only"), value=flt.overdue),
                dbc.Label(_("Counted by my counter"), className="small fw-semibold mb-1 mt-2"),
                dbc.RadioItems(
                    id=ids.FILTER_COUNTER,
                    options=[
                        {"label": _("All"), "value": ""},
                        {"label": _("Planned"), "value": "planned"},
                        {"label": _("Today"), "value": "today"},
                    ],
                    value=flt.counter,
                    inline=True,
                    className="small",
                ),
            ]
        ),
        className="shadow-sm filter-panel",
    )


def query_string(query: dict) -> str:
    """The page's query parameters (as Dash passes them to a layout) as a query string."""
    pairs = []
    for key, value in query.items():
        for item in value if isinstance(value, list) else [value]:
            pairs.append((key, item))
    return urlencode(pairs)
