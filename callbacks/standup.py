"""/standup: the screen's content every minute, the team picker, and the TV links.

The content callback is the only one a TV link may call (with the pages router): the app
factory gives `TV_CONTENT` to the guard's allow-list (web/standup_link.py). It reads the
token from its own input and checks it again, so the team always comes from the link's row.
"""

from __future__ import annotations

from urllib.parse import parse_qs

from dash import ALL, Input, Output, State, ctx, no_update
from dash.exceptions import PreventUpdate
from flask import current_app, request
from flask_login import current_user

from callbacks.common import alert, bump, clicked
from callbacks.refusals import refusal_text
from callbacks.registry import callback, clientside
from components import ids
from components.i18n import _
from components.standup import content, created_alert, links_list, message, updated_line
from data import clock
from data.errors import NotAllowed, Refusal
from data.standup import choose_team, standup, teams_for
from data.standup_links import LINK_ENDED, active_links, create_link, revoke_link
from web.context import current_db, current_viewer, request_locale
from web.standup_link import STANDUP_PATH, TvCallback, verified_link

REVOKE_ID = {"type": ids.STANDUP_REVOKE, "link": ALL}

# The content callback's outputs and inputs, in this order: Dash names the callback after its
# outputs in order, and the guard reads the inputs by position (TV_CONTENT).
CONTENT_OUTPUTS = dict(
    content=Output(ids.STANDUP_CONTENT, "children"),
    team_name=Output(ids.STANDUP_TEAM_NAME, "children"),
    updated=Output(ids.STANDUP_UPDATED, "children"),
)
CONTENT_INPUTS = dict(
    _tick=Input(ids.STANDUP_TICK, "n_intervals"),
    source=Input(ids.STANDUP_SOURCE, "data"),
)


def _token_of(values: list) -> object:
    source = dict(zip(CONTENT_INPUTS, values, strict=True))["source"]
    return source.get("token") if isinstance(source, dict) else None


# The content callback, as the TV-link guard lets a token call it.
TV_CONTENT = TvCallback(
    outputs=tuple((o.component_id, o.component_property) for o in CONTENT_OUTPUTS.values()),
    inputs=tuple((i.component_id, i.component_property) for i in CONTENT_INPUTS.values()),
    token_of=_token_of,
)


def link_url(token: str) -> str:
    """The address a TV opens: this server's /standup with the token."""
    return f"{request.host_url.rstrip('/')}{STANDUP_PATH}?token={token}"


def _secret() -> str:
    return current_app.config["SECRET_KEY"]


def _team_and_zone(source: dict) -> tuple[int, str]:
    """Whose stand-up to show, in which zone: a TV link's team, or the team a manager picked.
    NotAllowed when neither (the guard refuses a request without a link or a session)."""
    if "token" in source:
        link = verified_link(source["token"])
        if link is None:
            raise NotAllowed(LINK_ENDED)
        return link.team_id, link.time_zone
    if not current_user.is_authenticated:
        raise NotAllowed()
    viewer = current_viewer()
    with current_db().session() as s:
        return choose_team(s, viewer, source.get("team")), viewer.time_zone


@callback(output=CONTENT_OUTPUTS, inputs=CONTENT_INPUTS)
def show_standup(_tick, source) -> dict:
    now = clock.now()
    try:
        team_id, time_zone = _team_and_zone(source if isinstance(source, dict) else {})
    except NotAllowed as refused:
        return dict(content=message(refusal_text(refused)), team_name="", updated="")
    with current_db().session() as s:
        board = standup(s, team_id, time_zone, now)
    locale = request_locale()
    return dict(
        content=content(board, time_zone, locale),
        team_name=board.team_name,
        updated=updated_line(now, time_zone, locale),
    )


@callback(
    output=dict(
        options=Output(ids.STANDUP_TEAM, "options"),
        value=Output(ids.STANDUP_TEAM, "value"),
    ),
    inputs=dict(search=Input(ids.URL, "search")),
)
def team_choices(search) -> dict:
    requested = parse_qs((search or "").lstrip("?")).get("team", [None])[0]
    viewer = current_viewer()
    with current_db().session() as s:
        teams = teams_for(s, viewer)
        try:
            chosen = choose_team(s, viewer, requested)
        except NotAllowed:
            chosen = None
    return dict(options=[{"label": name, "value": tid} for tid, name in teams], value=chosen)


