"""/board: columns and counts, "show more", moves, and the employees' counters."""

from __future__ import annotations

from dash import ALL, Input, Output, State
from dash.exceptions import PreventUpdate

from callbacks.common import bump, clicked
from callbacks.refusals import refusal_text
from callbacks.registry import callback, clientside
from components import ids
from components.board import (
    cards,
    column_id,
    employees_card,
    employees_grid,
    filter_note,
    more_style,
    move_message,
    moved_text,
    undone_text,
)
from data import clock
from data.board import COLUMNS, board, move_card, show_more, shows_employees, undo_move
from data.counters import employees_counters
from data.errors import NotAllowed, Refusal
from data.filters import NoteFilter
from data.types import as_id
from web.context import current_db, current_viewer

MORE_ID = {"type": "board-more", "col": ALL}


@callback(
    output=dict(
        cards=Output(ids.BOARD_CARDS, "data"),
        counts={c: Output(f"{column_id(c)}-count", "children") for c in COLUMNS},
        more={c: Output({"type": "board-more", "col": c}, "style") for c in COLUMNS},
        filter_note=Output(ids.BOARD_FILTER_NOTE, "children"),
    ),
    inputs=dict(
        query=Input(ids.BOARD_QUERY, "data"),
        _refresh=Input(ids.BOARD_REFRESH, "data"),
        limits=Input(ids.BOARD_LIMITS, "data"),
    ),
)
def render(query, _refresh, limits) -> dict:
    viewer = current_viewer()
    with current_db().session() as s:
        flt = NoteFilter.from_query(query or "").checked(s, viewer)
        shown = board(s, viewer, flt, clock.now(), limits)
    return dict(
        cards=cards(shown.cards, viewer),
        counts={c: str(shown.counts[c]) for c in COLUMNS},
        more={c: more_style(shown.has_more(c)) for c in COLUMNS},
        filter_note=filter_note(bool(query)),
    )


clientside(
    "function(cards) { return window.dash_clientside.board.render(cards); }",
    Output(ids.BOARD, "data-drawn"),
    Input(ids.BOARD_CARDS, "data"),
    prevent_initial_call=True,
)


@callback(
    output=dict(limits=Output(ids.BOARD_LIMITS, "data")),
    inputs=dict(_clicks=Input(MORE_ID, "n_clicks")),
    state=dict(limits=State(ids.BOARD_LIMITS, "data")),
    prevent_initial_call=True,
)
def more(_clicks, limits) -> dict:
    trigger = clicked()
    return dict(limits=show_more(limits, trigger["col"]))


@callback(
    output=dict(
        refresh=Output(ids.BOARD_REFRESH, "data"),
        message=Output(ids.BOARD_MESSAGE, "children"),
        counters=Output(ids.COUNTERS_REFRESH, "data", allow_duplicate=True),
        undo=Output(ids.BOARD_UNDO_TARGET, "data"),
    ),
    inputs=dict(request=Input(ids.BOARD_MOVE, "data")),
    state=dict(refresh=State(ids.BOARD_REFRESH, "data")),
    prevent_initial_call=True,
)
def move(request, refresh) -> dict:
    """A pick in the shared "Move to" menu: {note, version, to} from assets/board.js."""
    request = request if isinstance(request, dict) else {}
    target, viewer = str(request.get("to")), current_viewer()
    note_id, version = as_id(request.get("note")), as_id(request.get("version"))
    try:
        if note_id is None or version is None:
            raise NotAllowed()  # not a card the board showed
        with current_db().session() as s:
            due = move_card(s, viewer, note_id, version, target, clock.now())
    except Refusal as refused:
        message, undo = move_message(refusal_text(refused), "danger"), None
    else:
        message = move_message(moved_text(note_id, target, due, viewer), "success", undo=True)
        undo = {"note": note_id, "version": version + 1}
    return dict(refresh=bump(refresh), message=message, counters=bump(refresh), undo=undo)


@callback(
    output=dict(
        refresh=Output(ids.BOARD_REFRESH, "data", allow_duplicate=True),
        message=Output(ids.BOARD_MESSAGE, "children", allow_duplicate=True),
        counters=Output(ids.COUNTERS_REFRESH, "data", allow_duplicate=True),
        undo=Output(ids.BOARD_UNDO_TARGET, "data", allow_duplicate=True),
    ),
    inputs=dict(clicks=Input(ids.BOARD_UNDO, "n_clicks")),
    state=dict(
        target=State(ids.BOARD_UNDO_TARGET, "data"), refresh=State(ids.BOARD_REFRESH, "data")
    ),
    prevent_initial_call=True,
)
def undo(clicks, target, refresh) -> dict:
    """Undo of the last move: its due date back, if nobody changed the card since."""
    target, viewer = target if isinstance(target, dict) else {}, current_viewer()
    note_id = as_id(target.get("note"))
    if not as_id(clicks) or note_id is None:
        raise PreventUpdate
    try:
        with current_db().session() as s:
            due = undo_move(s, viewer, note_id, target.get("version"), clock.now())
    except Refusal as refused:
        message = move_message(refusal_text(refused), "danger")
    else:
        message = move_message(undone_text(note_id, due, viewer), "success")
    return dict(refresh=bump(refresh), message=message, counters=bump(refresh), undo=None)


@callback(
    output=dict(section=Output(ids.EMPLOYEES_SECTION, "children")),
    inputs=dict(
        _refresh=Input(ids.BOARD_REFRESH, "data"),
        _tick=Input(ids.COUNTERS_TICK, "n_intervals"),
    ),
)
def employees(_refresh, _tick) -> dict:
    viewer = current_viewer()
    if not shows_employees(viewer):
        return dict(section="")
    with current_db().session() as s:
        people = employees_counters(s, viewer, clock.now())
    return dict(section=employees_card(employees_grid(people)))
