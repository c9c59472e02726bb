"""How the server runs: gunicorn.conf.py, the database pool it sizes, and sign-in limits that
several workers share through Redis."""

from __future__ import annotations

import logging
import os
import runpy
import uuid
from pathlib import Path
from types import SimpleNamespace

import pytest

from app import create_app
from data.db import EXTRA_CONNECTIONS, make_engine
from tests import factories as f
from tests.helpers import sign_in

CONFIG = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def gunicorn_settings(monkeypatch, **env) -> dict:
    for name in ("WEB_CONCURRENCY", "RELANCE_THREADS", "RELANCE_BIND"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(CONFIG))


def test_gunicorn_keeps_idle_connections_open_longer_than_clients_pause(monkeypatch):
    settings = gunicorn_settings(monkeypatch)
    assert settings["keepalive"] == 10
    assert settings["worker_class"] == "gthread"
    assert 1 <= settings["workers"] <= 8
    assert settings["raw_env"] == [f"RELANCE_DB_POOL_SIZE={settings['threads']}"]


def test_workers_and_threads_come_from_the_environment(monkeypatch):
    settings = gunicorn_settings(monkeypatch, WEB_CONCURRENCY="3", RELANCE_THREADS="6")
    assert (settings["workers"], settings["threads"]) == (3, 6)
    assert settings["raw_env"] == ["RELANCE_DB_POOL_SIZE=6"]


def test_several_workers_on_memory_limits_are_warned_about(monkeypatch, caplog):
    settings = gunicorn_settings(monkeypatch)
    monkeypatch.delenv("RATELIMIT_STORAGE_URI", raising=False)
    server = SimpleNamespace(cfg=SimpleNamespace(workers=3))
    with caplog.at_level(logging.WARNING, logger="gunicorn.error"):
        settings["when_ready"](server)
    assert "RATELIMIT_STORAGE_URI=redis://" in caplog.text
    caplog.clear()
    monkeypatch.setenv("RATELIMIT_STORAGE_URI", "redis://127.0.0.1:6379")
    settings["when_ready"](server)
    assert caplog.text == ""


def test_each_worker_pool_has_a_connection_per_thread(monkeypatch):
    monkeypatch.setenv("RELANCE_DB_POOL_SIZE", "8")
    engine = make_engine("postgresql+psycopg://nobody@127.0.0.1:1/none")  # never connects
    assert engine.pool.size() == 8
    assert engine.pool._max_overflow == EXTRA_CONNECTIONS
    engine.dispose()


@pytest.fixture
def redis_url() -> str:
    """Redis for the shared limits, or skip (fail under CI) when it is unreachable."""
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        if os.environ.get("CI"):
            pytest.fail(f"Redis at {REDIS_URL} is unreachable ({exc}); CI requires it")
        pytest.skip(f"Redis at {REDIS_URL} is unreachable ({exc})")
    return REDIS_URL


def test_two_workers_share_the_sign_in_limit_through_redis(db, redis_url):
    with db.session() as s:
        f.user(s, "Paul Rep", email="paul@test.relance")
    shared = {
        "DATABASE_URL": db.url,
        "TESTING": True,
        "RATELIMIT_STORAGE_URI": redis_url,
        # Each run counts under its own prefix: runs never see each other's attempts.
        "RATELIMIT_KEY_PREFIX": f"relance-test-{uuid.uuid4().hex}",
    }
    workers = [create_app(shared), create_app(shared)]
    try:
        clients = [w.test_client() for w in workers]
        for attempt in range(5):  # 3 wrong passwords on one worker, 2 on the other
            response = sign_in(clients[attempt % 2], "paul@test.relance", "wrong")
            assert response.status_code == 200
        assert sign_in(clients[0], "paul@test.relance", f.PASSWORD).status_code == 429
        assert sign_in(clients[1], "paul@test.relance", f.PASSWORD).status_code == 429
    finally:
        for worker in workers:
            worker.extensions["relance_db"].dispose()
