"""What the Dash callback endpoint answers when a request goes wrong: JSON, never a traceback.

- a payload that is not what the renderer sends (not an object, no known callback, inputs
  of the wrong shape) is refused before Dash reads it: 400;
- a refusal of data/ that a callback did not turn into text: 403 / 409 / 400, its message;
- a database that could not be reached: 503 and "nothing was changed" (callbacks show it above
  the page first: callbacks/errors.py); other routes answer it as plain text;
- anything else is a bug: logged with its traceback, answered 500 with a generic message.
Other routes keep their own error pages.
"""

from __future__ import annotations

import json
import logging

from flask import Flask, current_app, jsonify, request
from werkzeug.exceptions import HTTPException

from data.db import is_lost
from data.errors import Refusal, Unavailable
from web.context import request_locale
from web.refusals import plain, status_of

CALLBACK_PATH = "/_dash-update-component"
log = logging.getLogger(__name__)


def _answer(status: int, code: str, message: str):
    response = jsonify({"error": {"code": code, "message": message}})
    response.headers["Cache-Control"] = "no-store"
    return response, status


# Dash's own callbacks (the pages router) and our address inputs read these as text.
TEXT_PROPS = {"pathname", "search", "hash", "href"}


def _is_path(value: object) -> bool:
    return value is None or (isinstance(value, str) and value.startswith("/"))


def _is_prop(item: object) -> bool:
    """One input or state as the renderer sends it: {"id", "property", "value"}; a
    pattern-matching one is a list of those."""
    if isinstance(item, list):
        return all(_is_prop(one) for one in item)
    return (
        isinstance(item, dict)
        and isinstance(item.get("id"), str | dict)
        and isinstance(item.get("property"), str)
        and (item["property"] not in TEXT_PROPS or isinstance(item.get("value"), str | None))
        # Dash's pages router refuses a pathname that is not a path of the site.
        and (item["property"] != "pathname" or _is_path(item.get("value")))
    )


def _prop_ids(items: list) -> set[str]:
    """The "id.property" of every input sent, as the renderer writes them (an id object with
    its keys sorted, as JSON.stringify writes it)."""
    found = set()
    for item in items:
        for one in item if isinstance(item, list) else [item]:
            id_ = one["id"]
            if isinstance(id_, dict):
                id_ = json.dumps(id_, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
            found.add(f"{id_}.{one['property']}")
    return found


def payload_problem(body: object, callbacks: dict) -> str | None:
    """Why a callback payload cannot be what the renderer sent, or None."""
    if not isinstance(body, dict):
        return "the body is not a JSON object"
    known = callbacks.get(body.get("output")) if isinstance(body.get("output"), str) else None
    if known is None:
        return "unknown callback"
    for key, expected in (("inputs", known["inputs"]), ("state", known.get("state", []))):
        items = body.get(key, [])
        if not isinstance(items, list) or len(items) != len(expected):
            return f"'{key}' does not match the callback"
        if not all(_is_prop(item) for item in items):
            return f"'{key}' holds a malformed item"
    changed = body.get("changedPropIds", [])
    names = isinstance(changed, list) and all(isinstance(c, str) for c in changed)
    if not names or not set(changed) <= _prop_ids(body["inputs"]):
        return "'changedPropIds' names no input"
    outputs = body.get("outputs")
    several = body["output"].startswith("..")
    expected = body["output"].strip(".").split("...") if several else [body["output"]]
    if several and not (
        isinstance(outputs, list)
        and len(outputs) == len(expected)
        and all(isinstance(o, dict) or (isinstance(o, list) and _is_prop(o)) for o in outputs)
    ):
        return "'outputs' does not match the callback"
    if not several and not isinstance(outputs, dict):
        return "'outputs' does not match the callback"
    return None


def _check_payload():
    if request.path != CALLBACK_PATH or request.method != "POST":
        return None
    dash_app = current_app.extensions.get("dash_app")
    callbacks = dash_app.callback_map if dash_app is not None else {}
    problem = payload_problem(request.get_json(silent=True), callbacks)
    return _answer(400, "bad_request", problem) if problem else None


def _callback_error(error: Exception):
    if isinstance(error, HTTPException):
        status = error.code or 500
        return _answer(status, "bad_request" if status == 400 else "http_error", error.name)
    if isinstance(error, Refusal):
        return _answer(status_of(error), "refused", error.text(request_locale()))
    if is_lost(error):
        log.warning("callback: the database is unavailable: %s", error)
        return _answer(503, "unavailable", Unavailable().text(request_locale()))
    log.exception("callback %s failed", (request.get_json(silent=True) or {}).get("output"))
    return _answer(500, "internal_error", "Something went wrong; nothing more is known here.")


def init_app(server: Flask) -> None:
    # Runs after the sign-in guard (registered before): an anonymous request stays a 401.
    server.before_request(_check_payload)

    @server.errorhandler(Exception)
    def on_error(error: Exception):
        if request.path == CALLBACK_PATH:
            return _callback_error(error)
        if isinstance(error, HTTPException):
            return error
        if is_lost(error):
            log.warning("%s: the database is unavailable: %s", request.path, error)
            return plain(Unavailable())
        raise error
