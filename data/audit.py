"""The audit log: who changed what, when, one row per change (bulk changes: see data/bulk)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import insert
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
) -> None:
    """One audit event in the caller's transaction: `target` is (type, id)."""
    target_type, target_id = target
    row = dict(actor_id=actor_id, at=at, action=action, before=before, after=after)
    s.execute(insert(AuditEvent).values(**row, target_type=target_type, target_id=target_id))
