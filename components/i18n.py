"""`_()` for layouts and callbacks: the catalogue in the signed-in user's locale."""

from __future__ import annotations

from data.i18n import translate
from web.context import request_locale


def _(key: str, **values: object) -> str:
    return translate(key, request_locale(), **values)
