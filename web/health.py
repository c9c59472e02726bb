"""/healthz: whether the database answers (public, for load balancers and monitors).

The answer says only "ok", or "unavailable" (503, status "error" as DESIGN.md §5 has it):
the error text (role, host, port) goes to the server's log, never to an anonymous caller.
"""

from __future__ import annotations

import logging

from flask import Blueprint, jsonify
from sqlalchemy import text

from web.context import current_db

bp = Blueprint("health", __name__)
log = logging.getLogger(__name__)


@bp.route("/healthz")
def healthz():
    try:
        with current_db().engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception:  # the health check reports any database failure
        log.exception("health check: the database does not answer")
        return jsonify({"status": "error", "database": "unavailable"}), 503
    return jsonify({"status": "ok", "database": "ok"})
