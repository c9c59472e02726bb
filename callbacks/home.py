"""My day: my task lists (counted like my counters), the team's for a manager, the
notifications, and the bell count in the navbar."""

from __future__ import annotations

from dash import Input, Output, ctx

from callbacks.registry import callback
from components import ids
from components.i18n import _
from components.myday import (
    activities_line,
    notification_items,
    scope_text,
    task_list,
    team_section,
)
from components.shell import bell_class
from data import clock, notifications
from data.myday import my_day
from data.types import as_id
from web.context import current_db, current_viewer


@callback(
    output=dict(
        greeting=Output(ids.MYDAY_GREETING, "children"),
        scope=Output(ids.MYDAY_SCOPE, "children"),
        planned=Output(ids.MYDAY_PLANNED, "children"),
        planned_count=Output(ids.MYDAY_PLANNED_COUNT, "children"),
        today=Output(ids.MYDAY_TODAY, "children"),
        today_count=Output(ids.MYDAY_TODAY_COUNT, "children"),
        team=Output(ids.MYDAY_TEAM, "children"),
    ),
    inputs=dict(_pathname=Input(ids.URL, "pathname")),
)
def show_my_day(_pathname) -> dict:
    viewer = current_viewer()
    with current_db().session() as s:
        day = my_day(s, viewer, clock.now())
    return dict(
        greeting=_("Hello {name}", name=viewer.name),
        scope=scope_text(viewer),
        planned=task_list(day.planned, viewer, _("Nothing overdue. Well done!")),
        planned_count=str(day.planned.total),
        today=task_list(
            day.today, viewer, _("No task due today."), True, activities_line(day.activities_today)
        ),
        today_count=str(day.today_counter),
        team=team_section(day, viewer),
    )


@callback(
    output=dict(
        count=Output(ids.NAVBAR_BELL_COUNT, "children"),
        shown=Output(ids.NAVBAR_BELL_COUNT, "class_name"),
    ),
    inputs=dict(_pathname=Input(ids.URL, "pathname")),
)
def bell_count(_pathname) -> dict:
    with current_db().session() as s:
        unread = notifications.unread_count(s, current_viewer())
    return dict(count=str(unread), shown=bell_class(unread))


@callback(
    output=dict(
        items=Output(ids.MYDAY_NOTIFICATIONS, "children"),
        bell=Output(ids.NAVBAR_BELL_COUNT, "children", allow_duplicate=True),
        bell_shown=Output(ids.NAVBAR_BELL_COUNT, "class_name", allow_duplicate=True),
    ),
    inputs=dict(mark=Input(ids.MYDAY_MARK_READ, "n_clicks")),
    prevent_initial_call="initial_duplicate",
)
def my_notifications(mark) -> dict:
    viewer = current_viewer()
    with current_db().session() as s:
        if ctx.triggered_id == ids.MYDAY_MARK_READ and as_id(mark):  # a real click count
            notifications.mark_all_read(s, viewer, clock.now())
        items = notifications.recent(s, viewer)
        unread = notifications.unread_count(s, viewer)
    return dict(
        items=notification_items(items, viewer), bell=str(unread), bell_shown=bell_class(unread)
    )
