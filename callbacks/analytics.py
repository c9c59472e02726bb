"""/analytics: the filter's choices and the charts (each chart's CSV is web/files.py)."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from babel.dates import format_date
from dash import Dash, Input, Output, State, ctx, no_update
from dash.exceptions import PreventUpdate

from components import ids
from components.analytics import csv_id, figure, graph_id, kept_option, summary
from components.i18n import _
from data import clock
from data.analytics import CHARTS, all_charts, totals
from data.analytics_selection import (
    ROLES,
    Selection,
    people,
    prepare,
    teams,
)
from data.errors import InvalidInput, NotAllowed
from data.i18n import normalise_locale
from web.context import current_db, current_viewer

FIELDS_NEXT_TO_INPUTS = ("from", "to")


def _alert(text) -> dbc.Alert:
    return dbc.Alert(text, color="danger", className="py-2 mb-0")


def _percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate:.1f} %"


def _summary(frames: dict, period, locale: str) -> list:
    sums = totals(frames)
    first, last = (format_date(d, "d MMM y", locale=locale) for d in (period.first, period.last))
    return summary(
        [
            (_("overdue now"), str(sums.overdue), "danger"),
            (_("open tasks"), str(sums.open), "secondary"),
            (_("completed of those due"), _percent(sums.completion_rate), "success"),
            (_("completed on time"), _percent(sums.on_time_rate), "primary"),
        ],
        _("{first} – {last} ({n} days)", first=first, last=last, n=len(period.days)),
    )


def register(app: Dash) -> None:

    @app.callback(
        Output(ids.ANALYTICS_TEAM, "options"),
        Output(ids.ANALYTICS_REP, "options"),
        Output(ids.ANALYTICS_REP, "value"),
        Input(ids.ANALYTICS_TEAM, "value"),
        State(ids.ANALYTICS_REP, "value"),
    )
    def choices(team, rep):
        viewer = current_viewer()
        if viewer.role not in ROLES:
            raise PreventUpdate
        team_id = team if isinstance(team, int) else None
        with current_db().session() as s:
            team_options = [{"label": name, "value": tid} for tid, name in teams(s, viewer)]
            try:
                found = people(s, viewer, team_id)
            except (NotAllowed, InvalidInput):
                found = people(s, viewer)  # the chart callback says why
        rep_options = [{"label": name, "value": pid} for pid, name in found]
        # A new team keeps the chosen person only if they are in it; the first call keeps
        # what the address bar asked for, so that a refusal is shown, not silently dropped.
        first_call = ctx.triggered_id is None
        keep = first_call or rep in {pid for pid, _name in found}
        if team is not None and team not in {o["value"] for o in team_options}:
            team_options.append(kept_option(team))
        if first_call and rep is not None and rep not in {pid for pid, _name in found}:
            rep_options.append(kept_option(rep))
        return team_options, rep_options, no_update if keep else None

    @app.callback(
        Output(ids.ANALYTICS_ERROR, "children"),
        Output(ids.ANALYTICS_FROM_ERROR, "children"),
        Output(ids.ANALYTICS_TO_ERROR, "children"),
        Output(ids.ANALYTICS_FROM, "invalid"),
        Output(ids.ANALYTICS_TO, "invalid"),
        Output(ids.ANALYTICS_SUMMARY, "children"),
        *[Output(graph_id(chart), "figure") for chart in CHARTS],
        *[Output(csv_id(chart), "href") for chart in CHARTS],
        Input(ids.ANALYTICS_TEAM, "value"),
        Input(ids.ANALYTICS_REP, "value"),
        Input(ids.ANALYTICS_PERIOD, "value"),
        Input(ids.ANALYTICS_FROM, "value"),
        Input(ids.ANALYTICS_TO, "value"),
    )
    def charts(team, rep, period, date_from, date_to):
        viewer, now = current_viewer(), clock.now()
        unchanged = [no_update] * (1 + 2 * len(CHARTS))
        params = {"team": team, "rep": rep, "period": period, "from": date_from, "to": date_to}
        try:
            selection = Selection.parse(params, clock.today_in(viewer.time_zone))
            with current_db().session() as s:
                view = prepare(s, viewer, selection, now)
                frames = all_charts(s, view)
        except NotAllowed as refused:
            return _alert(refused.text(viewer.locale)), "", "", False, False, *unchanged
        except InvalidInput as bad:
            locale = viewer.locale
            near = {
                f: bad.errors[f].translated(locale)
                for f in FIELDS_NEXT_TO_INPUTS
                if f in bad.errors
            }
            others = [m.translated(locale) for f, m in bad.errors.items() if f not in near]
            return (
                _alert(" ".join(others)) if others else "",
                near.get("from", ""),
                near.get("to", ""),
                "from" in near,
                "to" in near,
                *unchanged,
            )
        query = selection.to_query()
        return (
            "",
            "",
            "",
            False,
            False,
            _summary(frames, view.period, normalise_locale(viewer.locale)),
            *[figure(chart, frames[chart]) for chart in CHARTS],
            *[f"/export/analytics/{chart}.csv?{query}" for chart in CHARTS],
        )
