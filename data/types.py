"""Column types shared by the models."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import DateTime
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator):
    """A timezone-aware UTC instant on every database.

    SQLite has no time zone support and hands back naive values: this is the one
    place where they are normalised, so the rest of the code only sees aware UTC.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        if dialect.name == "sqlite":
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: datetime | None, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


MAX_ID = 2**31 - 1  # ids are INTEGER columns: anything larger is no id, never a database error


def as_id(value: object) -> int | None:
    """An id as a browser or an address sends it ("12" or 12); anything else is no id."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None
    text = str(value).strip()
    if not (text.isascii() and text.isdigit() and len(text) <= len(str(MAX_ID))):
        return None  # "²" is a digit to str.isdigit, not to int()
    return int(text) if 0 < int(text) <= MAX_ID else None


def as_text(value: object) -> str | None:
    """Text as a browser sends it: a str that UTF-8 can store (no lone surrogate, which only a
    forged payload holds); None for anything else (None, numbers, lists, objects)."""
    if not isinstance(value, str):
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return None
    return value
