"""Incoming activities (calls, missed calls, e-mails, chats, order payments, comments):
the list that explains the Incoming counter, closing one, turning one into a task."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from data import audit
from data.counters import activity_scope
from data.errors import NotAllowed, StaleVersion, _msg
from data.models import Activity, Customer
from data.scope import Viewer, visible_activities
from data.types import as_id, as_text

LIST_LIMIT = 20
CHANGED_SINCE = _msg("Not undone: this activity changed since you closed it.")


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


@dataclass(frozen=True)
class ClosedActivity:
    """What closing left behind: enough to say so and to undo it (the closing instant is the
    activity's version: any later close or reopen changes it)."""

    id: int
    subject: str
    closed_at: datetime

    def token(self) -> dict:
        """What the browser keeps to offer "undo"."""
        return {"id": self.id, "closed_at": self.closed_at.isoformat()}


def close_activity(
    s: Session, viewer: Viewer, activity_id: object, now: datetime
) -> ClosedActivity:
    """Close an open activity the viewer may see; anything else (no id, absent, closed,
    outside the scope) is "not allowed"."""
    activity_id = as_id(activity_id)
    if activity_id is None:
        raise NotAllowed()
    subject = s.execute(
        update(Activity)
        .where(
            Activity.id == activity_id,
            Activity.closed_at.is_(None),
            visible_activities(viewer),
        )
        .values(closed_at=now, closed_by_id=viewer.id)
        .returning(Activity.subject)
        .execution_options(synchronize_session=False)
    ).scalar_one_or_none()
    if subject is None:
        raise NotAllowed()
    audit.record(s, viewer.id, "activity.close", ("activity", activity_id), now)
    return ClosedActivity(activity_id, subject, now)


def reopen_activity(s: Session, viewer: Viewer, token: object, now: datetime) -> str:
    """Undo `close_activity` from its token: reopen the activity only while it is still
    closed by the viewer at that instant and within their scope. Returns its subject.
    Forged or out of scope: NotAllowed; closed or reopened again since: StaleVersion."""
    activity_id, closed_at = _read_token(token)
    mine = Activity.closed_by_id == viewer.id
    subject = s.execute(
        update(Activity)
        .where(
            Activity.id == activity_id,
            Activity.closed_at == closed_at,
            mine,
            visible_activities(viewer),
        )
        .values(closed_at=None, closed_by_id=None)
        .returning(Activity.subject)
        .execution_options(synchronize_session=False)
    ).scalar_one_or_none()
    if subject is None:
        seen = select(Activity.id).where(Activity.id == activity_id, visible_activities(viewer))
        if s.scalar(seen) is None:
            raise NotAllowed()
        raise StaleVersion(message=CHANGED_SINCE)
    audit.record(s, viewer.id, "activity.reopen", ("activity", activity_id), now)
    return subject


def _read_token(token: object) -> tuple[int, datetime]:
    """The activity id and closing instant the browser kept; anything else is NotAllowed."""
    if not isinstance(token, dict) or as_id(token.get("id")) is None:
        raise NotAllowed()
    at = as_text(token.get("closed_at"))
    try:
        closed_at = datetime.fromisoformat(at) if at else None
    except ValueError:
        closed_at = None
    if closed_at is None or closed_at.tzinfo is None:
        raise NotAllowed()
    return as_id(token.get("id")), closed_at


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
