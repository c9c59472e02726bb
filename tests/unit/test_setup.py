"""Configuration, health check and the command line, as an operator meets them."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import select

import app as app_module
from app import ConfigError, create_app
from data.db import normalise_url
from data.models import Team, User
from data.scope import load_viewer
from data.users import authenticate


def test_secret_key_is_generated_once(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("RELANCE_ENV", raising=False)
    monkeypatch.setattr(app_module, "INSTANCE_DIR", tmp_path)
    first = app_module.secret_key()
    assert len(first) == 64
    assert app_module.secret_key() == first
    assert (tmp_path / "secret_key").read_text() == first


def test_production_requires_a_secret_key(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("RELANCE_ENV", "production")
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        app_module.secret_key()


def test_production_cookies_are_secure(monkeypatch, sqlite_db):
    monkeypatch.setenv("RELANCE_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "k" * 32)
    server = create_app({"DATABASE_URL": sqlite_db.url})
    assert server.config["SESSION_COOKIE_SECURE"] is True
    assert server.config["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_database_urls_use_psycopg3():
    assert normalise_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_url("sqlite:///x.db") == "sqlite:///x.db"


def test_sqlite_runs_in_wal_mode_with_foreign_keys(sqlite_db):
    with sqlite_db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_healthz_answers_503_when_the_database_is_gone(tmp_path):
    server = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'missing' / 'x.db'}"})
    response = server.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json == {"status": "error", "database": "unavailable"}


def test_healthz_keeps_the_database_error_in_the_log(caplog):
    # Nothing listens on port 9: the driver's message names the role, the host and the port.
    url = "postgresql+psycopg://probe_role:probe_pass@127.0.0.1:9/probe_db"
    server = create_app({"DATABASE_URL": url})
    with caplog.at_level(logging.ERROR, logger="web.health"):
        response = server.test_client().get("/healthz")
    server.extensions["relance_db"].dispose()
    assert response.status_code == 503
    body = response.get_data(as_text=True)
    assert "unavailable" in body
    for secret in ("probe_role", "probe_pass", "127.0.0.1", ":9", "probe_db", "psycopg"):
        assert secret not in body
    assert "127.0.0.1" in caplog.text  # the detail is in the server's log


def test_create_user_reads_the_password_from_stdin(db):
    server = create_app({"DATABASE_URL": db.url})
    runner = server.test_cli_runner()
    result = runner.invoke(
        args=[
            "create-user",
            "Chef@Demo.fr",
            "--name",
            "Chef",
            "--role",
            "manager",
            "--team",
            "Nord",
        ],
        input="s3cret-pass\n",
    )
    assert result.exit_code == 0, result.output
    assert "chef@demo.fr created" in result.output
    with db.session() as s:
        user = authenticate(s, "chef@demo.fr", "s3cret-pass")
        assert user is not None and user.role == "manager"
        team = s.scalar(select(Team).where(Team.name == "Nord"))
        assert load_viewer(s, user.id).managed_team_ids == (team.id,)
    again = runner.invoke(
        args=["create-user", "chef@demo.fr", "--name", "Chef", "--role", "rep"],
        input="other-pass\n",
    )
    assert again.exit_code != 0 and "exists already" in again.output


def test_create_user_refuses_a_bad_role_and_keeps_nothing(db):
    server = create_app({"DATABASE_URL": db.url})
    result = server.test_cli_runner().invoke(
        args=["create-user", "x@demo.fr", "--name", "X", "--role", "boss"], input="pw12\n"
    )
    assert result.exit_code != 0
    with db.session() as s:
        assert s.scalar(select(User).where(User.email == "x@demo.fr")) is None


def test_init_db_upgrades_an_empty_database(db_url):
    server = create_app({"DATABASE_URL": db_url})
    result = server.test_cli_runner().invoke(args=["init-db"])
    assert result.exit_code == 0, result.output
    response = server.test_client().get("/healthz")
    assert response.json == {"status": "ok", "database": "ok"}
