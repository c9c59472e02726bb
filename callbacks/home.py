"""My day: fills the two lists from the data layer."""

from __future__ import annotations

from dash import Dash, Input, Output, ctx, html

from components import ids
from components.i18n import _
from components.tasks import task_item
from data import clock, notifications
from data.i18n import format_instant
from data.myday import my_day
from web.context import current_db, current_viewer


def _items(tasks, total: int, viewer, empty: str, time_only: bool = False):
    if not tasks:
        return [html.Div(empty, className="list-group-item text-secondary fst-italic")]
    items = [task_item(t, viewer, time_only) for t in tasks]
    if total > len(tasks):
        items.append(
            html.Div(
                _("showing {shown} of {total}", shown=len(tasks), total=total),
                className="list-group-item small text-secondary",
            )
        )
    return items


def _scope_text(viewer) -> str:
    if viewer.is_admin:
        return _("All open tasks, oldest first.")
    if viewer.is_manager:
        return _("Your team's open tasks, oldest first.")
    return _("Your open tasks, oldest first.")


def register(app: Dash) -> None:
    @app.callback(
        Output(ids.MYDAY_GREETING, "children"),
        Output("myday-scope", "children"),
        Output(ids.MYDAY_OVERDUE, "children"),
        Output(ids.MYDAY_OVERDUE_COUNT, "children"),
        Output(ids.MYDAY_TODAY, "children"),
        Output(ids.MYDAY_TODAY_COUNT, "children"),
        Input(ids.URL, "pathname"),
    )
    def show_my_day(_pathname):
        viewer = current_viewer()
        with current_db().session() as s:
            day = my_day(s, viewer, clock.now())
        return (
            _("Hello {name}", name=viewer.name),
            _scope_text(viewer),
            _items(day.overdue, day.overdue_total, viewer, _("Nothing overdue. Well done!")),
            str(day.overdue_total),
            _items(day.today, day.today_total, viewer, _("Nothing else due today."), True),
            str(day.today_total),
        )


def _notification_items(items, viewer):
    if not items:
        return [html.Div(_("No unread notification."), className="list-group-item text-secondary")]
    return [
        html.Div(
            [
                html.Span(item.message.translated(viewer.locale), className="me-auto"),
                html.Small(
                    format_instant(item.created_at, viewer.time_zone, viewer.locale),
                    className="text-secondary ms-3",
                ),
            ],
            className="list-group-item d-flex notification-item",
        )
        for item in items
    ]


def register_notifications(app: Dash) -> None:
    @app.callback(
        Output(ids.NAVBAR_BELL_COUNT, "children"),
        Input(ids.URL, "pathname"),
    )
    def bell_count(_pathname):
        with current_db().session() as s:
            return str(notifications.unread_count(s, current_viewer()))

    @app.callback(
        Output(ids.MYDAY_NOTIFICATIONS, "children"),
        Output(ids.NAVBAR_BELL_COUNT, "children", allow_duplicate=True),
        Input(ids.MYDAY_MARK_READ, "n_clicks"),
        prevent_initial_call="initial_duplicate",
    )
    def my_notifications(mark):
        viewer = current_viewer()
        with current_db().session() as s:
            if ctx.triggered_id == ids.MYDAY_MARK_READ and mark:
                notifications.mark_all_read(s, viewer, clock.now())
            items = notifications.recent(s, viewer)
            unread = notifications.unread_count(s, viewer)
        return _notification_items(items, viewer), str(unread)
