"""One notification per person for a bulk change or its undo, read from the batch's audit
events in one INSERT … SELECT: never one per note."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, and_, cast, func, insert, literal, null, select
from sqlalchemy.orm import Session

from data.models import AuditEvent, Notification
from data.scope import Viewer
from data.types import UTCDateTime


def digests(s: Session, viewer: Viewer, batch_id: str, to_id: int, now: datetime) -> None:
    """One notification per person, read from the batch's audit events (before the UPDATE):
    the new assignee's "N tasks assigned to you", and each previous assignee's "N of your
    tasks were reassigned to X"."""
    previous = AuditEvent.before["assignee_id"].as_integer()
    moved = and_(AuditEvent.batch_id == batch_id, previous != to_id)
    columns = [
        "recipient_id",
        "kind",
        "actor_id",
        "subject_user_id",
        "batch_id",
        "item_count",
        "created_at",
    ]
    if to_id != viewer.id:
        s.execute(
            insert(Notification).from_select(
                columns,
                select(
                    literal(to_id),
                    literal("assigned"),
                    literal(viewer.id),
                    cast(null(), Integer()),
                    literal(batch_id),
                    func.count(),
                    literal(now, UTCDateTime()),
                )
                .where(moved)
                .having(func.count() > 0),
            )
        )
    s.execute(
        insert(Notification).from_select(
            columns,
            select(
                previous,
                literal("reassigned"),
                literal(viewer.id),
                literal(to_id),
                literal(batch_id),
                func.count(),
                literal(now, UTCDateTime()),
            )
            .where(moved, previous != viewer.id)
            .group_by(previous),
        )
    )


def undo_digests(s: Session, viewer: Viewer, undo_id: str, now: datetime) -> None:
    """Each person who gets tasks back, and the one who loses them: one notification each."""
    gets_back = AuditEvent.after["assignee_id"].as_integer()
    loses = AuditEvent.before["assignee_id"].as_integer()
    of_undo = and_(AuditEvent.batch_id == undo_id, gets_back != loses)
    columns = ["recipient_id", "kind", "actor_id", "batch_id", "item_count", "created_at"]
    for recipient, kind in ((gets_back, "assigned"), (loses, "reassigned")):
        s.execute(
            insert(Notification).from_select(
                columns,
                select(
                    recipient,
                    literal(kind),
                    literal(viewer.id),
                    literal(undo_id),
                    func.count(),
                    literal(now, UTCDateTime()),
                )
                .where(of_undo, recipient != viewer.id)
                .group_by(recipient),
            )
        )
