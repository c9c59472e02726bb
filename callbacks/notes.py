"""/notes: filter panel <-> URL, grid blocks, totals and the overdue section."""

from __future__ import annotations

from dash import Dash, Input, Output, State, ctx, html, no_update

from components import ids
from components.i18n import _
from components.notes_grid import SORTABLE, column_defs
from components.tasks import excerpt
from data import clock, lookups
from data.filters import UNASSIGNED, NoteFilter
from data.notes import count_notes, list_notes, overdue_section, variable_columns
from web.context import current_db, current_viewer

FILTER_VALUES = (
    (ids.FILTER_STATUS, "value"),
    (ids.FILTER_ACTION, "value"),
    (ids.FILTER_VARIABLE, "value"),
    (ids.FILTER_REP, "value"),
    (ids.FILTER_CATEGORY, "value"),
    (ids.FILTER_CUSTOMER, "value"),
    (ids.FILTER_DATE_RANGE, "start_date"),
    (ids.FILTER_DATE_RANGE, "end_date"),
    (ids.FILTER_INCLUDE_COMPLETED, "value"),
    (ids.FILTER_OVERDUE, "value"),
    (ids.FILTER_TEXT, "value"),
    (ids.FILTER_COUNTER, "value"),
)


def filter_from_panel(values: tuple, sort: str) -> NoteFilter:
    status, action, option, rep, category, customer, start, end, completed, overdue, text = values[
        :11
    ]
    counter = values[11] if len(values) > 11 else ""
    rep = rep or []
    query = {
        "status": [str(v) for v in status or []],
        "action": [str(v) for v in action or []],
        "option": [str(v) for v in option or []],
        "rep": [str(v) for v in rep],
        "category": [str(v) for v in category or []],
        "customer": [str(v) for v in customer or []],
        "from": [start[:10]] if start else [],
        "to": [end[:10]] if end else [],
        "completed": ["1"] if completed else [],
        "overdue": ["1"] if overdue else [],
        "q": [text] if text else [],
        "counter": [counter] if counter else [],
        "sort": [sort],
    }
    return NoteFilter.from_query({k: v for k, v in query.items() if v})


def overdue_item(row: dict) -> html.Div:
    return html.Div(
        [
            html.Span(row["due_at"], className="text-danger small me-2"),
            html.Span(row["customer"] or _("General note"), className="fw-semibold me-2"),
            html.Span(excerpt(row["body"], 90), className="small"),
            html.Span(row["assignee"] or "", className="small text-secondary ms-auto"),
        ],
        id={"type": "overdue-open", "id": row["id"]},
        className="list-group-item list-group-item-action d-flex overdue-item px-1 py-1",
        n_clicks=0,
    )


