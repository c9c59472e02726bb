"""What a stand-up TV link (a signed token, nobody signed in) may request: /standup only.

`verdict()` runs in the guard (web/auth.py), before the sign-in check:
- GET /standup?token=…: a bad token (forged, expired, revoked) gets the 403 page, signed in
  or not; a valid one opens the page and is remembered in the session for the two
  bootstrapping reads below;
- anonymous GET /_dash-layout and /_dash-dependencies: while the remembered token is valid;
- anonymous POST /_dash-update-component: two callbacks only, each verified on its own with
  the token its payload carries: the pages router for pathname "/standup" (token in the
  search input) and the stand-up content (token in the `standup-source` store). Any other
  callback from a request that bears a token answers 403;
- everything else follows the usual rules (pages: sign-in page; machine endpoints: 401).
Every check reads the link's row (data.standup.verify_token): revoking works at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qs

from dash.dash import _ID_CONTENT, _ID_LOCATION, _ID_STORE
from flask import Flask, current_app, g, jsonify, render_template, request, session

from data import clock
from data.standup_links import LinkAccess, verify_token

STANDUP_PATH = "/standup"
SESSION_KEY = "standup_token"
BOOTSTRAP_PATHS = ("/_dash-layout", "/_dash-dependencies")
CALLBACK_PATH = "/_dash-update-component"
EXTENSION = "relance_tv_callbacks"

Props = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class TvCallback:
    """A callback a TV link may call: its outputs (how Dash names it), its inputs in order,
    how to read the token from the input values, and whether these values may be served."""

    outputs: Props
    inputs: Props
    token_of: Callable[[list], object]
    accepts: Callable[[list], bool] = lambda _values: True

    @property
    def key(self) -> str:
        return callback_key(self.outputs)


def callback_key(outputs: Props) -> str:
    """Dash's name for a callback with several outputs: the `output` field of its payload."""
    return ".." + "...".join(f"{id_}.{prop}" for id_, prop in outputs) + ".."


def token_in_search(search: object) -> str | None:
    """The one `token` of a query string ('?token=…'); None when absent or repeated."""
    if not isinstance(search, str):
        return None
    values = parse_qs(search.lstrip("?"), keep_blank_values=True).get("token", [])
    return values[0] if len(values) == 1 else None


# Dash's pages router, for pathname /standup only: the token is in the address's search.
PAGES_ROUTER = TvCallback(
    outputs=((_ID_CONTENT, "children"), (_ID_STORE, "data")),
    inputs=((_ID_LOCATION, "pathname"), (_ID_LOCATION, "search")),
    token_of=lambda values: token_in_search(values[1]),
    accepts=lambda values: values[0] == STANDUP_PATH,
)


def init_app(server: Flask, callbacks: list[TvCallback]) -> None:
    """The callbacks TV links may call, given by the app factory."""
    server.extensions[EXTENSION] = {callback.key: callback for callback in callbacks}


@dataclass(frozen=True)
class Verdict:
    """`decided`: these rules answered (`response` None: allowed); else the usual rules."""

    decided: bool
    response: object = None


UNDECIDED = Verdict(False)
ALLOWED = Verdict(True)


def verified_link(token: object) -> LinkAccess | None:
    """The link a token opens now, read once per request (the guard and the callback)."""
    if not isinstance(token, str):
        return None
    cache = g.setdefault("standup_links", {})
    if token not in cache:
        with current_app.extensions["relance_db"].session() as s:
            secret = current_app.config["SECRET_KEY"]
            cache[token] = verify_token(s, secret, token, clock.now())
    return cache[token]


def _let_in(link: LinkAccess) -> Verdict:
    g.standup_link = link
    return ALLOWED


def invalid_page():
    return render_template("standup_invalid.html"), 403


def _refused():
    return jsonify({"error": "not allowed"}), 403


def _input_values(body: dict, expected: tuple[tuple[str, str], ...]) -> list | None:
    """The payload's input values when its inputs are exactly `expected`, in order (Dash
    hands them to the callback by position), with no state; else None."""
    inputs = body.get("inputs")
    if body.get("state") or not isinstance(inputs, list) or len(inputs) != len(expected):
        return None
    values = []
    for item, (id_, prop) in zip(inputs, expected, strict=True):
        if not isinstance(item, dict) or item.get("id") != id_ or item.get("property") != prop:
            return None
        values.append(item.get("value"))
    return values


def _page(signed_in: bool) -> Verdict:
    tokens = request.args.getlist("token")
    link = verified_link(tokens[0]) if len(tokens) == 1 else None
    if link is None:
        return Verdict(True, invalid_page())
    if signed_in:
        return ALLOWED
    session[SESSION_KEY] = tokens[0]
    return _let_in(link)


def _bootstrap() -> Verdict:
    link = verified_link(session.get(SESSION_KEY))
    return _let_in(link) if link else UNDECIDED


def _callback() -> Verdict:
    body = request.get_json(silent=True)
    body = body if isinstance(body, dict) else {}
    allowed = current_app.extensions.get(EXTENSION, {}).get(body.get("output"))
    values = _input_values(body, allowed.inputs) if allowed else None
    token = allowed.token_of(values) if values else None
    link = verified_link(token) if token is not None and allowed.accepts(values) else None
    if link is not None:
        return _let_in(link)
    if token is not None or session.get(SESSION_KEY) or "token" in request.args:
        return Verdict(True, _refused())
    return UNDECIDED


def verdict(signed_in: bool) -> Verdict:
    path = request.path
    if path == STANDUP_PATH and "token" in request.args:
        return _page(signed_in)
    if signed_in:
        return UNDECIDED
    if path in BOOTSTRAP_PATHS:
        return _bootstrap()
    if path == CALLBACK_PATH and request.method == "POST":
        return _callback()
    return UNDECIDED
