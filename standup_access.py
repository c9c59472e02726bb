"""What a stand-up TV link (a signed token, nobody signed in) may request: /standup only.

`verdict()` runs in the guard (auth._guard), before the sign-in check:
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

from dataclasses import dataclass
from urllib.parse import parse_qs

from flask import current_app, g, jsonify, render_template, request, session

from components import ids
from data import clock
from data.standup_links import LinkAccess, verify_token

STANDUP_PATH = "/standup"
SESSION_KEY = "standup_token"
BOOTSTRAP_PATHS = ("/_dash-layout", "/_dash-dependencies")
CALLBACK_PATH = "/_dash-update-component"

# The callbacks a token may call: their outputs (how Dash names a callback) and inputs.
ROUTER_OUTPUTS = (("_pages_content", "children"), ("_pages_store", "data"))
ROUTER_INPUTS = (("_pages_location", "pathname"), ("_pages_location", "search"))
# callbacks/standup.py builds the content callback from these two, so they cannot drift.
CONTENT_OUTPUTS = (
    (ids.STANDUP_CONTENT, "children"),
    (ids.STANDUP_TEAM_NAME, "children"),
    (ids.STANDUP_UPDATED, "children"),
)
CONTENT_INPUTS = ((ids.STANDUP_TICK, "n_intervals"), (ids.STANDUP_SOURCE, "data"))


def callback_key(outputs: tuple[tuple[str, str], ...]) -> str:
    """Dash's name for a callback with several outputs: the `output` field of its payload."""
    return ".." + "...".join(f"{id_}.{prop}" for id_, prop in outputs) + ".."


ROUTER_KEY = callback_key(ROUTER_OUTPUTS)
CONTENT_KEY = callback_key(CONTENT_OUTPUTS)


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


def link_locale() -> str | None:
    """The language of the link this request was let in with: its creator's."""
    link = g.get("standup_link")
    return link.locale if link else None


def _let_in(link: LinkAccess) -> Verdict:
    g.standup_link = link
    return ALLOWED


def invalid_page():
    return render_template("standup_invalid.html"), 403


def _refused():
    return jsonify({"error": "not allowed"}), 403


def token_in_search(search: object) -> str | None:
    """The one `token` of a query string ('?token=…'); None when absent or repeated."""
    if not isinstance(search, str):
        return None
    values = parse_qs(search.lstrip("?"), keep_blank_values=True).get("token", [])
    return values[0] if len(values) == 1 else None


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
    token, allowed = None, False
    if body.get("output") == ROUTER_KEY:
        values = _input_values(body, ROUTER_INPUTS)
        if values:
            token = token_in_search(values[1])
            allowed = values[0] == STANDUP_PATH
    elif body.get("output") == CONTENT_KEY:
        values = _input_values(body, CONTENT_INPUTS)
        if values and isinstance(values[1], dict):
            token = values[1].get("token")
            allowed = True
    link = verified_link(token) if allowed else None
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
