"""My day's parts: the task and notification cards, their lists (with "showing n of N", a
link to the /notes filter of all of them), whose tasks they are, the team's section, and the
export of my open tasks."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from components import ids
from components.exports import file_buttons
from components.i18n import _, n_
from components.tasks import task_item
from components.widgets import link_button, shown_of_total
from data.i18n import format_instant
from data.myday import MyDay, TaskList
from data.scope import Viewer


def task_list(tasks: TaskList, viewer: Viewer, empty: str, time_only=False, extra=()):
    """The first tasks, each opening its note; `empty` when there is none, "showing n of N"
    (a link to all N on /notes) when there are more; `extra` lines after them."""
    if not tasks.rows:
        items = [html.Div(empty, className="list-group-item text-secondary fst-italic")]
    else:
        items = [task_item(t, viewer, time_only) for t in tasks.rows]
    if tasks.total > len(tasks.rows):
        items.append(shown_of_total(len(tasks.rows), tasks.total, tasks.link))
    return [*items, *extra]


def activities_line(count: int) -> list:
    """Under my Today list: the incoming activities its counter counts too."""
    if not count:
        return []
    text = n_(
        "and {count} incoming activity received today",
        "and {count} incoming activities received today",
        count,
        count=count,
    )
    return [html.A(text, href="#activities", className="list-group-item small activities-today")]


def scope_text(viewer: Viewer) -> str:
    """Whose tasks "My tasks" holds: those the viewer's counters count (data.counters)."""
    if viewer.counter_mode == "item":
        return _("Tasks on the customers you manage, counted like your counters, oldest first.")
    return _("Tasks assigned to you, counted like your counters, oldest first.")


def team_title(viewer: Viewer) -> str:
    return _("Everyone's tasks") if viewer.is_admin else _("My team")


def team_section(day: MyDay, viewer: Viewer) -> list:
    """A manager's (an admin's: everyone's) overdue tasks and tasks due today, apart from
    "My tasks"; nothing for a rep."""
    if day.team_overdue is None or day.team_today is None:
        return []
    return [
        html.H2(team_title(viewer), className="h5 mt-2 mb-1", id=ids.MYDAY_TEAM_TITLE),
        html.P(
            _("Every open task you can see: assigned to your team or on its customers."),
            className="text-secondary small mb-2",
        ),
        dbc.Row(
            [
                dbc.Col(
                    task_section(
                        _("Team: overdue"),
                        "bi-exclamation-octagon text-danger",
                        ids.MYDAY_TEAM_OVERDUE,
                        ids.MYDAY_TEAM_OVERDUE_COUNT,
                        "danger",
                        count=str(day.team_overdue.total),
                        items=task_list(day.team_overdue, viewer, _("Nothing overdue.")),
                    ),
                    lg=6,
                    className="mb-3",
                ),
                dbc.Col(
                    task_section(
                        _("Team: due today"),
                        "bi-calendar-day text-warning",
                        ids.MYDAY_TEAM_TODAY,
                        ids.MYDAY_TEAM_TODAY_COUNT,
                        "warning",
                        count=str(day.team_today.total),
                        items=task_list(day.team_today, viewer, _("Nothing due today."), True),
                    ),
                    lg=6,
                    className="mb-3",
                ),
            ]
        ),
    ]


def notification_items(items, viewer: Viewer) -> list:
    """The latest notifications (data.notifications.recent), in the viewer's language."""
    if not items:
        return [html.Div(_("No unread notification."), className="list-group-item text-secondary")]
    return [notification_item(item, viewer) for item in items]


def notification_item(item, viewer: Viewer):
    """A notification; one naming a note or a customer is a link that opens it."""
    body = [
        html.Span(item.message.translated(viewer.locale), className="me-auto"),
        html.Small(
            format_instant(item.created_at, viewer.time_zone, viewer.locale),
            className="text-secondary ms-3",
        ),
    ]
    if item.link is None:
        return html.Div(body, className="list-group-item d-flex notification-item")
    return dcc.Link(
        body,
        href=item.link,
        className="list-group-item list-group-item-action d-flex notification-item",
    )


def task_section(
    title: str,
    icon: str,
    list_id: str,
    count_id: str,
    colour: str,
    hint: str = "",
    count: str = "…",
    items: list | None = None,
) -> dbc.Card:
    """A list of tasks under its title and count (filled by the callback, or given)."""
    return dbc.Card(
        [
            dbc.CardHeader(
                [
                    html.I(className=f"bi {icon} me-2"),
                    html.Span(title, className="me-2", title=hint or None),
                    dbc.Badge(
                        count,
                        id=count_id,
                        color=colour,
                        text_color="dark" if colour == "warning" else None,
                        pill=True,
                    ),
                ],
                className="fw-semibold",
            ),
            html.Div(items, id=list_id, className="list-group list-group-flush"),
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
