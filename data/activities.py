"""Incoming activities (calls, missed calls, e-mails, chats, order payments, comments):
the list that explains the Incoming counter, closing one, turning one into a task."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from data.counters import activity_scope
from data.errors import NotAllowed
from data.models import Activity, Customer
from data.scope import Viewer, visible_activities
from data.types import as_id

LIST_LIMIT = 20


def open_incoming(s: Session, viewer: Viewer, limit: int = LIST_LIMIT) -> tuple[int, list[dict]]:
    """What the Incoming counter counts (same clause), newest first: (total, first rows)."""
    where = activity_scope(viewer.id, viewer.counter_mode)
    total = s.scalar(select(func.count()).select_from(Activity).where(where)) or 0
    rows = s.execute(
        select(
            Activity.id,
            Activity.kind,
            Activity.subject,
            Activity.received_at,
            Activity.customer_id,
            Customer.name.label("customer"),
        )
        .outerjoin(Customer, Customer.id == Activity.customer_id)
        .where(where)
        .order_by(Activity.received_at.desc(), Activity.id.desc())
        .limit(max(1, min(limit, 200)))
    ).all()
    return total, [dict(row._mapping) for row in rows]


def close_activity(s: Session, viewer: Viewer, activity_id: object, now: datetime) -> None:
    """Close an open activity the viewer may see; anything else (no id, absent, closed,
    outside the scope) is "not allowed"."""
    activity_id = as_id(activity_id)
    if activity_id is None:
        raise NotAllowed()
    closed = s.execute(
        update(Activity)
        .where(
            Activity.id == activity_id,
            Activity.closed_at.is_(None),
            visible_activities(viewer),
        )
        .values(closed_at=now, closed_by_id=viewer.id)
        .execution_options(synchronize_session=False)
    ).rowcount
    if closed != 1:
        raise NotAllowed()


def task_prefill(s: Session, viewer: Viewer, activity_id: object) -> dict | None:
    """The note form's values for "create a task from this activity": its customer, its
    subject as the text, the viewer as assignee. None when not visible (no leak)."""
    activity_id = as_id(activity_id)
    if activity_id is None:
        return None
    row = s.execute(
        select(Activity.customer_id, Activity.subject).where(
            Activity.id == activity_id, visible_activities(viewer)
        )
    ).first()
    if row is None:
        return None
    return {"customer_id": row.customer_id, "body": row.subject, "assignee_id": viewer.id}
