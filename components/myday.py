"""My day's parts: the task and notification cards, their lists (with "showing n of N"),
whose tasks they are, and the export of my open tasks."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from components import ids
from components.exports import file_buttons
from components.i18n import _
from components.tasks import task_item
from components.widgets import link_button, shown_of_total
from data.i18n import format_instant
from data.myday import TaskRow
from data.scope import Viewer


def task_list(tasks: list[TaskRow], total: int, viewer: Viewer, empty: str, time_only=False):
    """The first tasks; `empty` when there is none, "showing n of N" when there are more."""
    if not tasks:
        return [html.Div(empty, className="list-group-item text-secondary fst-italic")]
    items = [task_item(t, viewer, time_only) for t in tasks]
    if total > len(tasks):
        items.append(shown_of_total(len(tasks), total))
    return items


def scope_text(viewer: Viewer) -> str:
    """Whose tasks the lists hold, by role (data.scope)."""
    if viewer.is_admin:
        return _("All open tasks, oldest first.")
    if viewer.is_manager:
        return _("Your team's open tasks, oldest first.")
    return _("Your open tasks, oldest first.")


def notification_items(items, viewer: Viewer) -> list:
    """The latest notifications (data.notifications.recent), in the viewer's language."""
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


def task_section(title: str, icon: str, list_id: str, count_id: str, colour: str) -> dbc.Card:
    return dbc.Card(
        [
            dbc.CardHeader(
                [
                    html.I(className=f"bi {icon} me-2"),
                    html.Span(title, className="me-2"),
                    dbc.Badge(
                        "…",
                        id=count_id,
                        color=colour,
                        text_color="dark" if colour == "warning" else None,
                        pill=True,
                    ),
                ],
                className="fw-semibold",
            ),
            html.Div(id=list_id, className="list-group list-group-flush"),
        ],
        className="shadow-sm h-100",
    )


def my_tasks_export(user_id: int) -> html.Div:
    """My open tasks (assigned to me, not completed) as a file: the /notes filter rep=<me>."""
    query = f"rep={user_id}"
    return html.Div(
        [
            html.Span(_("Export my open tasks"), className="me-2 text-secondary small"),
            file_buttons(
                ids.EXPORT_MY_TASKS_CSV,
                f"/export/notes.csv?{query}",
                ids.EXPORT_MY_TASKS_XLSX,
                f"/export/notes.xlsx?{query}",
            ),
        ],
        className="d-flex align-items-center mt-3",
    )


def notifications_section() -> dbc.Card:
    return dbc.Card(
        [
            dbc.CardHeader(
                [
                    html.I(className="bi bi-bell me-2"),
                    html.Span(_("Notifications"), className="me-auto"),
                    link_button(_("Mark all as read"), ids.MYDAY_MARK_READ),
                ],
                className="fw-semibold d-flex align-items-center",
                id="notifications",
            ),
            html.Div(id=ids.MYDAY_NOTIFICATIONS, className="list-group list-group-flush"),
        ],
        className="shadow-sm mb-3",
    )
