"""dcc.Dropdown speaking the user's language."""

from __future__ import annotations

from dash import dcc

from components.i18n import _


def dropdown(id_, **kwargs) -> dcc.Dropdown:
    kwargs.setdefault("placeholder", "—")
    labels = {
        "select_all": _("Select all"),
        "deselect_all": _("Deselect all"),
        # {num_selected} is filled in by the browser.
        "selected_count": _("{num_selected} selected"),
        "search": _("Search"),
        "clear_search": _("Clear search"),
        "clear_selection": _("Clear selection"),
        "no_options_found": _("No match"),
    }
    return dcc.Dropdown(id=id_, labels=labels, **kwargs)
