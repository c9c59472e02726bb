"""The audit log: who changed what, when, one row per change (bulk changes: see data/bulk)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import insert, update
from sqlalchemy.orm import Session

from data.models import AuditEvent


def record(
    s: Session,
    actor_id: int,
    action: str,
    target: tuple[str, int | None],
    at: datetime,
    before: dict | None = None,
    after: dict | None = None,
) -> int:
    """One audit event in the caller's transaction: `target` is (type, id); returns its id."""
    target_type, target_id = target
    row = dict(actor_id=actor_id, at=at, action=action, before=before, after=after)
    return s.execute(
        insert(AuditEvent)
        .values(**row, target_type=target_type, target_id=target_id)
        .returning(AuditEvent.id)
    ).scalar_one()


def complete(s: Session, event_id: int, after: dict) -> None:
    """What a long action (an export) did, written over what its event said at the start."""
    s.execute(update(AuditEvent).where(AuditEvent.id == event_id).values(after=after))
