"""Flask-Babel on the server: the catalogues of translations/, in the locale of each request
(`web.context.request_locale`: the signed-in user's, a stand-up TV link's creator's, else the
browser's Accept-Language, else French)."""

from __future__ import annotations

from flask import Flask
from flask_babel import Babel

from data.i18n import DEFAULT_LOCALE, SUPPORTED_LOCALES, TRANSLATIONS_DIR, catalogue
from web.context import _, n_, request_locale


def init_app(server: Flask) -> None:
    for locale in SUPPORTED_LOCALES:
        catalogue(locale)  # a missing .mo stops the start rather than showing English
    server.config.setdefault("BABEL_DEFAULT_LOCALE", DEFAULT_LOCALE)
    server.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(TRANSLATIONS_DIR))
    # Templates get the same `_` and `n_` as Python (str.format placeholders, autoescaped).
    Babel(server, locale_selector=request_locale, configure_jinja=False)
    server.jinja_env.globals.update(_=_, n_=n_)
