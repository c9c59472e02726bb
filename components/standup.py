"""Layout builders of /standup: the screen a TV shows, and the managers' TV-links panel.

The screen keeps one stable frame (header, then `standup-content`); every minute only the
content's children are replaced, with keyed cards, so nothing blanks or jumps.
"""

from __future__ import annotations

from datetime import datetime

import dash_bootstrap_components as dbc
from babel.dates import format_datetime
from dash import dcc, html

from components import ids
from components.i18n import N_, _, count, n_
from components.widgets import icon_button
from data.clock import local_day, zone
from data.i18n import format_instant, normalise_locale
from data.standup import Glance, OverdueTask, RepLine, Standup
from data.standup_links import DEFAULT_EXPIRY_DAYS, EXPIRY_DAYS, LABEL_MAX_CHARS, LinkInfo

REFRESH_SECONDS = 60


def _number(value: int, kind: str, **id_) -> html.Div:
    """A count as the viewer's locale writes it ("1 326"), coloured by what it counts, muted
    when zero."""
    zero = " is-zero" if value == 0 else ""
    return html.Div(count(value), className=f"standup-num standup-num-{kind}{zero}", **id_)


# --- the screen ----------------------------------------------------------------------------


def screen(source: dict, tv: bool) -> html.Div:
    """The stand-up's root (`standup`): what the TV shows. `source` says which team:
    {"token": …} for a TV link, {"team": id or None} for a signed-in manager or admin."""
    return html.Div(
        [
            dcc.Interval(id=ids.STANDUP_TICK, interval=REFRESH_SECONDS * 1000),
            dcc.Store(id=ids.STANDUP_SOURCE, data=source),
            html.Div(
                [
                    html.Span(_("Stand-up"), className="standup-title"),
                    html.Span(id=ids.STANDUP_TEAM_NAME, className="standup-team-name"),
                    html.Span(id=ids.STANDUP_UPDATED, className="standup-updated"),
                ],
                className="standup-header",
            ),
            html.Div(id=ids.STANDUP_CONTENT, className="standup-content"),
        ],
        id=ids.STANDUP,
        className="standup standup-tv" if tv else "standup",
        # Narrower than its columns (a phone) it scrolls sideways: a keyboard reaches it.
        tabIndex=0,
        role="region",
        **{"aria-label": _("Stand-up")},
    )


def not_allowed() -> html.Div:
    """A rep (or anyone without a team to show) gets this, and no data."""
    return html.Div(
        dbc.Alert(
            [
                html.Strong(_("Not allowed")),
                html.Div(_("The stand-up screen is for managers and admins.")),
            ],
            color="warning",
            id="standup-not-allowed",
        ),
        id=ids.STANDUP,
    )


def message(text: str) -> html.Div:
    """A full-width line in place of the content (a link no longer valid, not allowed)."""
    return html.Div(text, className="standup-message")


def updated_line(now: datetime, time_zone: str, locale: str) -> str:
    tz, loc = zone(time_zone), normalise_locale(locale)
    day = format_datetime(now, "EEEE d MMMM", tzinfo=tz, locale=loc)
    time = format_datetime(now, "HH:mm", tzinfo=tz, locale=loc)
    return day + " · " + _("Updated at {time}", time=time)  # no _() in an f-string: unextracted


def _tile(value: int, kind: str, label: str, tile_id: str) -> html.Div:
    return html.Div(
        [_number(value, kind, id=tile_id), html.Div(label, className="standup-label")],
        className="standup-tile",
    )


def glance(values: Glance) -> html.Div:
    return html.Div(
        [
            _tile(values.due_today, "today", _("Still due today"), "standup-due-today"),
            _tile(values.overdue, "overdue", _("Overdue"), "standup-overdue-total"),
            _tile(values.done_yesterday, "done", _("Done yesterday"), "standup-done-yesterday"),
            _tile(values.done_today, "done", _("Done today"), "standup-done-today"),
        ],
        className="standup-glance",
        id="standup-glance",
    )


# (kind, label) of a rep's columns: their three counters, then overdue and done yesterday.
REP_COLUMNS = (
    ("incoming", N_("Incoming")),
    ("planned", N_("Planned")),
    ("today", N_("Today")),
    ("overdue", N_("Overdue")),
    ("done", N_("Done yesterday")),
)


