"""Bulk reassign: preview, apply in one transaction, undo, one digest per person.

Everything is set-based. The selection (ticked ids, or "all matching" a /notes filter)
stays a WHERE clause from the preview to the UPDATE: no list of ids is ever built in
Python, whatever its size.

- selection.py: the selection as a WHERE clause, who may change what, the refusals;
- preview.py: what a change would touch, and its fingerprint;
- apply.py: the change itself, all or nothing (its steps are listed there);
- undo.py: giving a batch back;
- digests.py: one notification per person; sql.py: the statements apply and undo share;
- form.py: the bulk bar's protocol (what a click sends, the preview token, whether a submit
  applies or previews again).
"""

from data.bulk.apply import ACTION, STALE, BulkResult, check_target, reassign, reassign_all_open
from data.bulk.form import (
    BulkForm,
    Previewed,
    contention_refused,
    preview_form,
    submit_form,
    ticked_ids,
)
from data.bulk.preview import REASON_TEXT, Preview, preview
from data.bulk.selection import (
    COMPLETED,
    MAX_IDS,
    NOT_A_TASK,
    NOT_ALLOWED,
    OK,
    BulkError,
    Selection,
    StaleSelection,
    may_reassign,
)
from data.bulk.undo import (
    CHANGED,
    PREVIOUS_INACTIVE,
    UNDO_ACTION,
    UNDO_COMPLETED,
    UNDO_DELETED,
    UNDO_HOURS,
    UNDO_REASON_TEXT,
    UndoResult,
    undo,
    undo_batch_id,
)

__all__ = [
    "ACTION",
    "CHANGED",
    "COMPLETED",
    "MAX_IDS",
    "NOT_ALLOWED",
    "NOT_A_TASK",
    "OK",
    "PREVIOUS_INACTIVE",
    "REASON_TEXT",
    "STALE",
    "UNDO_ACTION",
    "UNDO_COMPLETED",
    "UNDO_DELETED",
    "UNDO_HOURS",
    "UNDO_REASON_TEXT",
    "BulkError",
    "BulkForm",
    "BulkResult",
    "Preview",
    "Previewed",
    "Selection",
    "StaleSelection",
    "UndoResult",
    "check_target",
    "contention_refused",
    "may_reassign",
    "preview",
    "preview_form",
    "reassign",
    "reassign_all_open",
    "submit_form",
    "ticked_ids",
    "undo",
    "undo_batch_id",
]
