"""The /notes grid: dash-ag-grid with the infinite row model, sorted and paged on the server."""

from __future__ import annotations

import dash_ag_grid as dag

from components import ids
from components.i18n import _
from data.filters import DEFAULT_SORT
from data.notes import VariableColumn
from data.states import STATE_LABELS, STATES

BLOCK_SIZE = 100
# A forged request cannot ask for more: the grid asks a block at a time.
MAX_BLOCK = 1000
MAX_ROW = 2**31 - 1
# Wide enough for "30 sept. 2026 14:00" and the header's sort arrow.
DATE_WIDTH = 175
# Grid columns the server can sort on, mapped to NoteFilter sort keys.
SORTABLE = {
    "due_at": "due_at",
    "created_at": "created_at",
    "customer": "customer",
    "status": "status",
    "assignee": "assignee",
}


def _row(value: object, default: int) -> int:
    """A row number as the grid sends it; anything else (forged) is `default`."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_ROW:
        return value
    return default


def requested_block(request: object) -> tuple[int, int, str | None]:
    """(first row, row count, sort key) of the grid's getRowsRequest; the sort is None when
    the grid asks for none the server knows (the filter's own sort applies)."""
    request = request if isinstance(request, dict) else {}
    start = _row(request.get("startRow"), 0)
    end = min(max(start, _row(request.get("endRow"), start + BLOCK_SIZE)), start + MAX_BLOCK)
    sort_model = request.get("sortModel")
    for item in sort_model if isinstance(sort_model, list) else []:
        if not isinstance(item, dict) or not isinstance(item.get("colId"), str):
            continue
        key = SORTABLE.get(item.get("colId"))
        if key:
            return start, end - start, key if item.get("sort") == "asc" else "-" + key
    return start, end - start, None


def header_sort(sort: str) -> dict[str, str]:
    """The header arrow of a filter's sort: {column: "asc" | "desc"} (none for a key the
    grid has no column for)."""
    key = sort.lstrip("-")
    column = next((col for col, k in SORTABLE.items() if k == key), None)
    return {column: "desc" if sort.startswith("-") else "asc"} if column else {}


def column_defs(variables: list[VariableColumn], sort: str = DEFAULT_SORT) -> list[dict]:
    columns = [
        {
            "field": "state",
            "headerName": "",
            "width": 48,
            "cellClass": "state-cell",
            "cellRenderer": "StateMarker",
            "cellRendererParams": {"labels": {state: _(STATE_LABELS[state]) for state in STATES}},
            "pinned": "left",
        },
        {
            "field": "customer",
            "headerName": _("Customer"),
            "width": 200,
            "sortable": True,
        },
        {
            "field": "body",
            "headerName": _("Note"),
            "flex": 1,
            "minWidth": 340,
            "tooltipField": "body",
        },
        {
            "field": "due_at",
            "headerName": _("Follow-up"),
            "width": DATE_WIDTH,
            "sortable": True,
        },
        {
            "field": "assignee",
            "headerName": _("Assigned to"),
            "width": 150,
            "sortable": True,
            "tooltipField": "assignee",
        },
        {
            "field": "status",
            "headerName": _("Status"),
            "width": 140,
            "sortable": True,
            "cellRenderer": "StatusBadge",
        },
        {"field": "action", "headerName": _("Action"), "width": 150, "tooltipField": "action"},
        {
            "field": "category",
            "headerName": _("Category"),
            "width": 130,
            "tooltipField": "category",
        },
    ]
    columns += [{"field": v.field, "headerName": v.name, "width": 120} for v in variables]
    columns += [
        {"field": "created_at", "headerName": _("Created"), "width": DATE_WIDTH, "sortable": True},
        {"field": "author", "headerName": _("Author"), "width": 150, "tooltipField": "author"},
    ]
    arrows = header_sort(sort)
    # Every sortable column says whether it sorts: columnDefs sent again keep the URL's sort.
    return [{**c, "sort": arrows.get(c["field"])} if c.get("sortable") else c for c in columns]


def row_class_rules() -> dict:
    # `params.data` is undefined while a block is loading.
    return {
        f"row-{state}": {"function": f"params.data && params.data.state === '{state}'"}
        for state in STATES
    }


def notes_grid(sort: str = DEFAULT_SORT) -> dag.AgGrid:
    return dag.AgGrid(
        id=ids.NOTES_GRID,
        rowModelType="infinite",
        columnDefs=column_defs([], sort),
        defaultColDef={"sortable": False, "resizable": True, "filter": False},
        getRowId="params.data.row_id",
        rowClassRules=row_class_rules(),
        dashGridOptions={
            "cacheBlockSize": BLOCK_SIZE,
            "maxBlocksInCache": 20,
            "maxConcurrentDatasourceRequests": 1,
            "infiniteInitialRowCount": 1,
            # Ticked rows feed the bulk reassign bar; the grid keeps them by row id while
            # blocks are fetched and dropped. "Select all" is the bar's server-side
            # "all matching", so there is no header checkbox.
            "rowSelection": {
                "mode": "multiRow",
                "checkboxes": True,
                "headerCheckbox": False,
                "enableClickSelection": False,
            },
            "tooltipShowDelay": 400,
            # A cell shows its tooltip only when it cuts its text short.
            "tooltipShowMode": "whenTruncated",
            # A header sorts ascending, then descending: the list always has an order the
            # URL and the exports can say (the server's default is the follow-up date).
            "sortingOrder": ["asc", "desc"],
            "localeText": {"noRowsToShow": _("No note matches this filter.")},
            "animateRows": False,
        },
        # The height comes from assets/relance.css: the grid fills what the page leaves it.
        style={"height": None},
        className="notes-grid",
    )
