"""A task as a list row: state colour, customer, body excerpt, assignee, due time."""

from __future__ import annotations

from dash import dcc, html

from components.colours import readable_text
from components.i18n import _
from data.i18n import format_instant, format_time
from data.myday import TaskRow
from data.scope import Viewer
from data.states import STATE_LABELS

EXCERPT = 120


def excerpt(body: str, length: int = EXCERPT) -> str:
    text = " ".join(body.split())
    return text if len(text) <= length else text[: length - 1] + "…"


def note_link(note_id: int) -> str:
    """The address that opens a note in the form of /notes."""
    return f"/notes?note={note_id}"


def task_item(task: TaskRow, viewer: Viewer, time_only: bool = False) -> html.Div:
    """Rendered as text only: a body holding markup shows the markup, never runs it."""
    status = []
    if task.status:
        status = [
            html.Span(
                task.status,
                className="badge ms-2 status-badge",
                style={
                    "color": readable_text(task.status_font_color, task.status_background_color),
                    "backgroundColor": task.status_background_color,
                },
            )
        ]
    show = format_time if time_only else format_instant
    due = show(task.due_at, viewer.time_zone, viewer.locale) if task.due_at else ""
    return html.Div(
        [
            html.Div(
                [
                    # The whole row opens the note in the form of /notes (a real link).
                    dcc.Link(
                        task.customer or _("General note"),
                        href=note_link(task.id),
                        className="fw-semibold text-reset text-decoration-none stretched-link",
                    ),
                    *status,
                    html.Span(due, className="ms-auto small task-due"),
                ],
                className="d-flex align-items-center",
            ),
            html.Div(excerpt(task.body), className="small task-body"),
            html.Div(
                [
                    html.I(className="bi bi-person me-1"),
                    task.assignee or _("Unassigned"),
                    html.Span(_(STATE_LABELS[task.state]), className="ms-2 state-label"),
                ],
                className="small text-secondary",
            ),
        ],
        className=f"list-group-item list-group-item-action task-row state-{task.state}",
        **{"data-note-id": str(task.id), "data-state": task.state},
    )
