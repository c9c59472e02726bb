"""The /board columns and cards (DESIGN.md section 5: board, board-col-<column>, …-count)."""

from __future__ import annotations

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import dcc, html

from components import ids
from components.i18n import N_, _
from components.tasks import excerpt
from data.board import COLUMNS, OVERDUE
from data.i18n import format_instant

COLUMN_LABELS = {
    "overdue": N_("Overdue"),
    "today": N_("Today"),
    "this-week": N_("This week"),
    "next-week": N_("Next week"),
    "later": N_("Later"),
    "no-date": N_("No date"),
}
COLUMN_COLOURS = {
    "overdue": "danger",
    "today": "warning",
    "this-week": "success",
    "next-week": "success",
    "later": "secondary",
    "no-date": "secondary",
}


def column_id(column: str) -> str:
    return f"board-col-{column}"


def column(column_name: str) -> html.Div:
    colour = COLUMN_COLOURS[column_name]
    return html.Div(
        [
            html.Div(
                [
                    html.Span(_(COLUMN_LABELS[column_name]), className="fw-semibold me-2"),
                    dbc.Badge(
                        "…",
                        id=f"{column_id(column_name)}-count",
                        color=colour,
                        text_color="dark" if colour == "warning" else None,
                        pill=True,
                    ),
                ],
                className=f"board-col-header border-{colour}",
            ),
            html.Div(id=column_id(column_name), className="board-cards"),
            dbc.Button(
                _("Show more"),
                id={"type": "board-more", "col": column_name},
                color="link",
                size="sm",
                className="w-100",
                style={"display": "none"},
            ),
        ],
        className="board-column",
    )


def card(row: dict, viewer) -> dict:
    """A card as data: assets/board.js draws it with text only (a body holding markup shows
    the markup), carrying its id and version for the shared "Move to" menu."""
    due = format_instant(row["due_at"], viewer.time_zone, viewer.locale) if row["due_at"] else ""
    return {
        "id": row["id"],
        "version": row["version"],
        "state": row["state"],
        "customer": row["customer"] or _("General note"),
        "body": excerpt(row["body"], 110),
        "assignee": row["assignee"] or "",
        "due": due,
    }


def cards(shown: dict[str, list[dict]], viewer) -> dict:
    """What the board's cards store holds: each column's cards, and the words the drawing
    needs in the viewer's language.

    The cards are drawn by assets/board.js rather than as Dash components: Dash's renderer
    spends about 15 ms of script per card on its components (2.5-4 s for 120 cards on a
    manager's board), the browser's own DOM a few microseconds."""
    return {
        "columns": {c: [card(row, viewer) for row in shown[c]] for c in COLUMNS},
        "words": {"move": _("Move to"), "empty": _("Nothing here.")},
    }


def move_menu() -> html.Div:
    """The "Move to" menu, once per page: every column but Overdue (assets/board.js)."""
    return html.Div(
        [
            html.Button(
                _(COLUMN_LABELS[target]),
                type="button",
                role="menuitem",
                className="dropdown-item",
                **{"data-to": target},
            )
            for target in COLUMNS
            if target != OVERDUE
        ],
        id=ids.BOARD_MOVE_MENU,
        role="menu",
        className="dropdown-menu shadow board-move-menu",
        **{"aria-label": _("Move to")},
    )


def more_style(has_more: bool) -> dict:
    """The "show more" button shows while a column has cards it does not show."""
    return {} if has_more else {"display": "none"}


def filter_note(filtered: bool):
    """Next to the title when the board shows a /notes filter."""
    if not filtered:
        return ""
    return [_("Filtered like Notes"), " · ", dcc.Link(_("Show everything"), href="/board")]


def move_message(text: str, colour: str, undo: bool = False) -> dbc.Alert:
    """What a move did, with its undo button; it goes away by itself."""
    button = dbc.Button(
        _("Undo"), id=ids.BOARD_UNDO, color="link", className="p-0 ms-2 align-baseline"
    )
    return dbc.Alert(
        [html.Span(text), *([button] if undo else [])],
        color=colour,
        className="py-2 mb-0",
        duration=12000 if undo else 6000,
    )


def moved_text(note_id: int, column: str, due, viewer) -> str:
    """Where the card went: its column and its new due date (the viewer's zone)."""
    label = _(COLUMN_LABELS.get(column, column))
    if due is None:
        return _("Task #{id} moved to {column}: no due date.", id=note_id, column=label)
    when = format_instant(due, viewer.time_zone, viewer.locale)
    return _("Task #{id} moved to {column}: due {when}.", id=note_id, column=label, when=when)


def undone_text(note_id: int, due, viewer) -> str:
    if due is None:
        return _("Move undone: task #{id} has no due date again.", id=note_id)
    when = format_instant(due, viewer.time_zone, viewer.locale)
    return _("Move undone: task #{id} is due {when} again.", id=note_id, when=when)


# The counters' own colours (components/counters.py): green, red, orange.
COUNTER_COLOURS = {"incoming": "success", "planned": "danger", "today": "warning"}


def count_column(field: str, header: str) -> dict:
    """A counter's column: each count in a pill of that counter's colour, as the counters
    bar shows it (assets/dashAgGridComponentFunctions.js CounterPill)."""
    colour = COUNTER_COLOURS[field]
    return {
        "field": field,
        "headerName": header,
        "type": "numericColumn",
        "headerClass": f"employee-head employee-head-{colour}",
        "cellRenderer": "CounterPill",
        "cellRendererParams": {"colour": colour},
    }


def employees_grid(people) -> dag.AgGrid:
    """Each employee's counters (data.counters.EmployeeCounters); a name opens their board."""
    rows = [
        {
            "name": f"[{p.name}](/board?rep={p.user_id})",
            "team": p.team,
            "incoming": p.counters.incoming,
            "planned": p.counters.planned,
            "today": p.counters.today,
        }
        for p in people
    ]
    return dag.AgGrid(
        id=ids.EMPLOYEE_COUNTERS,
        rowData=rows,
        columnDefs=[
            {
                "field": "name",
                "headerName": _("Employee"),
                "cellRenderer": "markdown",
                "flex": 2,
                "minWidth": 130,
            },
            {"field": "team", "headerName": _("Team")},
            count_column("incoming", _("Incoming")),
            count_column("planned", _("Planned")),
            count_column("today", _("Today")),
        ],
        defaultColDef={"sortable": True, "flex": 1},
        dashGridOptions={"domLayout": "autoHeight", "animateRows": False, "rowHeight": 34},
        style={"height": None},
    )


def employees_card(grid) -> dbc.Card:
    return dbc.Card(
        [
            dbc.CardHeader(
                [html.I(className="bi bi-people me-2"), _("Employees' counters")],
                className="fw-semibold",
            ),
            dbc.CardBody(grid, className="p-2"),
        ],
        className="shadow-sm mb-3",
    )
