"""The three counters (Incoming, Planned, Today): one builder for every page that shows them.

Each integer sits alone in its `counter-*` element (the contract); its label is a sibling.
Planned and Today link to /notes filtered on exactly the tasks they count; Incoming to the
incoming activities list (on the same page when it has one, else on My day).
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from components import ids
from components.i18n import N_, _

REFRESH_SECONDS = 30

# (id, label, colour, link to the rows it counts or None, title)
COUNTERS = (
    (
        ids.COUNTER_INCOMING,
        N_("Incoming"),
        "success",
        "/#activities",
        N_("Open incoming activities"),
    ),
    (
        ids.COUNTER_PLANNED,
        N_("Planned"),
        "danger",
        "/notes?counter=planned",
        N_("Open tasks overdue or due within your planned threshold"),
    ),
    (
        ids.COUNTER_TODAY,
        N_("Today"),
        "warning",
        "/notes?counter=today",
        N_("Open tasks due today and incoming activities received today"),
    ),
)


def counter_chip(id_: str, label: str, colour: str, href: str, title: str):
    body = [
        dbc.Badge(
            "…",
            id=id_,
            color=colour,
            # White on Bootstrap's yellow reads at 1.6:1; dark text at 12:1 (WCAG 2.1 AA).
            text_color="dark" if colour == "warning" else None,
            pill=True,
            className="counter-value me-1",
        ),
        html.Span(_(label), className="small counter-label"),
    ]
    classes = f"counter-chip counter-{colour} d-inline-flex align-items-center me-3"
    if href.startswith("#"):  # an anchor on this page
        return html.A(body, href=href, className=classes, title=_(title), id=f"{id_}-link")
    return dcc.Link(body, href=href, className=classes, title=_(title), id=f"{id_}-link")


def counters_bar(activities_here: bool = False) -> html.Div:
    """`activities_here`: the page shows the incoming activities list itself."""
    specs = [
        (
            id_,
            label,
            colour,
            "#activities" if activities_here and href == "/#activities" else href,
            title,
        )
        for id_, label, colour, href, title in COUNTERS
    ]
    return html.Div(
        [
            dcc.Interval(id=ids.COUNTERS_TICK, interval=REFRESH_SECONDS * 1000),
            dcc.Store(id=ids.COUNTERS_REFRESH, data=0),
            *[counter_chip(*spec) for spec in specs],
        ],
        className="counters-bar d-flex align-items-center flex-wrap",
    )
