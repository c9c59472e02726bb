"""/analytics layout builders: the filter bar, one card per chart, and the figures.

A figure is drawn from the aggregated frame of data.analytics, the same frame its CSV holds.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
import plotly.graph_objects as go
from babel.dates import format_date
from dash import dcc, html

from components import ids
from components.dropdown import dropdown
from components.i18n import N_, _, count, n_, rate
from components.widgets import date_field, label_target
from data.analytics import Totals
from data.analytics_selection import PERIODS, Period
from data.states import NO_DATE, OVERDUE, STATE_COLOURS, TODAY, UPCOMING

TITLES = {
    "overdue-trend": N_("Overdue tasks per day"),
    "completion": N_("Completion and on-time rates per person"),
    "workload": N_("Open workload per person, now"),
    "ageing": N_("Overdue open tasks by days overdue"),
    "by-status": N_("Notes by status"),
    "by-action": N_("Notes by action"),
    "by-category": N_("Notes by category"),
}
COMPLETED_COLOUR = "#198754"
ON_TIME_COLOUR = "#0d6efd"
NOTES_COLOUR = "#6f42c1"
AGEING_COLOURS = ("#f0ad4e", "#fd7e14", "#dc3545", "#842029")
# Keep the picture download and the zoom reset; the rest is noise for these charts.
MODEBAR_REMOVED = ["zoom2d", "pan2d", "select2d", "lasso2d", "zoomIn2d", "zoomOut2d", "autoScale2d"]
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"


GRAPH_IDS = {
    "overdue-trend": ids.ANALYTICS_OVERDUE_TREND,
    "completion": ids.ANALYTICS_COMPLETION,
    "workload": ids.ANALYTICS_WORKLOAD,
    "ageing": ids.ANALYTICS_AGEING,
    "by-status": ids.ANALYTICS_BY_STATUS,
    "by-action": ids.ANALYTICS_BY_ACTION,
    "by-category": ids.ANALYTICS_BY_CATEGORY,
}


def graph_id(chart: str) -> str:
    return GRAPH_IDS[chart]


def csv_id(chart: str) -> str:
    return f"{ids.ANALYTICS_CSV}-{chart}"


def _labelled(label: str, control, error_id: str | None = None) -> dbc.Col:
    return dbc.Col(
        [
            dbc.Label(label, html_for=label_target(control), className="fw-semibold small mb-1"),
            control,
            html.Div(id=error_id, className="field-error") if error_id else None,
        ],
        xs=12,
        sm=6,
        lg=2,
        className="mb-2",
    )


def filter_bar(query: dict) -> dbc.Card:
    """Team, person and period; the initial values come from the address bar."""
    period = query.get("period") or str(PERIODS[0])
    return dbc.Card(
        dbc.CardBody(
            dbc.Row(
                [
                    _labelled(
                        _("Team"),
                        dropdown(ids.ANALYTICS_TEAM, placeholder=_("All"), **_asked(query, "team")),
                    ),
                    _labelled(
                        _("Person"),
                        dropdown(ids.ANALYTICS_REP, placeholder=_("All"), **_asked(query, "rep")),
                    ),
                    _labelled(
                        _("Period"),
                        dbc.RadioItems(
                            id=ids.ANALYTICS_PERIOD,
                            options=[
                                {"label": n_("{n} day", "{n} days", n), "value": str(n)}
                                for n in PERIODS
                            ],
                            value=period,
                            inline=True,
                            className="pt-1",
                        ),
                    ),
                    _labelled(
                        _("From"),
                        date_field(ids.ANALYTICS_FROM, query.get("from")),
                        ids.ANALYTICS_FROM_ERROR,
                    ),
                    _labelled(
                        _("To"),
                        date_field(ids.ANALYTICS_TO, query.get("to")),
                        ids.ANALYTICS_TO_ERROR,
                    ),
                    dbc.Col(
                        html.Div(
                            _("From / To replace the period; empty To means today."),
                            className="form-text",
                        ),
                        xs=12,
                        lg=2,
                        className="mb-2 d-flex align-items-end",
                    ),
                ],
                className="g-3",
            ),
            className="pb-1",
        ),
        className="mb-3",
    )


def _asked(query: dict, name: str) -> dict:
    """The value the address bar asks for, with an option of its own until the real ones
    arrive: a dropdown drops a value none of its options has, and with it the message
    saying why that team or person is refused."""
    value = query.get(name)
    if not value:
        return {"value": None, "options": []}
    value = int(value) if value.isdigit() else value
    return {"value": value, "options": [kept_option(value)]}


def kept_option(value) -> dict:
    """A chosen value the viewer may not have, shown as asked and not selectable again."""
    return {"label": f"#{value}", "value": value, "disabled": True}


def choice_options(choices: list[tuple[int, str]], kept: object = None) -> list[dict]:
    """A picker's options (id, name), and the asked value the viewer may not pick, if any."""
    options = [{"label": name, "value": value} for value, name in choices]
    return options if kept is None else [*options, kept_option(kept)]


