"""What a bulk change would touch, counted in one GROUP BY over the selection; its
fingerprint says, at apply time, whether the selection is still the one the user saw."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from data.bulk.selection import COMPLETED, NOT_A_TASK, NOT_ALLOWED, OK, Selection, reason
from data.errors import Message, _nmsg
from data.models import Note, User
from data.scope import Viewer

# What the preview says of the `n` notes blocked for each reason.
REASON_TEXT = {
    NOT_ALLOWED: lambda n: _nmsg(
        "{n} not allowed (outside your scope, deleted or unknown)",
        "{n} not allowed (outside your scope, deleted or unknown)",
        n,
    ),
    NOT_A_TASK: lambda n: _nmsg(
        "{n} plain note (not a task: nobody is assigned)",
        "{n} plain notes (not tasks: nobody is assigned)",
        n,
    ),
    COMPLETED: lambda n: _nmsg("{n} completed task", "{n} completed tasks", n),
}


@dataclass
class Preview:
    tasks: int = 0
    per_assignee: list[tuple[int, str, int]] = field(default_factory=list)  # id, name, count
    blocked: dict[str, int] = field(default_factory=dict)  # reason -> count
    fingerprint: str = "0:0:0"

    @property
    def can_apply(self) -> bool:
        return self.tasks > 0 and not self.blocked

    def messages(self) -> list[Message]:
        """Why some selected notes cannot be changed, one message per reason."""
        return [REASON_TEXT[reason](n) for reason, n in sorted(self.blocked.items())]


def preview(s: Session, viewer: Viewer, selection: Selection, now: datetime) -> Preview:
    """What the change would touch: one GROUP BY statement over the selection."""
    where = selection.clause(s, viewer, now)
    why = reason(viewer)
    rows_of = select(
        why.label("reason"),
        case((why == OK, Note.assignee_id), else_=None).label("who"),
        Note.version,
        Note.id,
    ).where(where)
    sub = rows_of.subquery()
    ok = sub.c.reason == OK
    rows = s.execute(
        select(
            sub.c.reason,
            sub.c.who,
            func.count().label("n"),
            func.sum(case((ok, sub.c.version), else_=0)).label("versions"),
            func.sum(case((ok, sub.c.id), else_=0)).label("ids"),
        ).group_by(sub.c.reason, sub.c.who)
    ).all()
    result = Preview()
    versions = ids = 0
    counts: dict[int, int] = {}
    for row in rows:
        if row.reason == OK:
            counts[row.who] = row.n
            versions += int(row.versions or 0)
            ids += int(row.ids or 0)
        else:
            result.blocked[row.reason] = result.blocked.get(row.reason, 0) + row.n
    if selection.note_ids and selection.query is None and selection.assignee_id is None:
        # Ticked ids that matched no row at all: unknown or forged.
        missing = len(selection.note_ids) - sum(row.n for row in rows)
        if missing > 0:
            result.blocked[NOT_ALLOWED] = result.blocked.get(NOT_ALLOWED, 0) + missing
    names = dict(s.execute(select(User.id, User.name).where(User.id.in_(counts))).all())
    result.per_assignee = sorted(
        ((uid, names.get(uid, "?"), n) for uid, n in counts.items()), key=lambda r: (-r[2], r[1])
    )
    result.tasks = sum(counts.values())
    result.fingerprint = f"{result.tasks}:{versions}:{ids}"
    return result
