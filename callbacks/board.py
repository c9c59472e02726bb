"""/board: columns and counts, "show more", moves, and the employees' counters."""

from __future__ import annotations

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import ALL, Dash, Input, Output, State, ctx, dcc, html
from dash.exceptions import PreventUpdate

from components import ids
from components.board import COLUMN_LABELS, card, column_id, employees_card
from components.i18n import _
from data import clock
from data.board import COLUMNS, PAGE, column_cards, column_counts, move_card
from data.counters import employees_counters
from data.errors import InvalidInput, NotAllowed, StaleVersion
from data.filters import NoteFilter
from web.context import current_db, current_viewer

HIDDEN = {"display": "none"}
SHOWN: dict = {}
MORE_ID = {"type": "board-more", "col": ALL}
MOVE_ID = {"type": "board-move", "note": ALL, "version": ALL, "to": ALL}


def _alert(text: str, colour: str):
    return dbc.Alert(text, color=colour, className="py-2 mb-0", duration=6000)


def register(app: Dash) -> None:
    @app.callback(
        *[Output(column_id(c), "children") for c in COLUMNS],
        *[Output(f"{column_id(c)}-count", "children") for c in COLUMNS],
        *[Output({"type": "board-more", "col": c}, "style") for c in COLUMNS],
        Output(ids.BOARD_FILTER_NOTE, "children"),
        Input(ids.BOARD_QUERY, "data"),
        Input(ids.BOARD_REFRESH, "data"),
        Input(ids.BOARD_LIMITS, "data"),
    )
    def render(query, _refresh, limits):
        viewer, now = current_viewer(), clock.now()
        limits = limits or {}
        with current_db().session() as s:
            flt = NoteFilter.from_query(query or "").checked(s)
            counts = column_counts(s, viewer, flt, now)
            cards = {
                c: column_cards(s, viewer, flt, now, c, int(limits.get(c, PAGE))) for c in COLUMNS
            }
        columns = [
            [card(row, viewer) for row in cards[c]]
            or [html.Div(_("Nothing here."), className="small text-secondary p-2")]
            for c in COLUMNS
        ]
        more = [SHOWN if counts[c] > len(cards[c]) else HIDDEN for c in COLUMNS]
        note = ""
        if query:
            note = [
                _("Filtered like Notes"),
                " · ",
                dcc.Link(_("Show everything"), href="/board"),
            ]
        return (*columns, *[str(counts[c]) for c in COLUMNS], *more, note)

    @app.callback(
        Output(ids.BOARD_LIMITS, "data"),
        Input(MORE_ID, "n_clicks"),
        State(ids.BOARD_LIMITS, "data"),
        prevent_initial_call=True,
    )
    def show_more(_clicks, limits):
        trigger = ctx.triggered_id
        if not trigger or not ctx.triggered[0]["value"]:
            raise PreventUpdate
        limits = dict(limits or {})
        limits[trigger["col"]] = int(limits.get(trigger["col"], PAGE)) + PAGE
        return limits

    @app.callback(
        Output(ids.BOARD_REFRESH, "data"),
        Output(ids.BOARD_MESSAGE, "children"),
        Output(ids.COUNTERS_REFRESH, "data", allow_duplicate=True),
        Input(MOVE_ID, "n_clicks"),
        State(ids.BOARD_REFRESH, "data"),
        prevent_initial_call=True,
    )
    def move(_clicks, refresh):
        trigger = ctx.triggered_id
        if not trigger or not ctx.triggered[0]["value"]:
            raise PreventUpdate
        viewer, now = current_viewer(), clock.now()
        target = str(trigger.get("to"))
        try:
            with current_db().session() as s:
                move_card(s, viewer, int(trigger["note"]), int(trigger["version"]), target, now)
        except StaleVersion as exc:
            text = _(
                "Not moved: {name} changed this task since the board was shown.",
                name=exc.changed_by or _("someone"),
            )
            return (refresh or 0) + 1, _alert(text, "danger"), (refresh or 0) + 1
        except NotAllowed:
            return (refresh or 0) + 1, _alert(_("Not allowed"), "danger"), (refresh or 0) + 1
        except InvalidInput as exc:
            return (refresh or 0) + 1, _alert(exc.text(viewer.locale), "danger"), (refresh or 0) + 1
        except (ValueError, TypeError) as exc:
            return (refresh or 0) + 1, _alert(_(str(exc)), "danger"), (refresh or 0) + 1
        label = _(COLUMN_LABELS.get(target, target))
        text = _("Task #{id} moved to {column}.", id=trigger["note"], column=label)
        return (refresh or 0) + 1, _alert(text, "success"), (refresh or 0) + 1

    @app.callback(
        Output(ids.EMPLOYEES_SECTION, "children"),
        Input(ids.BOARD_REFRESH, "data"),
        Input(ids.COUNTERS_TICK, "n_intervals"),
    )
    def employees(_refresh, _tick):
        viewer = current_viewer()
        if viewer.role not in ("manager", "admin"):
            return ""
        with current_db().session() as s:
            people = employees_counters(s, viewer, clock.now())
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
        grid = dag.AgGrid(
            id=ids.EMPLOYEE_COUNTERS,
            rowData=rows,
            columnDefs=[
                {"field": "name", "headerName": _("Employee"), "cellRenderer": "markdown"},
                {"field": "team", "headerName": _("Team")},
                {"field": "incoming", "headerName": _("Incoming"), "type": "numericColumn"},
                {"field": "planned", "headerName": _("Planned"), "type": "numericColumn"},
                {"field": "today", "headerName": _("Today"), "type": "numericColumn"},
            ],
            defaultColDef={"sortable": True, "flex": 1},
            dashGridOptions={"domLayout": "autoHeight", "animateRows": False},
            style={"height": None},
        )
        return employees_card(grid)