def reps_heading() -> html.Div:
    """The column labels, once, above the reps' rows."""
    return html.Div(
        [html.Div(className="standup-rep-name")]
        + [
            html.Div(_(label), className=f"standup-label standup-counter-{kind}")
            for kind, label in REP_COLUMNS
        ],
        className="standup-reps-heading",
        **{"aria-hidden": "true"},
    )


def rep_card(rep: RepLine) -> html.Div:
    """One rep's card: a row of big numbers, aligned under `reps_heading`."""
    c = rep.counters
    values = (c.incoming, c.planned, c.today, rep.overdue, rep.done_yesterday)
    extra = {"overdue": " standup-rep-overdue", "done": " standup-rep-done-yesterday"}
    cells = [
        html.Div(
            _number(value, kind),
            className=f"standup-counter standup-counter-{kind}{extra.get(kind, '')}",
            title=_(label),
        )
        for value, (kind, label) in zip(values, REP_COLUMNS, strict=True)
    ]
    return html.Div(
        [html.Div(rep.name, className="standup-rep-name", title=rep.name), *cells],
        className="standup-rep has-overdue" if rep.overdue else "standup-rep",
        key=f"rep-{rep.user_id}",
        **{"data-user-id": str(rep.user_id)},
    )


def _due_text(task: OverdueTask, now: datetime, time_zone: str, locale: str) -> str:
    """Earlier today: the time; this year: the day; before: the day and the year."""
    tz = zone(time_zone)
    due_day, today = local_day(task.due_at, tz), local_day(now, tz)
    pattern = "d MMM" if due_day.year == today.year else "d MMM y"
    if due_day == today:
        pattern = "HH:mm"
    return format_datetime(task.due_at, pattern, tzinfo=tz, locale=normalise_locale(locale))


def overdue_list(board: Standup, time_zone: str, locale: str) -> html.Div:
    rows = [
        html.Li(
            [
                html.Span(
                    _due_text(task, board.now, time_zone, locale),
                    className="standup-due",
                    title=format_instant(task.due_at, time_zone, locale),
                ),
                html.Span(task.customer or _("General note"), className="standup-customer"),
                html.Span(task.assignee, className="standup-assignee"),
                html.Span(task.excerpt, className="standup-excerpt"),
            ],
            key=f"task-{task.note_id}",
            **{"data-note-id": str(task.note_id)},
        )
        for task in board.oldest_overdue
    ]
    body = (
        html.Ol(rows, className="standup-overdue-list")
        if rows
        else html.Div(_("Nothing overdue. Well done!"), className="standup-empty")
    )
    return html.Div(
        [html.H2(_("Oldest overdue"), className="standup-section-title"), body],
        className="standup-overdue",
        id="standup-overdue",
    )


def _widest(reps: list[RepLine]) -> int:
    """How many digits the longest number of the reps' rows has (3 at least, 5 at most)."""
    values = [v for r in reps for v in (*vars(r.counters).values(), r.overdue, r.done_yesterday)]
    return min(max(3, len(str(max(values, default=0)))), 5)


def content(board: Standup, time_zone: str, locale: str) -> list:
    reps = (
        [reps_heading(), *[rep_card(rep) for rep in board.reps]]
        if board.reps
        else [html.Div(_("No member in this team."), className="standup-empty")]
    )
    return [
        glance(board.glance),
        html.Div(
            [
                html.Div(
                    reps,
                    className=f"standup-reps standup-digits-{_widest(board.reps)}",
                    id="standup-reps",
                ),
                overdue_list(board, time_zone, locale),
            ],
            className="standup-main",
        ),
    ]


# --- signed-in page: team picker and TV links ----------------------------------------------


def toolbar() -> html.Div:
    return html.Div(
        [
            html.H1(_("Stand-up"), className="h4 mb-0 me-3"),
            html.Label(_("Team"), htmlFor=ids.STANDUP_TEAM, className="me-2 mb-0"),
            dcc.Dropdown(
                id=ids.STANDUP_TEAM,
                options=[],
                clearable=False,
                searchable=False,
                placeholder=_("Choose a team"),
                style={"minWidth": "16rem"},
            ),
            html.Span(
                _("Refreshes every minute. This is what a TV link shows."),
                className="small text-secondary ms-3",
            ),
        ],
        className="d-flex align-items-center flex-wrap mb-2",
    )