def register(app: Dash) -> None:
    @app.callback(
        Output(ids.FILTER_STATUS, "options"),
        Output(ids.FILTER_ACTION, "options"),
        Output(ids.FILTER_VARIABLE, "options"),
        Output(ids.FILTER_REP, "options"),
        Output(ids.FILTER_CATEGORY, "options"),
        Output(ids.FILTER_CUSTOMER, "options"),
        Output(ids.NOTES_GRID, "columnDefs"),
        Input(ids.NOTES_GRID, "id"),
        State(ids.FILTER_CUSTOMER, "value"),
    )
    def load_lists(_grid, customers):
        viewer = current_viewer()
        with current_db().session() as s:
            people = lookups.people_filter(s, viewer)
            return (
                lookups.statuses(s),
                lookups.actions(s),
                lookups.variable_filter_options(s),
                [{"label": _("Unassigned"), "value": UNASSIGNED}, *people],
                lookups.categories(s),
                lookups.customers_by_id(s, [int(c) for c in customers or [] if str(c).isdigit()]),
                column_defs(variable_columns(s)),
            )

    @app.callback(
        Output(ids.FILTER_CUSTOMER, "options", allow_duplicate=True),
        Input(ids.FILTER_CUSTOMER, "search_value"),
        State(ids.FILTER_CUSTOMER, "value"),
        prevent_initial_call=True,
    )
    def search_filter_customer(text, selected):
        if not text:
            return no_update
        chosen = [int(c) for c in selected or [] if str(c).isdigit()]
        with current_db().session() as s:
            return lookups.customer_choices(s, text, chosen)

    @app.callback(
        Output(ids.NOTES_QUERY, "data"),
        [Input(component, prop) for component, prop in FILTER_VALUES],
        State(ids.NOTES_QUERY, "data"),
        prevent_initial_call=True,
    )
    def panel_to_query(*args):
        *values, current = args
        sort = NoteFilter.from_query(current or "").sort
        query = filter_from_panel(tuple(values), sort).to_query()
        return no_update if query == current else query

    @app.callback(
        [Output(component, prop, allow_duplicate=True) for component, prop in FILTER_VALUES],
        Input(ids.FILTER_RESET, "n_clicks"),
        Input(ids.OVERDUE_SHOW, "n_clicks"),
        prevent_initial_call=True,
    )
    def reset_or_overdue(_reset, _overdue):
        if ctx.triggered_id == ids.OVERDUE_SHOW:
            values = [no_update] * len(FILTER_VALUES)
            values[9] = True
            return values
        return [[], [], [], [], [], [], None, None, False, False, "", ""]

    app.clientside_callback(
        "function(query) { return window.dash_clientside.relance.syncUrl(query); }",
        Output("notes-url-sink", "children"),
        Input(ids.NOTES_QUERY, "data"),
        prevent_initial_call=True,
    )

    app.clientside_callback(
        "function(q, r) { return window.dash_clientside.relance.refreshGrid(q, r, 'notes-grid'); }",
        Output("notes-grid-sink", "children"),
        Input(ids.NOTES_QUERY, "data"),
        Input(ids.NOTES_REFRESH, "data"),
        prevent_initial_call=True,
    )

    @app.callback(
        Output(ids.NOTES_GRID, "getRowsResponse"),
        Input(ids.NOTES_GRID, "getRowsRequest"),
        State(ids.NOTES_QUERY, "data"),
        prevent_initial_call=True,
    )
    def grid_block(request, query):
        if not request:
            return no_update
        viewer, now = current_viewer(), clock.now()
        start = max(0, int(request.get("startRow") or 0))
        end = max(start, int(request.get("endRow") or start + 100))
        sort = None
        for item in request.get("sortModel") or []:
            key = SORTABLE.get(item.get("colId"))
            if key:
                sort = key if item.get("sort") == "asc" else "-" + key
                break
        with current_db().session() as s:
            flt = NoteFilter.from_query(query or "").checked(s)
            rows = list_notes(s, viewer, flt, now, start, end - start, sort)
            total = count_notes(s, viewer, flt, now)
        return {"rowData": rows, "rowCount": total}

    @app.callback(
        Output(ids.NOTES_TOTAL, "children"),
        Output(ids.OVERDUE_COUNT, "children"),
        Output(ids.OVERDUE_LIST, "children"),
        Output(ids.FILTER_ERROR, "children"),
        Output(ids.BULK_ALL_MATCHING, "label"),
        Input(ids.NOTES_QUERY, "data"),
        Input(ids.NOTES_REFRESH, "data"),
    )
    def totals(query, _refresh):
        viewer, now = current_viewer(), clock.now()
        with current_db().session() as s:
            flt = NoteFilter.from_query(query or "").checked(s)
            total = count_notes(s, viewer, flt, now)
            overdue_total, oldest = overdue_section(s, viewer, flt, now, total=total)
        errors = [html.Div(message.translated(viewer.locale)) for message in flt.errors]
        every = _("All {n} matching this filter (their open tasks)", n=total)
        return str(total), str(overdue_total), [overdue_item(r) for r in oldest], errors, every