def csv_href(chart: str, query: str) -> str:
    """The chart's CSV, for the same selection (Selection.to_query)."""
    return f"/export/analytics/{chart}.csv?{query}"


def chart_card(chart: str) -> dbc.Card:
    """A chart drawn in SVG says nothing to a screen reader: it is a figure named by its
    title, whose data, as text, is the CSV link inside it."""
    return dbc.Card(
        html.Figure(
            [
                dcc.Graph(
                    id=graph_id(chart),
                    figure=empty_figure(_(TITLES[chart]), "…"),
                    config={"displaylogo": False, "modeBarButtonsToRemove": MODEBAR_REMOVED},
                ),
                html.A(
                    [html.I(className="bi bi-download me-1"), _("Download the data as CSV")],
                    id=csv_id(chart),
                    href=f"/export/analytics/{chart}.csv",
                    className="small",
                ),
            ],
            className="card-body p-2 mb-0",
            **{"aria-label": _(TITLES[chart])},
        ),
        className="h-100",
    )


def summary(items: list[tuple[str, str, str]], period: str) -> list:
    """(label, value, Bootstrap colour) chips above the charts, then the period's dates."""
    chips = [
        html.Span(
            [
                dbc.Badge(value, color=colour, className="me-1 fs-6"),
                html.Span(label, className="small text-secondary"),
            ],
            className="me-4 d-inline-flex align-items-center",
        )
        for label, value, colour in items
    ]
    return [*chips, html.Span(period, className="small text-secondary")]


def period_summary(sums: Totals, period: Period, locale: str) -> list:
    """The summary of the figures (data.analytics.totals) and the period's first and last day."""
    first, last = (format_date(d, "d MMM y", locale=locale) for d in (period.first, period.last))
    return summary(
        [
            (_("overdue now"), count(sums.overdue), "danger"),
            (n_("open task", "open tasks", sums.open), count(sums.open), "secondary"),
            (_("completed of those due"), rate(sums.completion_rate), "success"),
            (_("completed on time"), rate(sums.on_time_rate), "primary"),
        ],
        n_(
            "{first} – {last} ({n} day)",
            "{first} – {last} ({n} days)",
            len(period.days),
            first=first,
            last=last,
        ),
    )


# --- figures -------------------------------------------------------------------------------


def _layout(fig: go.Figure, title: str, height: int = 320, **extra) -> go.Figure:
    fig.update_layout(
        template="plotly_white",
        title={"text": title, "x": 0.01, "font": {"size": 15}},
        font={"family": FONT, "size": 12},
        height=height,
        margin={"l": 10, "r": 10, "t": 48, "b": 10},
        # Stacked bars list their legend backwards unless told otherwise.
        legend={"orientation": "h", "y": -0.15, "x": 0, "traceorder": "normal"},
        **extra,
    )
    fig.update_xaxes(automargin=True)
    fig.update_yaxes(automargin=True)
    return fig


def empty_figure(title: str, text: str) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=text, showarrow=False, font={"size": 14, "color": "#6c757d"})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _layout(fig, title)


def _per_person_height(frame: pd.DataFrame, per_row: int = 34) -> int:
    return max(280, 110 + per_row * len(frame))


