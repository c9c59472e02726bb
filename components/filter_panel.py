"""The /notes filter panel. Initial values come from the URL (parsed, never queried here)."""

from __future__ import annotations

from urllib.parse import urlencode

import dash_bootstrap_components as dbc
from dash import dcc, html

from components import ids
from components.dropdown import dropdown
from components.i18n import _, picker
from components.widgets import icon_button
from data.filters import UNASSIGNED, NoteFilter

# The panel's controls, by the names NoteFilter.from_panel knows them by.
PANEL_FIELDS = {
    "status": (ids.FILTER_STATUS, "value"),
    "action": (ids.FILTER_ACTION, "value"),
    "option": (ids.FILTER_VARIABLE, "value"),
    "rep": (ids.FILTER_REP, "value"),
    "category": (ids.FILTER_CATEGORY, "value"),
    "customer": (ids.FILTER_CUSTOMER, "value"),
    "start": (ids.FILTER_DATE_RANGE, "start_date"),
    "end": (ids.FILTER_DATE_RANGE, "end_date"),
    "completed": (ids.FILTER_INCLUDE_COMPLETED, "value"),
    "overdue": (ids.FILTER_OVERDUE, "value"),
    "text": (ids.FILTER_TEXT, "value"),
    "counter": (ids.FILTER_COUNTER, "value"),
}


def panel_values(flt: NoteFilter) -> dict:
    """What each control of the panel shows for `flt` (the inverse of NoteFilter.from_panel)."""
    return {
        "status": list(flt.statuses),
        "action": list(flt.actions),
        "option": list(flt.options),
        "rep": [*flt.reps, *([UNASSIGNED] if flt.unassigned else [])],
        "category": list(flt.categories),
        "customer": list(flt.customers),
        "start": flt.date_from.isoformat() if flt.date_from else None,
        "end": flt.date_to.isoformat() if flt.date_to else None,
        "completed": flt.completed,
        "overdue": flt.overdue,
        "text": flt.text,
        "counter": flt.counter,
    }


def filter_errors(texts: list[str]) -> list[html.Div]:
    """The messages of the filter's bad parameters, one a line, above the panel."""
    return [html.Div(text) for text in texts]


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
    values = panel_values(flt)
    return dbc.Card(
        dbc.CardBody(
            [
                html.Div(
                    [
                        html.H2(_("Filters"), className="h6 mb-0"),
                        icon_button(
                            "x-circle",
                            _("Reset"),
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
                    value=values["text"],
                    # Searched as the user types, once they pause.
                    debounce=0.3,
                    placeholder=_("Search text, customer, code"),
                    className="mb-2",
                    maxLength=200,
                ),
                _multi(ids.FILTER_STATUS, _("Status"), values["status"]),
                _multi(ids.FILTER_ACTION, _("Action"), values["action"]),
                _multi(ids.FILTER_VARIABLE, _("Variable"), values["option"]),
                _multi(ids.FILTER_REP, _("Assigned to"), values["rep"]),
                _multi(ids.FILTER_CATEGORY, _("Category"), values["category"]),
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
                            value=values["customer"],
                            options=_placeholders(values["customer"]),
                            placeholder=_("Type to search"),
                        ),
                    ],
                    className="mb-2",
                ),
                dbc.Label(_("Follow-up date"), className="small fw-semibold mb-1 d-block"),
                dcc.DatePickerRange(
                    id=ids.FILTER_DATE_RANGE,
                    start_date=values["start"],
                    end_date=values["end"],
                    start_date_placeholder_text=_("From"),
                    end_date_placeholder_text=_("To"),
                    **picker(),
                    clearable=True,
                    className="mb-3",
                ),
                dbc.Switch(
                    id=ids.FILTER_INCLUDE_COMPLETED,
                    label=_("Include completed"),
                    value=values["completed"],
                ),
                dbc.Switch(id=ids.FILTER_OVERDUE, label=_("Overdue only"), value=values["overdue"]),
                dbc.Label(_("Counted by my counter"), className="small fw-semibold mb-1 mt-2"),
                dbc.RadioItems(
                    id=ids.FILTER_COUNTER,
                    options=[
                        {"label": _("All"), "value": ""},
                        {"label": _("Planned"), "value": "planned"},
                        {"label": _("Today"), "value": "today"},
                    ],
                    value=values["counter"],
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
