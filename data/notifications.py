"""What a user should see: their notifications, newest first, and the unread count."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, aliased

from data.bulk.undo import UNDO_ACTION
from data.errors import Message, _msg, _nmsg
from data.models import AuditEvent, Customer, Notification, User
from data.scope import Viewer

actor_user = aliased(User, name="actor_user")
subject_user = aliased(User, name="subject_user")


@dataclass(frozen=True)
class NotificationItem:
    id: int
    kind: str
    message: Message
    created_at: datetime
    read: bool
    note_id: int | None = None
    customer_id: int | None = None

    @property
    def link(self) -> str | None:
        """Where the notification opens: its note in the form of /notes, else its customer's
        notes; None when it names neither (a digest of several tasks)."""
        if self.note_id:
            return f"/notes?note={self.note_id}"
        if self.customer_id:
            return f"/notes?customer={self.customer_id}"
        return None


def unread_count(s: Session, viewer: Viewer) -> int:
    query = select(func.count()).where(
        Notification.recipient_id == viewer.id, Notification.read_at.is_(None)
    )
    return s.scalar(query) or 0


def message_for(
    kind: str,
    count: int,
    actor: str | None,
    subject: str | None,
    customer: str | None,
    digest: bool = False,
    undo: bool = False,
) -> Message:
    """The sentence a person reads; a digest (one per person per bulk batch) counts tasks,
    and says so when the batch undid an earlier one."""
    actor = actor or "?"
    if undo and digest:
        return undo_message(kind, count, actor)
    if kind == "assigned" and digest:
        return _nmsg(
            "{n} task assigned to you by {actor}",
            "{n} tasks assigned to you by {actor}",
            count,
            actor=actor,
        )
    if kind == "reassigned" and digest:
        if subject:
            return _nmsg(
                "{n} of your tasks was reassigned to {name} by {actor}",
                "{n} of your tasks were reassigned to {name} by {actor}",
                count,
                name=subject,
                actor=actor,
            )
        return _nmsg(
            "{n} of your tasks was taken back by {actor}",
            "{n} of your tasks were taken back by {actor}",
            count,
            actor=actor,
        )
    if kind == "assigned":
        return _msg("{actor} assigned you a task ({customer})", actor=actor, customer=customer)
    if kind == "reassigned":
        return _msg("{actor} reassigned a task to you ({customer})", actor=actor, customer=customer)
    if kind == "completed":
        return _msg("{actor} completed your task ({customer})", actor=actor, customer=customer)
    return _msg("{actor}: {kind}", actor=actor, kind=kind)


def undo_message(kind: str, count: int, actor: str) -> Message:
    if kind == "assigned":
        return _nmsg(
            "{actor} undid a bulk change: {n} task is back with you",
            "{actor} undid a bulk change: {n} tasks are back with you",
            count,
            actor=actor,
        )
    return _nmsg(
        "{actor} undid a bulk change: {n} of your tasks went back to its previous assignee",
        "{actor} undid a bulk change: {n} of your tasks went back to their previous assignee",
        count,
        actor=actor,
    )


def _of_an_undo():
    """Whether the notification's batch undid another one (its audit events say so)."""
    return (
        select(AuditEvent.id)
        .where(AuditEvent.batch_id == Notification.batch_id, AuditEvent.action == UNDO_ACTION)
        .exists()
    )


def recent(s: Session, viewer: Viewer, limit: int = 10, unread_only: bool = True):
    """The viewer's latest notifications, newest first (SQL-limited)."""
    query = (
        select(
            Notification.id,
            Notification.kind,
            Notification.item_count,
            Notification.batch_id,
            Notification.created_at,
            Notification.read_at,
            Notification.note_id,
            Notification.customer_id,
            actor_user.name.label("actor"),
            subject_user.name.label("subject"),
            Customer.name.label("customer"),
            _of_an_undo().label("undo"),
        )
        .outerjoin(actor_user, actor_user.id == Notification.actor_id)
        .outerjoin(subject_user, subject_user.id == Notification.subject_user_id)
        .outerjoin(Customer, Customer.id == Notification.customer_id)
        .where(Notification.recipient_id == viewer.id)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
        .limit(max(1, min(limit, 100)))
    )
    if unread_only:
        query = query.where(Notification.read_at.is_(None))
    return [
        NotificationItem(
            id=row.id,
            kind=row.kind,
            message=message_for(
                row.kind,
                row.item_count or 1,
                row.actor,
                row.subject,
                row.customer or "—",
                digest=row.batch_id is not None,
                undo=bool(row.undo),
            ),
            created_at=row.created_at,
            read=row.read_at is not None,
            # A digest counts several tasks: it opens none of them.
            note_id=row.note_id if row.batch_id is None else None,
            customer_id=row.customer_id if row.batch_id is None else None,
        )
        for row in s.execute(query)
    ]


def mark_all_read(s: Session, viewer: Viewer, now: datetime) -> int:
    """One UPDATE: every unread notification of the viewer (and only theirs) is read."""
    result = s.execute(
        update(Notification)
        .where(Notification.recipient_id == viewer.id, Notification.read_at.is_(None))
        .values(read_at=now)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount
