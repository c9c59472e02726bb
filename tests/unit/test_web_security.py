"""What every answer tells the browser (web/security.py), and the Origin rule: a page of
another site cannot make a signed-in browser change anything."""

from __future__ import annotations

import base64
import hashlib
import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from app import create_app
from components import ids
from data.models import Note
from tests import factories as f
from tests.helpers import csrf_token, post_callback, sign_in, signed_in

PAUL = "paul.rep@test.relance"
FOREIGN = {"Origin": "https://evil.example"}


@pytest.fixture
def site(db):
    with db.session() as s:
        paul = f.user(s, "Paul Rep", locale="en")
        note = f.note(s, paul, "call back", assignee=paul, due_in=timedelta(hours=2)).id
    server = create_app({"DATABASE_URL": db.url, "TESTING": True})
    yield server, db, note
    server.extensions["relance_db"].dispose()


def policy(response) -> dict[str, list[str]]:
    """The Content-Security-Policy as {directive: sources}."""
    parts = (p.split() for p in response.headers["Content-Security-Policy"].split(";"))
    return {words[0]: words[1:] for words in parts if words}


def assert_protected(response) -> None:
    csp = policy(response)
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert all("'unsafe-eval'" not in sources for sources in csp.values())
    assert "'unsafe-inline'" not in csp["script-src"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cache-Control"] == "no-store"


def board_move(client):
    dependencies = client.get("/_dash-dependencies").json
    return next(c for c in dependencies if any(i["id"] == ids.BOARD_MOVE for i in c["inputs"]))


def move_to_no_date(client, callback, note: int, headers=None):
    values = {
        f"{ids.BOARD_MOVE}.data": {"note": str(note), "version": "1", "to": "no-date"},
        f"{ids.BOARD_REFRESH}.data": 0,
    }
    return post_callback(client, callback, values, f"{ids.BOARD_MOVE}.data", headers)


def due_and_version(db, note_id):
    with db.session() as s:
        return tuple(s.execute(select(Note.due_at, Note.version).where(Note.id == note_id)).one())


def test_pages_dash_endpoints_exports_and_sign_in_carry_the_headers(site):
    server, _db, note = site
    assert_protected(server.test_client().get("/login"))
    client = signed_in(server, PAUL)
    for path in ("/", "/notes", "/_dash-layout", "/_dash-dependencies", "/export/notes.csv"):
        assert_protected(client.get(path))
    assert_protected(move_to_no_date(client, board_move(client), note))


def test_static_files_may_be_cached(site):
    server, _db, _note = site
    response = server.test_client().get("/assets/vendor/bootstrap.min.css")
    assert response.headers.get("Cache-Control") != "no-store"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_every_inline_script_of_a_page_is_allowed_by_its_hash_and_nothing_else(site):
    server, _db, _note = site
    response = signed_in(server, PAUL).get("/notes")
    allowed = policy(response)["script-src"]
    assert allowed[0] == "'self'" and len(allowed) > 1
    page = response.get_data(as_text=True)
    page = re.sub(r"<!--.*?-->", "", page, flags=re.S)  # conditional comments never run
    inline = [
        body
        for attributes, body in re.findall(r"<script([^>]*)>(.*?)</script>", page, re.S)
        if "src=" not in attributes and "application/json" not in attributes
    ]
    assert inline
    for body in inline:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in allowed


def test_a_callback_from_a_foreign_origin_is_refused_and_changes_nothing(site):
    server, db, note = site
    client = signed_in(server, PAUL)
    callback = board_move(client)
    before = due_and_version(db, note)
    for headers in (FOREIGN, {"Sec-Fetch-Site": "cross-site"}, {"Sec-Fetch-Site": "same-site"}):
        assert move_to_no_date(client, callback, note, headers).status_code == 403
    assert due_and_version(db, note) == before


@pytest.mark.parametrize(
    "headers",
    [{}, {"Origin": "http://localhost"}, {"Sec-Fetch-Site": "same-origin"}],
    ids=["no-origin", "same-origin", "fetch-same-origin"],
)
def test_a_callback_from_our_own_pages_or_a_non_browser_client_passes(site, headers):
    server, db, note = site
    client = signed_in(server, PAUL)
    response = move_to_no_date(client, board_move(client), note, headers)
    assert response.status_code == 200
    assert due_and_version(db, note)[1] == 2


def test_sign_in_and_sign_out_from_a_foreign_origin_are_refused(site):
    server, _db, _note = site
    client = server.test_client()
    assert sign_in(client, PAUL, headers=FOREIGN).status_code == 403
    assert client.get("/").status_code == 302
    client = signed_in(server, PAUL)
    token = csrf_token(client, "/logout")
    refused = client.post("/logout", data={"csrf_token": token}, headers=FOREIGN)
    assert refused.status_code == 403
    assert client.get("/").status_code == 200


def test_an_export_opened_from_another_site_is_refused(site):
    server, _db, _note = site
    client = signed_in(server, PAUL)
    cross = client.get("/export/notes.csv", headers={"Sec-Fetch-Site": "cross-site"})
    assert cross.status_code == 403
    for site_header in ("same-origin", "none"):  # a link on /notes, a typed address
        ours = client.get("/export/notes.csv", headers={"Sec-Fetch-Site": site_header})
        assert ours.status_code == 200
