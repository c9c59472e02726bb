"""/healthz: whether the database answers (public, for load balancers and monitors)."""

from __future__ import annotations

from flask import Blueprint, jsonify
from sqlalchemy import text

from web.context import current_db

bp = Blueprint("health", __name__)


@bp.route("/healthz")
def healthz():
    try:
        with current_db().engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:  # the health check reports any database failure
        message = str(exc).splitlines()[0][:200]
        return jsonify({"status": "error", "database": message}), 503
    return jsonify({"status": "ok", "database": "ok"})
