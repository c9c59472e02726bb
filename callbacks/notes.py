"""/notes: filter panel <-> URL, grid blocks, totals and the overdue section.

The filter is checked against the database once per change: when the page opens (the
URL's query) and when the panel changes. What passed is kept in `notes-filter` as a
canonical query, which the grid blocks and the totals only parse. `notes-query` keeps the
query as the URL holds it (bad parameters included), for the URL, the exports and the bulk
bar's "all matching".
"""

from __future__ import annotations

from dash import Input, Output, State, ctx, html, no_update

from callbacks.refusals import field_texts
from callbacks.registry import callback, clientside
from components import ids
from components.filter_panel import PANEL_FIELDS, filter_errors, panel_values
from components.i18n import _, n_
from components.notes_grid import column_defs, requested_block
from components.tasks import excerpt
from data import clock, lookups
from data.filters import UNASSIGNED, NoteFilter, replace_sort
from data.notes import list_notes, totals, variable_columns
from web.context import current_db, current_viewer

PANEL_INPUTS = {name: Input(*control) for name, control in PANEL_FIELDS.items()}
PANEL_OUTPUTS = {
    name: Output(*control, allow_duplicate=True) for name, control in PANEL_FIELDS.items()
}
URL_PANEL_OUTPUTS = {"panel_" + name: output for name, output in PANEL_OUTPUTS.items()}
PANEL_UNCHANGED = {name: no_update for name in URL_PANEL_OUTPUTS}
UNCHANGED = dict(query=no_update, checked=no_update, errors=no_update)


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


def shown_errors(flt: NoteFilter) -> list:
    """The messages of the filter's bad parameters, in the viewer's language."""
    refused = flt.refusal()
    return filter_errors(field_texts(refused, refused.errors) if refused else [])


@callback(
    output=dict(
        status=Output(ids.FILTER_STATUS, "options"),
        action=Output(ids.FILTER_ACTION, "options"),
        option=Output(ids.FILTER_VARIABLE, "options"),
        rep=Output(ids.FILTER_REP, "options"),
        category=Output(ids.FILTER_CATEGORY, "options"),
        customer=Output(ids.FILTER_CUSTOMER, "options"),
        columns=Output(ids.NOTES_GRID, "columnDefs"),
    ),
    inputs=dict(_page=Input(ids.NOTES_GRID, "id")),
    state=dict(customers=State(ids.FILTER_CUSTOMER, "value"), query=State(ids.NOTES_QUERY, "data")),
)
def load_lists(_page, customers, query):
    viewer = current_viewer()
    with current_db().session() as s:
        return dict(
            status=lookups.statuses(s),
            action=lookups.actions(s),
            option=lookups.variable_filter_options(s),
            rep=[
                {"label": _("Unassigned"), "value": UNASSIGNED},
                *lookups.people_filter(s, viewer),
            ],
            category=lookups.categories(s),
            customer=lookups.customers_by_id(s, lookups.ids_of(customers)),
            columns=column_defs(variable_columns(s), NoteFilter.from_query(query).sort),
        )


@callback(
    output=dict(options=Output(ids.FILTER_CUSTOMER, "options", allow_duplicate=True)),
    inputs=dict(text=Input(ids.FILTER_CUSTOMER, "search_value")),
    state=dict(selected=State(ids.FILTER_CUSTOMER, "value")),
    prevent_initial_call=True,
)
def search_filter_customer(text, selected):
    if not text:
        return dict(options=no_update)
    with current_db().session() as s:
        return dict(options=lookups.customer_typeahead(s, text, selected))


@callback(
    output=dict(
        checked=Output(ids.NOTES_FILTER, "data"),
        errors=Output(ids.FILTER_ERROR, "children"),
        **URL_PANEL_OUTPUTS,
    ),
    inputs=dict(_page=Input(ids.NOTES_GRID, "id")),
    state=dict(query=State(ids.NOTES_QUERY, "data"), parsed=State(ids.NOTES_FILTER, "data")),
    prevent_initial_call="initial_duplicate",
)
def check_url_filter(_page, query, parsed):
    """The URL's filter, checked once when the page opens: unknown ids are dropped, and the
    panel shows what applies (the URL keeps what the user gave)."""
    with current_db().session() as s:
        flt = NoteFilter.from_query(query).checked(s, current_viewer())
    checked = flt.to_query()
    # The layout holds the URL's filter parsed: most of the time it passed as it was.
    if checked == parsed:
        return dict(checked=no_update, errors=shown_errors(flt), **PANEL_UNCHANGED)
    shown = {"panel_" + name: value for name, value in panel_values(flt).items()}
    return dict(checked=checked, errors=shown_errors(flt), **shown)


