"""/analytics: the filter's choices and the charts (each chart's CSV is web/files.py)."""

from __future__ import annotations

from dash import Input, Output, State, ctx, no_update
from dash.exceptions import PreventUpdate

from callbacks.common import alert
from callbacks.refusals import field_texts
from callbacks.registry import callback
from components import ids
from components.analytics import (
    choice_options,
    csv_href,
    csv_id,
    figure,
    graph_id,
    period_summary,
)
from components.widgets import invalid_class
from data import clock
from data.analytics import all_charts, totals
from data.analytics_selection import ROLES, Selection, choices, prepare
from data.errors import Refusal
from data.i18n import normalise_locale
from web.context import current_db, current_viewer

# Messages about these fields go under them; the others above the charts.
FIELDS_NEXT_TO_INPUTS = ("from", "to")
# The charts come in three callbacks the browser asks for at once, each drawn as it is ready
# (a million notes on SQLite, 30-90 days: 300-480, 300-440 and 260-490 ms; one took 0.85-1.4 s).
# The first also reads the filter's messages and the summary (from its two charts' rows).
FIRST = ("workload", "completion")
TRENDS = ("overdue-trend", "ageing")
NOTES_BY = ("by-status", "by-action", "by-category")
# The filter's values under Selection's parameter names.
PARAMS = {
    "team": Input(ids.ANALYTICS_TEAM, "value"),
    "rep": Input(ids.ANALYTICS_REP, "value"),
    "period": Input(ids.ANALYTICS_PERIOD, "value"),
    "from": Input(ids.ANALYTICS_FROM, "date"),
    "to": Input(ids.ANALYTICS_TO, "date"),
}


def _drawn(charts: tuple[str, ...]) -> dict:
    """The outputs of a group of charts: each one's figure and CSV link."""
    return dict(
        figures={chart: Output(graph_id(chart), "figure") for chart in charts},
        csv={chart: Output(csv_id(chart), "href") for chart in charts},
    )


def _frames(params, charts: tuple[str, ...]):
    """(the selection, its view, the charts' rows); a Refusal when the filter is wrong."""
    viewer, now = current_viewer(), clock.now()
    selection = Selection.parse(params, clock.today_in(viewer.time_zone))
    with current_db().session() as s:
        view = prepare(s, viewer, selection, now)
        return selection, view, all_charts(s, view, charts)


def _drawing(selection, frames: dict) -> dict:
    return dict(
        figures={chart: figure(chart, rows) for chart, rows in frames.items()},
        csv={chart: csv_href(chart, selection.to_query()) for chart in frames},
    )


@callback(
    output=dict(
        team_options=Output(ids.ANALYTICS_TEAM, "options"),
        rep_options=Output(ids.ANALYTICS_REP, "options"),
        rep=Output(ids.ANALYTICS_REP, "value"),
    ),
    inputs=dict(team=Input(ids.ANALYTICS_TEAM, "value")),
    state=dict(rep=State(ids.ANALYTICS_REP, "value")),
)
def pickers(team, rep) -> dict:
    viewer = current_viewer()
    if viewer.role not in ROLES:
        raise PreventUpdate
    with current_db().session() as s:
        picked = choices(s, viewer, team, rep, first_call=ctx.triggered_id is None)
    return dict(
        team_options=choice_options(picked.teams, picked.kept_team),
        rep_options=choice_options(picked.people, picked.kept_rep),
        rep=no_update if picked.keep_rep else None,
    )


@callback(
    output=dict(
        error=Output(ids.ANALYTICS_ERROR, "children"),
        from_error=Output(ids.ANALYTICS_FROM_ERROR, "children"),
        to_error=Output(ids.ANALYTICS_TO_ERROR, "children"),
        from_invalid=Output(ids.ANALYTICS_FROM, "className"),
        to_invalid=Output(ids.ANALYTICS_TO, "className"),
        summary=Output(ids.ANALYTICS_SUMMARY, "children"),
        **_drawn(FIRST),
    ),
    inputs=dict(params=PARAMS),
)
def charts(params) -> dict:
    try:
        selection, view, frames = _frames(params, FIRST)
    except Refusal as refused:
        return _refused(refused)
    locale = normalise_locale(current_viewer().locale)
    return dict(
        **_field_messages({}),
        error="",
        summary=period_summary(totals(frames), view.period, locale),
        **_drawing(selection, frames),
    )


def _drawn_or_kept(params, charts: tuple[str, ...]) -> dict:
    """A group of charts drawn; a wrong filter leaves them as they were (`charts` says why)."""
    try:
        selection, _view, frames = _frames(params, charts)
    except Refusal:
        raise PreventUpdate from None
    return _drawing(selection, frames)


@callback(output=_drawn(TRENDS), inputs=dict(params=PARAMS))
def trend_charts(params) -> dict:
    """The overdue trend and the ageing."""
    return _drawn_or_kept(params, TRENDS)


@callback(output=_drawn(NOTES_BY), inputs=dict(params=PARAMS))
def notes_by_charts(params) -> dict:
    """The notes by status, action and category (one statement)."""
    return _drawn_or_kept(params, NOTES_BY)


def _field_messages(near: dict[str, str]) -> dict:
    """The messages under From and To, and the fields marked invalid."""
    return dict(
        from_error=near.get("from", ""),
        to_error=near.get("to", ""),
        from_invalid=invalid_class(bool(near.get("from"))),
        to_invalid=invalid_class(bool(near.get("to"))),
    )


def _refused(refused: Refusal) -> dict:
    """The charts keep what they showed; each message goes where it belongs."""
    texts = field_texts(refused, FIELDS_NEXT_TO_INPUTS)
    near = {f: text for f, text in zip(FIELDS_NEXT_TO_INPUTS, texts, strict=True) if text}
    others = field_texts(refused, [f for f in refused.errors if f not in FIELDS_NEXT_TO_INPUTS])
    return dict(
        **_field_messages(near),
        error=alert(" ".join(others), "danger") if others else "",
        summary=no_update,
        figures={chart: no_update for chart in FIRST},
        csv={chart: no_update for chart in FIRST},
    )
