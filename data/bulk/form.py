"""The bulk bar's protocol with the browser: what a click sends, the preview token, and the
choice a submit makes between applying and showing a new preview.

A preview hands the browser a token {"fingerprint", "key"}. The key says what the preview
was for (the selection, the new assignee, the new date); the fingerprint, what the
selection held (count, ids, versions). A submit whose key is the token's applies only if
the fingerprint still holds (else StaleSelection, with the preview as it is now). A submit
whose key differs means the form changed since the preview: nothing is applied, the preview
of the form as it is now is shown instead. A submit without a token applies at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from data.bulk.apply import BulkResult, check_target, reassign
from data.bulk.preview import Preview, preview
from data.bulk.selection import Selection
from data.db import is_contention
from data.errors import InvalidInput, StaleVersion, Unavailable, _msg
from data.note_ops import parse_due
from data.scope import Viewer

BUSY = _msg("Someone else is changing these tasks: try again.")


def ticked_ids(rows: object) -> list:
    """Note ids of the ticked rows, as the browser sent them (checked by Selection)."""
    if not isinstance(rows, list):
        return []
    return [row.get("id") if isinstance(row, dict) else row for row in rows]


@dataclass(frozen=True)
class BulkForm:
    """The bar at a click: the ticked rows or "all matching" the /notes query, the new
    assignee, the new follow-up date (None: each task keeps its own)."""

    ticked: tuple
    all_matching: bool
    query: str | None
    rep: object
    due_at: datetime | None

    @classmethod
    def read(cls, rows, all_matching, query, rep, day, at, time_zone: str) -> BulkForm:
        """The values as the browser sent them; InvalidInput ("date") when the date or the
        time does not parse."""
        try:
            due_at = parse_due(day, at, time_zone)
        except InvalidInput as refused:
            raise InvalidInput({"date": refused.errors["due"]}) from refused
        query = query if isinstance(query, str) else None  # the /notes query is text
        return cls(tuple(ticked_ids(rows)), all_matching is True, query, rep, due_at)

    @property
    def key(self) -> str:
        """What a preview is for: the same key at submit time means "apply what was seen"."""
        if self.all_matching:
            chosen = "all:" + (self.query or "")
        else:
            chosen = "ids:" + ",".join(map(str, self.ticked))
        due = self.due_at.isoformat() if self.due_at else None
        return f"{chosen}|rep:{self.rep}|due:{due}"

    def selection(self) -> Selection:
        return Selection.from_payload(list(self.ticked), self.all_matching, self.query)

    def token(self, shown: Preview) -> dict:
        """What the browser keeps of a preview until the submit."""
        return {"fingerprint": shown.fingerprint, "key": self.key}


@dataclass(frozen=True)
class Previewed:
    """A preview to show, the new assignee's name (None until one is chosen), its token;
    `form_changed` when a submit shows it instead of applying."""

    preview: Preview
    assignee_name: str | None
    token: dict
    form_changed: bool = False


def preview_form(s: Session, viewer: Viewer, form: BulkForm, now: datetime) -> Previewed:
    """What the form would change; a chosen assignee and date are checked too."""
    selection = form.selection()
    name = None
    if form.rep not in (None, ""):
        name = check_target(s, viewer, form.rep, form.due_at, now)[1]
    shown = preview(s, viewer, selection, now)
    return Previewed(shown, name, form.token(shown))


def submit_form(
    s: Session, viewer: Viewer, form: BulkForm, token: object, now: datetime
) -> BulkResult | Previewed:
    """Apply what was previewed (see the module's docstring), or preview the changed form."""
    selection = form.selection()
    token = token if isinstance(token, dict) else None
    if token and token.get("key") != form.key:
        shown = preview(s, viewer, selection, now)
        name = check_target(s, viewer, form.rep, form.due_at, now)[1]
        return Previewed(shown, name, form.token(shown), form_changed=True)
    expected = token.get("fingerprint") if token else None
    return reassign(s, viewer, selection, form.rep, form.due_at, now, expected)


@contextmanager
def contention_refused() -> Iterator[None]:
    """A lock wait that gave up or a deadlock (the transaction was rolled back, commit
    included when the session is opened inside) is refused as a StaleVersion; a database that
    is gone (connection lost, server down) as Unavailable. Nothing was changed either way."""
    try:
        yield
    except OperationalError as exc:
        if is_contention(exc):
            raise StaleVersion(message=BUSY, field="selection") from exc
        raise Unavailable(field="selection") from exc