def trend_figure(frame: pd.DataFrame, title: str) -> go.Figure:
    fig = go.Figure(
        go.Scatter(
            x=frame["day"],
            y=frame["overdue"],
            mode="lines+markers" if len(frame) <= 31 else "lines",
            line={"color": STATE_COLOURS[OVERDUE], "width": 2},
            fill="tozeroy",
            fillcolor="rgba(220, 53, 69, 0.12)",
            name=_("Overdue tasks"),
            hovertemplate="%{x|%d/%m/%Y}: %{y}<extra></extra>",
        )
    )
    _layout(fig, title, yaxis_title=_("Overdue tasks"), showlegend=False)
    fig.update_yaxes(rangemode="tozero")
    fig.update_xaxes(tickformat="%d/%m")  # numbers: plotly's month names are English
    return fig


def completion_figure(frame: pd.DataFrame, title: str) -> go.Figure:
    fig = go.Figure()
    for column, part, whole, label, colour in (
        ("completion_rate", "completed", "due", _("Completed (of due)"), COMPLETED_COLOUR),
        (
            "on_time_rate",
            "on_time",
            "completed_in_period",
            _("On time (of completed)"),
            ON_TIME_COLOUR,
        ),
    ):
        texts = [
            f"{rate(value)} ({count(p)}/{count(w)})" if w else "—"
            for value, p, w in zip(frame[column], frame[part], frame[whole], strict=True)
        ]
        fig.add_bar(
            y=frame["rep"],
            x=frame[column].fillna(0),
            orientation="h",
            name=label,
            marker_color=colour,
            text=texts,
            textposition="auto",
            hovertemplate="%{y}: %{text}<extra>" + label + "</extra>",
        )
    _layout(fig, title, _per_person_height(frame, 56), barmode="group")
    fig.update_traces(textposition="outside", cliponaxis=False, textfont_size=11)
    ticks = list(range(0, 101, 20))
    fig.update_xaxes(range=[0, 118], tickvals=ticks, ticktext=[rate(v, decimals=0) for v in ticks])
    fig.update_yaxes(autorange="reversed")
    return fig


def workload_figure(frame: pd.DataFrame, title: str) -> go.Figure:
    fig = go.Figure()
    for column, label, state in (
        ("overdue", _("Overdue"), OVERDUE),
        ("due_today", _("Due today"), TODAY),
        ("later", _("Later"), UPCOMING),
        ("no_date", _("No date"), NO_DATE),
    ):
        fig.add_bar(
            y=frame["rep"],
            x=frame[column],
            orientation="h",
            name=label,
            marker_color=STATE_COLOURS[state],
            hovertemplate="%{y}: %{x}<extra>" + label + "</extra>",
        )
    _layout(fig, title, _per_person_height(frame), barmode="stack")
    fig.update_yaxes(autorange="reversed")
    return fig


def ageing_figure(frame: pd.DataFrame, title: str) -> go.Figure:
    fig = go.Figure(
        go.Bar(
            x=[_("{range} days", range=label) for label in frame["days_overdue"]],
            y=frame["tasks"],
            marker_color=list(AGEING_COLOURS),
            text=frame["tasks"],
            textposition="auto",
            hovertemplate="%{x}: %{y}<extra></extra>",
        )
    )
    _layout(fig, title, yaxis_title=_("Overdue open tasks"), showlegend=False)
    return fig


def notes_figure(frame: pd.DataFrame, dimension: str, title: str) -> go.Figure:
    fig = go.Figure(
        go.Bar(
            y=frame[dimension],
            x=frame["notes"],
            orientation="h",
            marker_color=NOTES_COLOUR,
            text=frame["notes"],
            textposition="auto",
            hovertemplate="%{y}: %{x}<extra></extra>",
        )
    )
    _layout(fig, title, _per_person_height(frame), showlegend=False)
    fig.update_yaxes(autorange="reversed")
    return fig


def figure(chart: str, frame: pd.DataFrame) -> go.Figure:
    title = _(TITLES[chart])
    if frame.empty:
        return empty_figure(title, _("Nothing to show for this selection."))
    if chart == "overdue-trend":
        return trend_figure(frame, title)
    if chart == "completion":
        return completion_figure(frame, title)
    if chart == "workload":
        return workload_figure(frame, title)
    if chart == "ageing":
        return ageing_figure(frame, title)
    return notes_figure(frame, chart.removeprefix("by-"), title)
