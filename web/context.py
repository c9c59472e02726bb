"""The request context: the database, the signed-in viewer and the locale of this request.

Pages, callbacks and routes read these three through here, never through Flask globals.
`_` and `n_` translate into the request's locale with Flask-Babel (web/i18n.py chooses it
with `request_locale`).
"""

from __future__ import annotations

from pathlib import Path

from flask import current_app, g, request
from flask_babel import format_decimal, get_translations
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from data.db import Database
from data.i18n import DEFAULT_LOCALE, SUPPORTED_LOCALES, fill
from data.jobs import EXPORT_DIR
from data.scope import Viewer

# Answers that hold a user's data: never cached, never sniffed as another type.
PRIVATE_HEADERS = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}


def current_db() -> Database:
    return current_app.extensions["relance_db"]


def export_dir() -> Path:
    """Where export jobs write their files (EXPORT_DIR in the config, for tests)."""
    return Path(current_app.config.get("EXPORT_DIR") or EXPORT_DIR)


def current_viewer() -> Viewer:
    """The signed-in user; the guard guarantees there is one inside pages and callbacks."""
    return current_user.viewer


def csrf_token() -> str:
    """The token a plain form posted to a Flask route carries (sign-out from the navbar)."""
    return generate_csrf()


def request_locale() -> str:
    if current_user and current_user.is_authenticated:
        return current_user.viewer.locale
    # A stand-up TV link speaks its creator's language (set by its guard).
    link = g.get("standup_link")
    if link is not None:
        return link.locale
    return request.accept_languages.best_match(SUPPORTED_LOCALES) or DEFAULT_LOCALE


# Flask-Babel's own gettext/ngettext would %-format; our msgids use str.format placeholders.
def _(message: str, **values: object) -> str:
    """`message` in the request's locale, its {placeholders} filled."""
    return fill(get_translations().gettext(message), values)


def n_(singular: str, plural: str, n: int, **values: object) -> str:
    """The form of a counted message that `n` takes in the request's locale; {n} is `n` as
    that locale writes it ("20 000" in French)."""
    text = get_translations().ngettext(singular, plural, n)
    return fill(text, {"n": format_decimal(n), **values})
