"""Relance: the Flask server and the Dash app.

`create_app()` builds both and returns the Flask server (the Dash app is in
`server.extensions["dash_app"]`). `gunicorn 'app:server'` and `flask --app app` use it.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from dash import Dash
from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

import callbacks
import web
from callbacks.errors import on_callback_error
from callbacks.standup import TV_CONTENT
from components.shell import shell_layout
from data.db import INSTANCE_DIR, ROOT, Database, default_url
from web.context import request_locale
from web.standup_link import PAGES_ROUTER

PRODUCTION = "production"


class ConfigError(RuntimeError):
    pass


def secret_key() -> str:
    """SECRET_KEY from the environment; outside production, generated once into instance/."""
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    if os.environ.get("RELANCE_ENV") == PRODUCTION:
        raise ConfigError("SECRET_KEY is required when RELANCE_ENV=production")
    path: Path = INSTANCE_DIR / "secret_key"
    if not path.exists():
        INSTANCE_DIR.mkdir(exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def configure(server: Flask, overrides: dict | None) -> None:
    production = os.environ.get("RELANCE_ENV") == PRODUCTION
    server.config.update(
        SECRET_KEY=secret_key(),
        DATABASE_URL=default_url(),
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=production,
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_SECURE=production,
        WTF_CSRF_TIME_LIMIT=None,
        # Shared across processes when RATELIMIT_STORAGE_URI is set (e.g. redis://…).
        RATELIMIT_STORAGE_URI=os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        RATELIMIT_HEADERS_ENABLED=False,
    )
    server.config.update(overrides or {})
    hops = int(os.environ.get("RELANCE_PROXY_HOPS", "0") or 0)
    if hops:
        # Behind a reverse proxy: trust its X-Forwarded-For, so sign-in limits see clients.
        server.wsgi_app = ProxyFix(server.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)


class RelanceDash(Dash):
    def interpolate_index(self, **kwargs) -> str:
        # Screen readers and spell checkers need the page's language.
        html = super().interpolate_index(**kwargs)
        return html.replace("<html>", f'<html lang="{request_locale()}">', 1)


def create_dash(config: dict | None = None) -> Dash:
    """The Dash app, with its Flask server configured, guarded and connected."""
    server = Flask(
        __name__, instance_path=str(INSTANCE_DIR), template_folder=str(ROOT / "templates")
    )
    configure(server, config)
    server.extensions["relance_db"] = Database(server.config["DATABASE_URL"])
    # A TV link may call the pages router (for /standup) and the stand-up content only.
    web.init_app(server, tv_callbacks=[PAGES_ROUTER, TV_CONTENT])

    app = RelanceDash(
        __name__,
        server=server,
        use_pages=True,
        pages_folder=str(ROOT / "pages"),
        assets_folder=str(ROOT / "assets"),
        suppress_callback_exceptions=True,
        title="Relance",
        update_title=None,
        serve_locally=True,
        on_error=on_callback_error,
    )
    app.layout = shell_layout
    callbacks.register(app)
    server.extensions["dash_app"] = app
    return app


def create_app(config: dict | None = None) -> Flask:
    return create_dash(config).server


_server: Flask | None = None


def __getattr__(name: str):
    # `server` is built on first use, so that importing this module (tests, the CLI)
    # does not open the default database.
    global _server
    if name == "server":
        if _server is None:
            _server = create_app()
        return _server
    raise AttributeError(name)
