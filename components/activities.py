"""The incoming activities card: what the Incoming counter counts, with "close" and
"create a task"."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from components import ids
from components.i18n import N_, _
from components.widgets import shown_of_total
from data.i18n import format_instant

KINDS = {
    "incoming_call": (N_("Incoming call"), "bi-telephone-inbound"),
    "missed_call": (N_("Missed call"), "bi-telephone-x"),
    "email": (N_("E-mail"), "bi-envelope"),
    "chat": (N_("Chat"), "bi-chat-dots"),
    "order_payment": (N_("Order payment"), "bi-credit-card"),
    "comment": (N_("Comment"), "bi-chat-left-text"),
}
HIDDEN = {"display": "none"}
SHOWN: dict = {}


def activities_card() -> dbc.Card:
    return dbc.Card(
        [
            dbc.CardHeader(
                [
                    html.I(className="bi bi-inbox me-2 text-success"),
                    html.Span(_("Incoming activities"), className="me-2"),
                    dbc.Badge("…", id=ids.ACTIVITIES_COUNT, color="success", pill=True),
                ],
                className="fw-semibold",
            ),
            dcc.Store(id=ids.ACTIVITIES_CLOSED, data=None),
            html.Div(
                [
                    html.Div(id=ids.ACTIVITIES_MESSAGE, className="flex-grow-1", role="status"),
                    dbc.Button(
                        _("Undo"),
                        id=ids.ACTIVITIES_UNDO,
                        size="sm",
                        color="secondary",
                        outline=True,
                        className="me-2 text-nowrap",
                        style=HIDDEN,
                    ),
                ],
                className="d-flex align-items-center activities-feedback",
            ),
            html.Div(id=ids.ACTIVITIES_LIST, className="list-group list-group-flush"),
        ],
        className="shadow-sm mb-3",
        id="activities",
    )


def activity_list(rows: list[dict], total: int, viewer) -> list:
    """The first open activities, with "showing n of N" when there are more."""
    items = [activity_item(row, viewer) for row in rows]
    if not items:
        return [html.Div(_("No open incoming activity."), className="list-group-item")]
    if total > len(rows):
        items.append(shown_of_total(len(rows), total))
    return items


def close_refused(text: str) -> dbc.Alert:
    """Above the list, small: closing (or undoing it) was refused."""
    return feedback(text, "danger")


def feedback(text: str, colour: str) -> dbc.Alert:
    """Above the list, small: what closing an activity or undoing it did."""
    return dbc.Alert(text, color=colour, className="py-1 my-2 mx-2 small")


def activity_item(row: dict, viewer) -> html.Div:
    label, icon = KINDS.get(row["kind"], (row["kind"], "bi-dot"))
    received = format_instant(row["received_at"], viewer.time_zone, viewer.locale)
    return html.Div(
        [
            html.Div(
                [
                    html.I(className=f"bi {icon} me-2 text-success"),
                    html.Span(_(label), className="fw-semibold me-2"),
                    html.Span(row["customer"] or "", className="me-2"),
                    html.Small(received, className="text-secondary ms-auto"),
                ],
                className="d-flex align-items-center",
            ),
            html.Div(row["subject"], className="small"),
            html.Div(
                [
                    dbc.Button(
                        _("Close"),
                        id={"type": "activity-close", "id": row["id"]},
                        n_clicks=0,
                        size="sm",
                        color="secondary",
                        outline=True,
                        className="me-2",
                    ),
                    dcc.Link(
                        _("Create a task"),
                        href=f"/notes?task_from={row['id']}",
                        className="btn btn-sm btn-outline-primary",
                        id={"type": "activity-task", "id": row["id"]},
                    ),
                ],
                className="mt-1",
            ),
        ],
        className="list-group-item activity-item",
        **{"data-activity-id": str(row["id"])},
    )
