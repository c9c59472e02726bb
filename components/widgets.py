"""Small pieces of layout that several screens share."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from components.i18n import count, date_hint, n_, picker


def icon_button(icon: str, label, gap: int = 1, **kwargs) -> dbc.Button:
    """`icon` is a Bootstrap Icons name ("download"); kwargs go to dbc.Button."""
    return dbc.Button([html.I(className=f"bi bi-{icon} me-{gap}"), label], **kwargs)


def link_button(label, id_: str, class_name: str = "p-0") -> dbc.Button:
    """A small button that reads as a link (an action in a header row)."""
    return dbc.Button(label, id=id_, color="link", size="sm", className=class_name)


def shown_of_total(shown: int, total: int, href: str | None = None) -> html.Div | dcc.Link:
    """The last line of a list cut short: how many of how many are shown; with `href`, a
    link to the /notes filter that lists all of them."""
    if href is None:
        text = n_(
            "showing {shown} of {total}",
            "showing {shown} of {total}",
            shown,
            shown=count(shown),
            total=count(total),
        )
        return html.Div(text, className="list-group-item small text-secondary")
    text = n_(
        "showing {shown} of {total} · see all",
        "showing {shown} of {total} · see all",
        shown,
        shown=count(shown),
        total=count(total),
    )
    return dcc.Link(
        text, href=href, className="list-group-item list-group-item-action small shown-of-total"
    )


def date_field(id_: str, date: str | None = None, size: str = "", **kwargs) -> dcc.DatePickerSingle:
    """A day picked on a calendar in the user's language and week (Monday first in French),
    typed as the user writes a day; its `date` is 'YYYY-MM-DD'. A native <input type=date>
    speaks the browser's language instead, whatever the user chose."""
    return dcc.DatePickerSingle(
        id=id_,
        date=date,
        placeholder=kwargs.pop("placeholder", date_hint()),
        clearable=True,
        className=f"relance-date {size}".strip(),
        **picker(),
        **kwargs,
    )


def invalid_class(invalid: bool) -> str:
    """A date field's classes: refused fields are outlined as Bootstrap's invalid inputs."""
    return "relance-date is-invalid" if invalid else "relance-date"


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