# The picked team becomes the content's source, without a round trip.
clientside(
    """
    function (team, source) {
        if (team === null || team === undefined || (source && source.team === team)) {
            return window.dash_clientside.no_update;
        }
        return {team: team};
    }
    """,
    Output(ids.STANDUP_SOURCE, "data"),
    Input(ids.STANDUP_TEAM, "value"),
    State(ids.STANDUP_SOURCE, "data"),
    prevent_initial_call=True,
)


@callback(
    output=dict(is_open=Output(ids.STANDUP_LINKS_COLLAPSE, "is_open")),
    inputs=dict(_clicks=Input(ids.STANDUP_LINKS_TOGGLE, "n_clicks")),
    state=dict(is_open=State(ids.STANDUP_LINKS_COLLAPSE, "is_open")),
    prevent_initial_call=True,
)
def toggle_links(_clicks, is_open) -> dict:
    return dict(is_open=not is_open)


@callback(
    output=dict(links=Output(ids.STANDUP_LINKS, "children")),
    inputs=dict(
        team=Input(ids.STANDUP_TEAM, "value"),
        _refresh=Input(ids.STANDUP_LINKS_REFRESH, "data"),
    ),
)
def show_links(team, _refresh) -> dict:
    if team is None:
        return dict(links="")
    viewer = current_viewer()
    try:
        with current_db().session() as s:
            links = active_links(s, viewer, _secret(), team, clock.now())
    except NotAllowed as refused:
        return dict(links=alert(refusal_text(refused), "danger"))
    urls = {link.id: link_url(link.token) for link in links}
    return dict(links=links_list(links, urls, viewer.time_zone, viewer.locale))


LINK_OUTPUTS = dict(
    message=Output(ids.STANDUP_LINK_MESSAGE, "children", allow_duplicate=True),
    refresh=Output(ids.STANDUP_LINKS_REFRESH, "data", allow_duplicate=True),
)


def _next_refresh(refresh) -> int:
    return bump(refresh if isinstance(refresh, int) else None)


@callback(
    output=dict(**LINK_OUTPUTS, label=Output(ids.STANDUP_LINK_LABEL, "value")),
    inputs=dict(_create=Input(ids.STANDUP_LINK_CREATE, "n_clicks")),
    state=dict(
        team=State(ids.STANDUP_TEAM, "value"),
        days=State(ids.STANDUP_LINK_EXPIRY, "value"),
        label=State(ids.STANDUP_LINK_LABEL, "value"),
        refresh=State(ids.STANDUP_LINKS_REFRESH, "data"),
    ),
    prevent_initial_call=True,
)
def create_tv_link(_create, team, days, label, refresh) -> dict:
    if not ctx.triggered[0]["value"]:
        raise PreventUpdate
    try:
        with current_db().session() as s:
            link = create_link(s, current_viewer(), _secret(), team, days, label, clock.now())
    except Refusal as refused:  # the label stays, to be corrected
        message = alert(refusal_text(refused), "danger")
        return dict(message=message, refresh=_next_refresh(refresh), label=no_update)
    # Cleared once the link exists, so the next link does not inherit this one's label.
    message = created_alert(link_url(link.token))
    return dict(message=message, refresh=_next_refresh(refresh), label="")


@callback(
    output=LINK_OUTPUTS,
    inputs=dict(_revoke=Input(REVOKE_ID, "n_clicks")),
    state=dict(refresh=State(ids.STANDUP_LINKS_REFRESH, "data")),
    prevent_initial_call=True,
)
def revoke_tv_link(_revoke, refresh) -> dict:
    trigger = clicked()
    try:
        with current_db().session() as s:
            revoke_link(s, current_viewer(), trigger.get("link"), clock.now())
    except Refusal as refused:
        return dict(message=alert(refusal_text(refused), "danger"), refresh=_next_refresh(refresh))
    text = _("Link revoked: a TV showing it stops at its next refresh.")
    return dict(message=alert(text, "success"), refresh=_next_refresh(refresh))
