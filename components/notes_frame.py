"""The frame of /notes around the filter panel, the bulk bar and the overdue section.

Each of them folds away and the choice is kept per user (data/preferences.py FOLDABLE): the
page's root carries a `folded-<panel>` class per folded part and assets/relance.css hides
what that part hides, so the grid gets the room. Under Bootstrap's `lg` breakpoint the
filter panel is a drawer (Bootstrap's responsive `offcanvas-lg`) opened by the "Filters"
button; from `lg` up it is the left column, which the same button folds away. One panel is
built either way, so its ids exist once.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from components import ids
from components.i18n import _

FILTERS, BULK, OVERDUE = "notes-filters", "notes-bulk", "notes-overdue"
DRAWER = "offcanvas-lg offcanvas-start notes-filters-drawer"


def page_class(folded: tuple[str, ...] | list[str]) -> str:
    """The class of the page's root for the folded parts (assets/relance_clientside.js
    builds the same one when a part is folded)."""
    return " ".join(["notes-page", *(f"folded-{panel}" for panel in folded)])


def fold_state(folded: tuple[str, ...]) -> list:
    """The stores of the folded parts: the current choice and the one last saved."""
    return [
        dcc.Store(id=ids.NOTES_FOLDED, data=list(folded)),
        html.Div(",".join(folded), id=ids.NOTES_FOLDED_SAVED, hidden=True),
    ]


def fold_button(panel: str, folded: tuple[str, ...], label: str) -> html.Button:
    """A chevron that folds `panel` away and brings it back; its label says what it folds."""
    return html.Button(
        html.I(className="bi bi-chevron-up fold-chevron", **{"aria-hidden": "true"}),
        id={"type": ids.FOLD, "panel": panel},
        type="button",
        title=label,
        className="btn btn-sm btn-link fold-button p-0 ms-2",
        n_clicks=0,
        **{"aria-label": label, "aria-expanded": "false" if panel in folded else "true"},
    )


def filters_button(folded: tuple[str, ...]) -> html.Button:
    return html.Button(
        [html.I(className="bi bi-funnel me-1", **{"aria-hidden": "true"}), _("Filters")],
        id=ids.NOTES_FILTERS_BUTTON,
        type="button",
        className="btn btn-sm btn-outline-secondary text-nowrap me-2",
        n_clicks=0,
        **{
            "aria-controls": ids.NOTES_FILTERS_DRAWER,
            "aria-expanded": "false" if FILTERS in folded else "true",
        },
    )


def filters_column(panel) -> dbc.Col:
    """The filter panel as the left column (lg and up) or as a drawer (phones, tablets)."""
    return dbc.Col(
        [
            html.Div(
                [
                    html.Div(
                        [
                            # The panel shows its own title: this one names the drawer.
                            html.H2(
                                _("Filters"),
                                className="visually-hidden",
                                id="notes-filters-drawer-title",
                            ),
                            html.Button(
                                id=ids.NOTES_FILTERS_CLOSE,
                                type="button",
                                className="btn-close",
                                n_clicks=0,
                                **{"aria-label": _("Close")},
                            ),
                        ],
                        className="offcanvas-header justify-content-end pb-0",
                    ),
                    html.Div(panel, className="offcanvas-body"),
                ],
                id=ids.NOTES_FILTERS_DRAWER,
                className=DRAWER,
                tabIndex="-1",
                **{"aria-labelledby": "notes-filters-drawer-title"},
            ),
            html.Div(id=ids.NOTES_FILTERS_BACKDROP, className="notes-filters-backdrop", n_clicks=0),
        ],
        lg=3,
        className="mb-3 notes-filters-col",
    )
