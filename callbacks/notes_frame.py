"""/notes' frame: fold the filter panel, the bulk bar and the overdue section away (kept per
user), and the filter drawer on phones. Folding happens in the browser at once
(assets/relance_frame.js); the server keeps the choice."""

from __future__ import annotations

from dash import ALL, Input, Output, State, no_update

from callbacks.registry import callback, clientside
from components import ids
from data.errors import InvalidInput
from data.preferences import save_folded
from web.context import current_db, current_viewer

clientside(
    "function(f, b, folded, panels) {"
    " return window.dash_clientside.relance_frame.fold(f, b, folded, panels); }",
    output=[
        Output(ids.NOTES_FOLDED, "data"),
        Output(ids.NOTES_PAGE, "className"),
        Output({"type": ids.FOLD, "panel": ALL}, "aria-expanded"),
        Output(ids.NOTES_FILTERS_BUTTON, "aria-expanded"),
    ],
    inputs=[
        Input({"type": ids.FOLD, "panel": ALL}, "n_clicks"),
        Input(ids.NOTES_FILTERS_BUTTON, "n_clicks"),
    ],
    state=[State(ids.NOTES_FOLDED, "data"), State({"type": ids.FOLD, "panel": ALL}, "id")],
    prevent_initial_call=True,
)

clientside(
    "function(o, c, b, cls) { return window.dash_clientside.relance_frame.drawer(o, c, b, cls); }",
    output=[
        Output(ids.NOTES_FILTERS_DRAWER, "className"),
        Output(ids.NOTES_FILTERS_BACKDROP, "className"),
    ],
    inputs=[
        Input(ids.NOTES_FILTERS_BUTTON, "n_clicks"),
        Input(ids.NOTES_FILTERS_CLOSE, "n_clicks"),
        Input(ids.NOTES_FILTERS_BACKDROP, "n_clicks"),
    ],
    state=[State(ids.NOTES_FILTERS_DRAWER, "className")],
    prevent_initial_call=True,
)


@callback(
    output=dict(saved=Output(ids.NOTES_FOLDED_SAVED, "children")),
    inputs=dict(folded=Input(ids.NOTES_FOLDED, "data")),
    prevent_initial_call=True,
)
def keep_folded(folded) -> dict:
    """The viewer's folded parts, kept for their next visit (a forged list changes nothing)."""
    try:
        with current_db().session() as s:
            kept = save_folded(s, current_viewer(), folded)
    except InvalidInput:
        return dict(saved=no_update)
    return dict(saved=",".join(kept))
