"""The frame around every page: URL, navbar and the page container."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html
from flask_login import current_user

from components import ids
from components.i18n import N_, _
from web.context import csrf_token

# (path, label key, roles that see it). A screen is listed here when its issue builds it.
NAV_ITEMS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("/", N_("My day"), ("admin", "manager", "rep")),
    ("/notes", N_("Notes"), ("admin", "manager", "rep")),
    ("/board", N_("Board"), ("admin", "manager", "rep")),
    ("/analytics", N_("Analytics"), ("admin", "manager")),
    ("/standup", N_("Stand-up"), ("admin", "manager")),
)
ROLE_LABELS = {"admin": N_("admin"), "manager": N_("manager"), "rep": N_("rep")}


def bell_class(unread: int) -> str:
    """No red badge at 0: the count stays in the page (bare digits), hidden from sight."""
    return "bell-count" if unread else "bell-count visually-hidden"


def bell() -> dbc.NavItem:
    """The unread notifications count; they are listed on "My day"."""
    return dbc.NavItem(
        dbc.NavLink(
            [
                html.I(className="bi bi-bell me-1"),
                dbc.Badge(
                    "0",
                    id=ids.NAVBAR_BELL_COUNT,
                    color="danger",
                    pill=True,
                    class_name=bell_class(0),
                ),
                html.Span(_("Notifications"), className="visually-hidden"),
            ],
            href="/#notifications",
            id="navbar-bell",
            className="me-2",
        )
    )


def sign_out_form() -> html.Form:
    """Sign-out is a POST with the session's CSRF token (web/auth.py): a link, a prefetch or
    another site's page cannot sign anyone out."""
    # The button itself carries the token: a form's submitter sends its name and value
    # (Dash's html has no <input>, and the form has no other field).
    return html.Form(
        html.Button(
            [html.I(className="bi bi-box-arrow-right me-2"), _("Sign out")],
            type="submit",
            name="csrf_token",
            value=csrf_token(),
            id="navbar-logout",
            className="dropdown-item",
        ),
        action="/logout",
        method="post",
        id="navbar-logout-form",
    )


def navbar(viewer) -> dbc.Navbar:
    links = [
        dbc.NavItem(dbc.NavLink(_(label), href=path, active="exact"))
        for path, label, roles in NAV_ITEMS
        if viewer.role in roles
    ]
    user_menu = dbc.DropdownMenu(
        [
            # dbc's header item is a role="heading" without a level (an ARIA error): the
            # e-mail is a plain caption, styled as Bootstrap's menu header.
            html.Div(viewer.email, className="dropdown-header"),
            dbc.DropdownMenuItem(_(ROLE_LABELS[viewer.role]), disabled=True),
            dbc.DropdownMenuItem(divider=True),
            dbc.DropdownMenuItem(
                [html.I(className="bi bi-gear me-2"), _("My settings")],
                href="/settings",
                id="navbar-settings",
            ),
            sign_out_form(),
        ],
        label=[html.I(className="bi bi-person-circle me-1"), viewer.name],
        nav=True,
        align_end=True,
        id="navbar-user",
    )
    return dbc.Navbar(
        dbc.Container(
            [
                dbc.NavbarBrand(
                    [html.I(className="bi bi-bell-fill text-danger me-2"), "Relance"], href="/"
                ),
                # The bell stays in sight on phones; from lg up it closes the row.
                dbc.Nav([bell()], navbar=True, className="ms-auto flex-row order-lg-last"),
                navbar_toggler(),
                dbc.Collapse(
                    [
                        dbc.Nav(links, className="me-auto", navbar=True),
                        dbc.Nav([user_menu], navbar=True),
                    ],
                    id=ids.NAVBAR_LINKS,
                    is_open=False,
                    navbar=True,
                ),
            ],
            fluid=True,
        ),
        id=ids.NAVBAR,
        color="dark",
        dark=True,
        expand="lg",
        className="mb-3",
    )


def navbar_toggler() -> html.Button:
    """Below lg the links fold behind this button (assets/relance_frame.js opens them)."""
    return html.Button(
        html.Span(className="navbar-toggler-icon"),
        id=ids.NAVBAR_TOGGLER,
        type="button",
        className="navbar-toggler",
        n_clicks=0,
        **{
            "aria-controls": ids.NAVBAR_LINKS,
            "aria-expanded": "false",
            "aria-label": _("Show or hide the menu"),
        },
    )


def shell_layout():
    """Built per request, for the signed-in user (the guard refuses anonymous requests)."""
    if not current_user or not current_user.is_authenticated:
        # A TV's stand-up (signed in by its link): the page alone, still the main landmark.
        return html.Div([dcc.Location(id=ids.URL), html.Main(dash.page_container)])
    # The page in a <main>, the navbar before it: screen readers jump to either.
    return html.Div(
        [
            dcc.Location(id=ids.URL),
            navbar(current_user.viewer),
            dbc.Container(
                [html.Div(id=ids.APP_NOTICE, className="mb-2"), dash.page_container],
                fluid=True,
                className="pb-4",
                tag="main",
            ),
        ]
    )
