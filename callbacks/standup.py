"""/standup: the screen's content every minute, the team picker, and the TV links.

The content callback is the only one a TV link may call (with the pages router): the app
factory gives `TV_CONTENT` to the guard's allow-list (web/standup_link.py). It reads the
token from its own input and checks it again, so the team always comes from the link's row.
"""

from __future__ import annotations

from urllib.parse import parse_qs

import dash_bootstrap_components as dbc
from dash import ALL, Dash, Input, Output, State, ctx
from dash.exceptions import PreventUpdate
from flask import current_app, request
from flask_login import current_user

from components import ids
from components.i18n import _
from components.standup import content, created_alert, links_list, message, updated_line
from data import clock
from data.errors import InvalidInput, NotAllowed
from data.standup import choose_team, standup, teams_for
from data.standup_links import active_links, create_link, revoke_link
from web.context import current_db, current_viewer, request_locale
from web.standup_link import STANDUP_PATH, TvCallback, verified_link

REVOKE_ID = {"type": ids.STANDUP_REVOKE, "link": ALL}

CONTENT_OUTPUTS = (
    (ids.STANDUP_CONTENT, "children"),
    (ids.STANDUP_TEAM_NAME, "children"),
    (ids.STANDUP_UPDATED, "children"),
)
CONTENT_INPUTS = ((ids.STANDUP_TICK, "n_intervals"), (ids.STANDUP_SOURCE, "data"))
# The content callback, as the TV-link guard lets a token call it.
TV_CONTENT = TvCallback(
    outputs=CONTENT_OUTPUTS,
    inputs=CONTENT_INPUTS,
    token_of=lambda values: values[1].get("token") if isinstance(values[1], dict) else None,
)


def link_url(token: str) -> str:
    """The address a TV opens: this server's /standup with the token."""
    return f"{request.host_url.rstrip('/')}{STANDUP_PATH}?token={token}"


def _alert(text: str, colour: str) -> dbc.Alert:
    return dbc.Alert(text, color=colour, className="py-2 mb-0")


def _secret() -> str:
    return current_app.config["SECRET_KEY"]


def register(app: Dash) -> None:
    @app.callback(
        *[Output(id_, prop) for id_, prop in CONTENT_OUTPUTS],
        *[Input(id_, prop) for id_, prop in CONTENT_INPUTS],
    )
    def show_standup(_tick, source):
        now, source = clock.now(), source if isinstance(source, dict) else {}
        if "token" in source:
            link = verified_link(source["token"])
            if link is None:
                return message(_("This stand-up link is no longer valid.")), "", ""
            team_id, time_zone = link.team_id, link.time_zone
        elif current_user.is_authenticated:
            viewer = current_viewer()
            time_zone = viewer.time_zone
            try:
                with current_db().session() as s:
                    team_id = choose_team(s, viewer, source.get("team"))
            except NotAllowed:
                return message(_("Not allowed")), "", ""
        else:  # the guard refuses this already; never show data without a link or a session
            return message(_("Not allowed")), "", ""
        with current_db().session() as s:
            board = standup(s, team_id, time_zone, now)
        locale = request_locale()
        return (
            content(board, time_zone, locale),
            board.team_name,
            updated_line(now, time_zone, locale),
        )

    @app.callback(
        Output(ids.STANDUP_TEAM, "options"),
        Output(ids.STANDUP_TEAM, "value"),
        Input(ids.URL, "search"),
    )
    def team_choices(search):
        requested = parse_qs((search or "").lstrip("?")).get("team", [None])[0]
        viewer = current_viewer()
        with current_db().session() as s:
            teams = teams_for(s, viewer)
            try:
                chosen = choose_team(s, viewer, requested)
            except NotAllowed:
                chosen = None
        return [{"label": name, "value": team_id} for team_id, name in teams], chosen

    # The picked team becomes the content's source, without a round trip.
    app.clientside_callback(
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

    @app.callback(
        Output(ids.STANDUP_LINKS_COLLAPSE, "is_open"),
        Input(ids.STANDUP_LINKS_TOGGLE, "n_clicks"),
        State(ids.STANDUP_LINKS_COLLAPSE, "is_open"),
        prevent_initial_call=True,
    )
    def toggle_links(_clicks, is_open):
        return not is_open

    @app.callback(
        Output(ids.STANDUP_LINKS, "children"),
        Input(ids.STANDUP_TEAM, "value"),
        Input(ids.STANDUP_LINKS_REFRESH, "data"),
    )
    def show_links(team, _refresh):
        if team is None:
            return ""
        viewer = current_viewer()
        try:
            with current_db().session() as s:
                links = active_links(s, viewer, _secret(), team, clock.now())
        except NotAllowed:
            return _alert(_("Not allowed"), "danger")
        urls = {link.id: link_url(link.token) for link in links}
        return links_list(links, urls, viewer.time_zone, viewer.locale)

    @app.callback(
        Output(ids.STANDUP_LINK_MESSAGE, "children"),
        Output(ids.STANDUP_LINKS_REFRESH, "data"),
        Input(ids.STANDUP_LINK_CREATE, "n_clicks"),
        Input(REVOKE_ID, "n_clicks"),
        State(ids.STANDUP_TEAM, "value"),
        State(ids.STANDUP_LINK_EXPIRY, "value"),
        State(ids.STANDUP_LINK_LABEL, "value"),
        State(ids.STANDUP_LINKS_REFRESH, "data"),
        prevent_initial_call=True,
    )
    def manage_links(_create, _revoke, team, days, label, refresh):
        trigger = ctx.triggered_id
        if not trigger or not ctx.triggered[0]["value"]:
            raise PreventUpdate
        viewer, now = current_viewer(), clock.now()
        bumped = (refresh or 0) + 1 if isinstance(refresh, int) else 1
        try:
            with current_db().session() as s:
                if trigger == ids.STANDUP_LINK_CREATE:
                    link = create_link(s, viewer, _secret(), team, days, label, now)
                else:
                    revoke_link(s, viewer, trigger.get("link"), now)
        except NotAllowed:
            return _alert(_("Not allowed"), "danger"), bumped
        except InvalidInput as exc:
            return _alert(exc.message.translated(viewer.locale), "danger"), bumped
        if trigger == ids.STANDUP_LINK_CREATE:
            return created_alert(link_url(link.token)), bumped
        text = _("Link revoked: a TV showing it stops at its next refresh.")
        return _alert(text, "success"), bumped
