"""Small pieces of layout that several screens share."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from components.i18n import n_


def icon_button(icon: str, label, gap: int = 1, **kwargs) -> dbc.Button:
    """`icon` is a Bootstrap Icons name ("download"); kwargs go to dbc.Button."""
    return dbc.Button([html.I(className=f"bi bi-{icon} me-{gap}"), label], **kwargs)


def link_button(label, id_: str, class_name: str = "p-0") -> dbc.Button:
    """A small button that reads as a link (an action in a header row)."""
    return dbc.Button(label, id=id_, color="link", size="sm", className=class_name)


def shown_of_total(shown: int, total: int) -> html.Div:
    """The last line of a list cut short: how many of how many are shown."""
    text = n_(
        "showing {shown} of {total}", "showing {shown} of {total}", shown, shown=shown, total=total
    )
    return html.Div(text, className="list-group-item small text-secondary")


# Controls a <label for> can name: an input, a text area, a select, a dcc.Dropdown (its button).
LABELLABLE = (dbc.Input, dbc.Textarea, dbc.Select, dcc.Dropdown)


def label_target(control) -> str | None:
    """The id a field's label points at (`for`), so a screen reader names the field by it:
    the control's own, or the first input's of an input group; None for a group of radios."""
    if isinstance(control, dbc.InputGroup):
        control = control.children[0]
    if isinstance(control, LABELLABLE):
        return getattr(control, "id", None)
    return None


def hidden_label(text: str, for_id: str) -> dbc.Label:
    """A field's name for screen readers only, where the screen shows it some other way
    (the time beside a date, a placeholder-like heading)."""
    return dbc.Label(text, html_for=for_id, className="visually-hidden")
