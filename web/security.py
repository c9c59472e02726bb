"""The browser-facing rules every answer shares, in one place:

- `refuse_foreign_origin` (before each request): a state-changing request (any method but
  GET/HEAD/OPTIONS) and every /export/ request must come from a page of this site. A browser
  says where a request comes from with `Sec-Fetch-Site` (modern browsers) or `Origin` (all of
  them on a cross-origin POST); either one naming another site answers 403 before the guard,
  so nothing runs. A request with neither header is not a browser's cross-site request (curl,
  scripts, the test client) and passes on to the usual session check.
- `add_security_headers` (after each request): the Content-Security-Policy Dash works under
  (scripts from this site and Dash's own inline scripts by hash, never `unsafe-eval`), no
  framing, no sniffing, no Referer outside the site (a stand-up TV link carries its token in
  the address), and no caching of anything but static files.
"""

from __future__ import annotations

from flask import Flask, current_app, jsonify, request

from web.auth import STATIC_PREFIXES

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Exports do heavy work and write the audit log even on GET: only from our own pages.
GUARDED_GET_PREFIXES = ("/export/",)
# What Sec-Fetch-Site may say: the request comes from one of our pages, or from the user
# (typed address, bookmark). "same-site" is a sibling host, which we do not trust either.
TRUSTED_FETCH_SITES = frozenset({"same-origin", "none"})

# Inline styles: React sets `style` through the DOM, but AG Grid and Plotly insert <style>
# elements at run time, so style-src needs 'unsafe-inline' (styles cannot run code).
# img-src allows data: for Bootstrap's inline SVG icons (checkboxes, selects) and Plotly's
# "download as PNG". No 'unsafe-eval' anywhere: Dash, dcc, Plotly and dash-ag-grid work without.
CSP_DIRECTIVES = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    # The stand-up TV link opens full screen in the TV's own browser: nothing is framed.
    "frame-ancestors": ["'none'"],
}
STATIC_HEADERS = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    # Same-origin requests keep their Referer (and so their Origin on POST, which the rule
    # above reads); other sites never see an address, so never a TV link's token.
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}


def content_security_policy(script_hashes: list[str]) -> str:
    directives = {**CSP_DIRECTIVES, "script-src": CSP_DIRECTIVES["script-src"] + script_hashes}
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def _policy() -> str:
    """Read at every answer: Dash registers some inline scripts itself at its first request
    (the pages' title callback), and hashing a few short scripts costs microseconds."""
    dash_app = current_app.extensions.get("dash_app")
    return content_security_policy(list(dash_app.csp_hashes()) if dash_app else [])


def own_origin() -> str:
    """This site as browsers write an Origin (behind a proxy, RELANCE_PROXY_HOPS makes
    request.host_url the public address)."""
    return request.host_url.rstrip("/").lower()


def is_foreign() -> bool:
    """True when a browser says this request comes from another site."""
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None:
        return site.lower() not in TRUSTED_FETCH_SITES
    origin = request.headers.get("Origin")
    return origin is not None and origin.lower() != own_origin()


def refuse_foreign_origin():
    guarded = request.method not in SAFE_METHODS or request.path.startswith(GUARDED_GET_PREFIXES)
    if guarded and is_foreign():
        return jsonify({"error": "cross-origin request refused"}), 403
    return None


def add_security_headers(response):
    response.headers["Content-Security-Policy"] = _policy()
    for name, value in STATIC_HEADERS.items():
        response.headers.setdefault(name, value)
    if not request.path.startswith(STATIC_PREFIXES):
        # Pages, callbacks and exports hold a user's data: never stored by a browser or proxy.
        response.headers["Cache-Control"] = "no-store"
    return response


def init_app(server: Flask) -> None:
    # Registered before the sign-in guard: a foreign request is refused before anything runs.
    server.before_request(refuse_foreign_origin)
    server.after_request(add_security_headers)