@callback(
    output=dict(
        query=Output(ids.NOTES_QUERY, "data"),
        checked=Output(ids.NOTES_FILTER, "data", allow_duplicate=True),
        errors=Output(ids.FILTER_ERROR, "children", allow_duplicate=True),
    ),
    inputs=PANEL_INPUTS,
    state=dict(current=State(ids.NOTES_QUERY, "data"), applied=State(ids.NOTES_FILTER, "data")),
    prevent_initial_call=True,
)
def panel_to_filter(current, applied, **panel):
    """The panel's filter goes into the URL, checked once (the grid sort stays as it was).

    A panel that shows what already applies changes nothing: the URL keeps what the user
    gave (bad parameters included) until the user changes the filter. The URL's filter is
    checked again here when the panel moved before the page's own check came back (a list
    arriving drops a value it does not hold)."""
    flt = NoteFilter.from_panel(**panel).with_sort_of(current)
    query = flt.to_query()
    if query in (current, applied):
        return UNCHANGED
    viewer = current_viewer()
    with current_db().session() as s:
        if query == NoteFilter.from_query(current).checked(s, viewer).to_query():
            return UNCHANGED
        checked = flt.checked(s, viewer)
    return dict(query=query, checked=checked.to_query(), errors=shown_errors(checked))


@callback(
    output=PANEL_OUTPUTS,
    inputs=dict(
        _reset=Input(ids.FILTER_RESET, "n_clicks"),
        _overdue=Input(ids.OVERDUE_SHOW, "n_clicks"),
    ),
    prevent_initial_call=True,
)
def reset_or_overdue(_reset, _overdue):
    if ctx.triggered_id == ids.OVERDUE_SHOW:
        return {name: True if name == "overdue" else no_update for name in PANEL_FIELDS}
    return panel_values(NoteFilter())


clientside(
    "function(query) { return window.dash_clientside.relance.syncUrl(query); }",
    Output("notes-url-sink", "children"),
    Input(ids.NOTES_QUERY, "data"),
    prevent_initial_call=True,
)

clientside(
    "function(total) { return window.dash_clientside.relance.setRowCount(total, 'notes-grid'); }",
    Output("notes-count-sink", "children"),
    Input(ids.NOTES_TOTAL, "children"),
    prevent_initial_call=True,
)

clientside(
    "function(q, r) { return window.dash_clientside.relance.refreshGrid(q, r, 'notes-grid'); }",
    Output("notes-grid-sink", "children"),
    Input(ids.NOTES_FILTER, "data"),
    Input(ids.NOTES_REFRESH, "data"),
    prevent_initial_call=True,
)


def resorted(query: str | None, sort: str | None):
    """The URL's query sorted by the grid's header, or no_update when it already is."""
    if sort is None or sort == NoteFilter.from_query(query).sort:
        return no_update
    return replace_sort(query, sort)


@callback(
    output=dict(
        response=Output(ids.NOTES_GRID, "getRowsResponse"),
        query=Output(ids.NOTES_QUERY, "data", allow_duplicate=True),
    ),
    inputs=dict(request=Input(ids.NOTES_GRID, "getRowsRequest")),
    state=dict(checked=State(ids.NOTES_FILTER, "data"), query=State(ids.NOTES_QUERY, "data")),
    prevent_initial_call=True,
)
def grid_block(request, checked, query):
    """One block of rows, in the order of the grid's header; a new header sort goes into
    the URL (and from there into the export links)."""
    if not request:
        return dict(response=no_update, query=no_update)
    start, size, sort = requested_block(request)
    viewer, now, flt = current_viewer(), clock.now(), NoteFilter.from_query(checked)
    with current_db().session() as s:
        rows = list_notes(s, viewer, flt, now, start, size, sort)
    # The filter's count comes once, with the totals (setRowCount below), not with every block;
    # a short block is the end of the list.
    ended = len(rows) < size
    return dict(
        response={"rowData": rows, **({"rowCount": start + len(rows)} if ended else {})},
        query=resorted(query, sort),
    )


@callback(
    output=dict(
        total=Output(ids.NOTES_TOTAL, "children"),
        total_label=Output(ids.NOTES_TOTAL_LABEL, "children"),
        overdue=Output(ids.OVERDUE_COUNT, "children"),
        oldest=Output(ids.OVERDUE_LIST, "children"),
        every=Output(ids.BULK_ALL_MATCHING, "label"),
    ),
    inputs=dict(checked=Input(ids.NOTES_FILTER, "data"), _refresh=Input(ids.NOTES_REFRESH, "data")),
)
def show_totals(checked, _refresh):
    """The counts above the grid."""
    with current_db().session() as s:
        shown = totals(s, current_viewer(), NoteFilter.from_query(checked), clock.now())
    return dict(
        total=str(shown.total),
        total_label=n_("note matches", "notes match", shown.total),
        overdue=str(shown.overdue),
        oldest=[overdue_item(row) for row in shown.oldest_overdue],
        every=n_(
            "The {n} note matching this filter (its open task)",
            "All {n} matching this filter (their open tasks)",
            shown.total,
        ),
    )
