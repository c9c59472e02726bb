"""The HTTP layer: translations, the security headers and the Origin rule, sign-in and the
guard, the callback endpoint's JSON errors, the request context, file routes, the TV-link guard
and the CLI, attached to the Flask server by `init_app` (called by app.create_dash)."""

from __future__ import annotations

from flask import Flask

from web import auth, cli, errors, files, health, i18n, security, standup_link


def init_app(server: Flask, tv_callbacks: list[standup_link.TvCallback]) -> None:
    i18n.init_app(server)
    security.init_app(server)
    auth.init_app(server)
    errors.init_app(server)
    standup_link.init_app(server, tv_callbacks)
    server.register_blueprint(health.bp)
    server.register_blueprint(files.bp)
    cli.init_app(server)
