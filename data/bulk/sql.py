"""Statements a bulk change and its undo share: portable JSON snapshots of a note, the row
locks, and the batch of audit events that records (and later drives) the change."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, Select, String, func, insert, literal, literal_column, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.functions import FunctionElement

from data.models import AuditEvent, Note
from data.scope import Viewer
from data.types import UTCDateTime

# --- portable JSON ------------------------------------------------------------------------


class json_pairs(FunctionElement):
    """A JSON object built in SQL from (key, value) pairs: json_object / json_build_object."""

    type = String()
    inherit_cache = True


@compiles(json_pairs)
def _json_pairs_sqlite(element, compiler, **kw):
    return f"json_object({compiler.process(element.clauses, **kw)})"


@compiles(json_pairs, "postgresql")
def _json_pairs_pg(element, compiler, **kw):
    return f"json_build_object({compiler.process(element.clauses, **kw)})"


class json_instant(FunctionElement):
    """A due date read back from the JSON built above, in the column's own storage form."""

    type = UTCDateTime()
    inherit_cache = True


@compiles(json_instant)
def _json_instant_sqlite(element, compiler, **kw):
    # SQLite kept the column's text form ("YYYY-MM-DD HH:MM:SS.ffffff") in the JSON.
    return compiler.process(element.clauses, **kw)


@compiles(json_instant, "postgresql")
def _json_instant_pg(element, compiler, **kw):
    inner = compiler.process(element.clauses, **kw)
    return f"CAST({inner} AS TIMESTAMP WITH TIME ZONE)"


def snapshot(version_offset: int = 0, **overrides) -> json_pairs:
    """The note's assignee, due date and version as a JSON object, optionally overridden."""
    values = {
        "assignee_id": Note.assignee_id,
        "due_at": Note.due_at,
        "version": Note.version + version_offset,
    }
    values.update(overrides)
    args = []
    for key, value in values.items():
        # Keys inline: PostgreSQL cannot type an untyped parameter of json_build_object.
        args += [literal_column(f"'{key}'"), value]
    return json_pairs(*args)


# --- locks and audit batches --------------------------------------------------------------


def lock(s: Session, where: ColumnElement[bool]) -> None:
    """PostgreSQL: row locks on the selection, taken in id order."""
    if s.get_bind().dialect.name != "postgresql":
        return
    locked = select(Note.id).where(where).order_by(Note.id).with_for_update(of=Note).subquery()
    s.execute(select(func.count()).select_from(locked))


def audit_batch(
    s: Session,
    viewer: Viewer,
    action: str,
    batch_id: str,
    after: json_pairs,
    where: ColumnElement[bool],
    now: datetime,
) -> None:
    """INSERT … SELECT one audit event per note matching `where`: before and after values."""
    s.execute(
        insert(AuditEvent).from_select(
            ["actor_id", "at", "action", "target_type", "target_id", "before", "after", "batch_id"],
            select(
                literal(viewer.id),
                literal(now, UTCDateTime()),
                literal(action),
                literal("note"),
                Note.id,
                snapshot(),
                after,
                literal(batch_id),
            ).where(where),
        )
    )


def batch_notes(batch_id: str) -> Select:
    """The ids of the notes a batch touched."""
    return select(AuditEvent.target_id).where(
        AuditEvent.batch_id == batch_id, AuditEvent.target_type == "note"
    )