def links_panel() -> dbc.Card:
    expiry = [{"label": n_("{n} day", "{n} days", d), "value": d} for d in EXPIRY_DAYS]
    form = dbc.Row(
        [
            dbc.Col(
                [
                    dbc.Label(_("Works for"), html_for=ids.STANDUP_LINK_EXPIRY),
                    dbc.RadioItems(
                        id=ids.STANDUP_LINK_EXPIRY,
                        options=expiry,
                        value=DEFAULT_EXPIRY_DAYS,
                        inline=True,
                    ),
                ],
                md="auto",
            ),
            dbc.Col(
                [
                    dbc.Label(_("Label (optional)"), html_for=ids.STANDUP_LINK_LABEL),
                    dbc.Input(
                        id=ids.STANDUP_LINK_LABEL,
                        maxLength=LABEL_MAX_CHARS,
                        placeholder=_("e.g. Meeting room TV"),
                    ),
                ],
                md=4,
            ),
            dbc.Col(
                icon_button(
                    "tv", _("Create a TV link"), gap=2, id=ids.STANDUP_LINK_CREATE, color="primary"
                ),
                md="auto",
                className="d-flex align-items-end",
            ),
        ],
        className="g-3 mb-3",
    )
    return dbc.Card(
        [
            dbc.CardHeader(
                icon_button(
                    "link-45deg",
                    _("TV links"),
                    gap=2,
                    id=ids.STANDUP_LINKS_TOGGLE,
                    color="link",
                    className="p-0 fw-semibold",
                )
            ),
            dbc.Collapse(
                dbc.CardBody(
                    [
                        html.P(
                            _(
                                "A TV link opens this team's stand-up on a TV without "
                                "signing in. It shows this screen only, read-only, until it "
                                "expires or is revoked."
                            ),
                            className="text-secondary",
                        ),
                        form,
                        html.Div(id=ids.STANDUP_LINK_MESSAGE, className="mb-3"),
                        html.Div(id=ids.STANDUP_LINKS),
                    ]
                ),
                id=ids.STANDUP_LINKS_COLLAPSE,
                is_open=False,
            ),
            dcc.Store(id=ids.STANDUP_LINKS_REFRESH, data=0),
        ],
        className="mt-3 shadow-sm",
        id="standup-links-panel",
    )


def link_address(url: str, element_id: str) -> html.Div:
    return html.Div(
        [
            html.Code(url, id=element_id, className="standup-link-address me-2"),
            dcc.Clipboard(target_id=element_id, title=_("Copy"), className="d-inline-block"),
        ],
        className="d-flex align-items-center",
    )


def created_alert(url: str) -> dbc.Alert:
    return dbc.Alert(
        [
            html.Div(_("Link created. Open this address on the TV:"), className="mb-1"),
            link_address(url, ids.STANDUP_LINK_URL),
        ],
        color="success",
        className="mb-0",
    )


def links_list(links: list[LinkInfo], urls: dict[int, str], time_zone: str, locale: str):
    if not links:
        return html.Div(_("No active link for this team."), className="text-secondary")
    items = [
        html.Div(
            [
                html.Div(
                    [
                        html.Strong(link.label or _("TV link #{id}", id=link.id)),
                        html.Div(
                            _(
                                "Created by {name} on {date}, expires {expires}",
                                name=link.created_by,
                                date=format_instant(link.created_at, time_zone, locale),
                                expires=format_instant(link.expires_at, time_zone, locale),
                            ),
                            className="small text-secondary",
                        ),
                        link_address(urls[link.id], f"standup-link-url-{link.id}"),
                    ],
                    className="me-auto",
                    style={"minWidth": 0},
                ),
                dbc.Button(
                    _("Revoke"),
                    id={"type": ids.STANDUP_REVOKE, "link": link.id},
                    color="danger",
                    outline=True,
                    size="sm",
                    className="ms-3",
                ),
            ],
            className="list-group-item d-flex align-items-center standup-link",
            **{"data-link-id": str(link.id)},
        )
        for link in links
    ]
    return html.Div(items, className="list-group")
