"""How Relance runs under gunicorn: `gunicorn -c gunicorn.conf.py 'app:server'`.

Every value can be changed through the environment (the usual GUNICORN_CMD_ARGS works too):

- RELANCE_BIND (default 127.0.0.1:8050);
- WEB_CONCURRENCY: worker processes (default: 2 per core, at most 8);
- RELANCE_THREADS: threads per worker (default 4). Dash's renderer sends several callbacks
  at once per page, and exports stream for seconds: threads keep a page from waiting;
- each worker's database pool gets one connection per thread (RELANCE_DB_POOL_SIZE) plus a
  few for background exports, so no thread waits for a connection another thread holds.

Keep-alive is 10 s: browsers and load balancers reuse an idle connection after a pause, and
gunicorn's default of 2 s closed it under them (0.6-0.75 % of requests reset under load).
"""

from __future__ import annotations

import logging
import os

CORES = os.cpu_count() or 1

bind = os.environ.get("RELANCE_BIND", "127.0.0.1:8050")
workers = int(os.environ.get("WEB_CONCURRENCY", min(2 * CORES, 8)))
threads = int(os.environ.get("RELANCE_THREADS", 4))
worker_class = "gthread"
keepalive = 10
# An export of a million rows streams for tens of seconds; a stuck request is still killed.
timeout = 120
graceful_timeout = 30
# Each worker's SQLAlchemy pool matches its threads (read by data.db.make_engine).
raw_env = [f"RELANCE_DB_POOL_SIZE={threads}"]
accesslog = os.environ.get("RELANCE_ACCESS_LOG", "-")


def when_ready(server) -> None:
    """Several workers counting sign-in attempts in their own memory would each allow the
    limit: say so once, at start."""
    storage = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    if server.cfg.workers > 1 and storage.startswith("memory://"):
        logging.getLogger("gunicorn.error").warning(
            "%d workers share no sign-in limits: set RATELIMIT_STORAGE_URI=redis://… "
            "so that the limits count across workers",
            server.cfg.workers,
        )
