"""My day's lists: tasks (with "showing n of N"), whose tasks they are, notifications."""

from __future__ import annotations

from dash import html

from components.i18n import _
from components.tasks import task_item
from data.i18n import format_instant
from data.myday import TaskRow
from data.scope import Viewer


def task_list(tasks: list[TaskRow], total: int, viewer: Viewer, empty: str, time_only=False):
    """The first tasks; `empty` when there is none, "showing n of N" when there are more."""
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
