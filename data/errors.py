"""What data/ says to a user: messages, and the refusals it raises.

A `Message` is an English template from the catalogue with its values, translated where it
is shown. Every refusal means that nothing was changed:
- `NotAllowed`: outside the viewer's scope (or absent: we never say which);
- `StaleVersion`: someone changed the record since the user read it (who, and when);
- `InvalidInput`: bad input, one message per field;
- `Unavailable`: the database could not be reached or dropped the connection.
Callbacks turn them into text next to the fields (callbacks/refusals.py); routes into a
status code and plain text (web/refusals.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from data.i18n import translate, translate_plural


@dataclass(frozen=True)
class Message:
    """A message for the user, translated where it is shown (data/ knows no request, hence no
    locale): an English msgid of the catalogue, its plural when it counts `n`, its values."""

    template: str
    values: tuple[tuple[str, str], ...] = ()
    plural: str | None = None
    n: int = 0

    def __str__(self) -> str:
        """The English text (logs, exception text)."""
        if self.plural is None:
            return self.template.format(**dict(self.values))
        template = self.template if self.n == 1 else self.plural
        return template.format(**{"n": self.n, **dict(self.values)})

    def translated(self, locale: str | None) -> str:
        if self.plural is None:
            return translate(self.template, locale, **dict(self.values))
        return translate_plural(self.template, self.plural, self.n, locale, **dict(self.values))


# `_msg` and `_nmsg` are extraction keywords (babel.cfg), like gettext and ngettext.
def _msg(template: str, **values: object) -> Message:
    return Message(template, tuple((k, str(v)) for k, v in values.items()))


def _nmsg(singular: str, plural: str, n: int, **values: object) -> Message:
    """A message that counts: `n` chooses the plural form and fills {n}."""
    return Message(singular, tuple((k, str(v)) for k, v in values.items()), plural, n)


NOT_ALLOWED = _msg("Not allowed")
UNAVAILABLE = _msg("The database is unavailable: nothing was changed. Try again in a moment.")
# Text a browser cannot have typed (e.g. a lone surrogate in a forged payload).
UNREADABLE_TEXT = _msg("this text cannot be read")


class Refusal(Exception):
    """Nothing changed; `errors` maps a field (or "" for the whole request) to a message."""

    def __init__(self, errors: Mapping[str, Message]) -> None:
        self.errors = dict(errors)
        super().__init__("; ".join(map(str, self.errors.values())))

    def text(self, locale: str | None) -> str:
        return "\n".join(message.translated(locale) for message in self.errors.values())

    @property
    def message(self) -> Message:
        return next(iter(self.errors.values()))

    @property
    def field(self) -> str:
        return next(iter(self.errors))


class NotAllowed(Refusal):
    """Outside the viewer's scope, or absent: we never say which."""

    def __init__(self, message: Message = NOT_ALLOWED, field: str = "") -> None:
        super().__init__({field: message})


class StaleVersion(Refusal):
    """Someone changed the record since the viewer read it."""

    def __init__(
        self,
        changed_by: str | None = None,
        changed_at: datetime | None = None,
        message: Message | None = None,
        field: str = "",
    ) -> None:
        text = message or _msg(
            "Not saved: {name} changed this note since you opened it. Close and reopen it to "
            "see their version.",
            name=changed_by or "someone",
        )
        super().__init__({field: text})
        self.changed_by = changed_by
        self.changed_at = changed_at


class InvalidInput(Refusal):
    """Bad input, one message per field."""

    @classmethod
    def about(cls, field: str, *messages: Message) -> InvalidInput:
        """One field's messages (a query parameter may be wrong in several ways)."""
        keys = [field] + [f"{field}.{n}" for n in range(2, len(messages) + 1)]
        return cls(dict(zip(keys, messages, strict=True)))


class Unavailable(Refusal):
    """The database could not be reached or lost the connection mid-way: the transaction was
    rolled back, so nothing was changed (never "someone else is changing them")."""

    def __init__(self, field: str = "") -> None:
        super().__init__({field: UNAVAILABLE})
