"""What a user reads when data/ refuses (data/errors.py): the one place a refusal becomes
text in a callback, in the viewer's language."""

from __future__ import annotations

from collections.abc import Iterable

from data.errors import Refusal
from web.context import request_locale


def refusal_text(refusal: Refusal) -> str:
    """Every message of the refusal, one per line."""
    return refusal.text(request_locale())


def field_texts(refusal: Refusal, fields: Iterable[str]) -> list[str]:
    """The message for each field, in order ("" for a field without one)."""
    locale = request_locale()
    return [refusal.errors[f].translated(locale) if f in refusal.errors else "" for f in fields]
