"""Any unknown path inside the app."""

import dash
from dash import html

from components.i18n import _

dash.register_page(__name__, path="/404")


def layout(**_query):
    return html.Div(
        [html.H1(_("Page not found"), className="h3"), html.A("Relance", href="/")],
        id="page-not-found",
    )
