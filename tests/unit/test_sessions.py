"""Sessions end on the server: after sign-out (a POST with its token) or a deactivation, a
copy of the old cookie opens no page, no callback and no export."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select, update

from app import create_app
from components import ids
from data.models import User, UserSession
from tests import factories as f
from tests.helpers import csrf_token, post_callback, sign_in, sign_out

PAUL = "paul@test.relance"


@pytest.fixture
def site(db):
    with db.session() as s:
        f.user(s, "Paul Rep", email=PAUL)
    server = create_app({"DATABASE_URL": db.url, "TESTING": True})
    yield server, db
    server.extensions["relance_db"].dispose()


def signed_in_cookie(server) -> tuple[object, str]:
    client = server.test_client()
    assert sign_in(client, PAUL).status_code == 302
    return client, client.get_cookie("session").value


def replay(server, cookie: str):
    """A fresh client holding only a copied session cookie, as an attacker replays it."""
    client = server.test_client()
    client.set_cookie("session", cookie)
    return client


def bell_callback(client) -> dict:
    """The navbar bell's callback as Dash lists it (a read any signed-in user may call)."""
    dependencies = client.get("/_dash-dependencies").json
    wanted = f"..{ids.NAVBAR_BELL_COUNT}.children.."
    return next(c for c in dependencies if c["output"].startswith(wanted))


def ring(client, callback: dict) -> int:
    return post_callback(client, callback, {f"{ids.URL}.pathname": "/"}).status_code


def opens_everything(client) -> bool:
    callback = bell_callback(client)
    return (
        client.get("/").status_code == 200
        and client.get("/_dash-layout").status_code == 200
        and ring(client, callback) == 200
        and client.get("/export/notes.csv").status_code == 200
    )


def test_a_replayed_cookie_works_until_sign_out_and_never_after(site):
    server, _db = site
    client, cookie = signed_in_cookie(server)
    assert opens_everything(replay(server, cookie))
    callback = bell_callback(client)

    assert sign_out(client).headers["Location"] == "/login"

    stale = replay(server, cookie)
    page = stale.get("/notes")
    assert page.status_code == 302 and page.headers["Location"].startswith("/login?next=")
    assert stale.get("/_dash-layout").status_code == 401
    assert ring(stale, callback) == 401
    assert stale.get("/export/notes.csv").status_code == 401
    assert stale.get("/export/notes.xlsx").status_code == 401


def test_get_logout_asks_to_confirm_and_signs_nobody_out(site):
    server, _db = site
    client, _cookie = signed_in_cookie(server)
    page = client.get("/logout")
    assert page.status_code == 200
    assert re.search(r'<form method="post" action="/logout">', page.text)
    assert client.get("/").status_code == 200


@pytest.mark.parametrize("data", [{}, {"csrf_token": "forged"}])
def test_post_logout_without_its_token_is_refused(site, data):
    server, _db = site
    client, cookie = signed_in_cookie(server)
    assert client.post("/logout", data=data).status_code == 400
    assert client.get("/").status_code == 200
    assert opens_everything(replay(server, cookie))


def component(tree, component_id: str) -> dict | None:
    """The component `component_id` in a Dash layout (JSON), wherever it is nested."""
    if isinstance(tree, list):
        return next(filter(None, (component(item, component_id) for item in tree)), None)
    if not isinstance(tree, dict):
        return None
    props = tree.get("props", {})
    if props.get("id") == component_id:
        return tree
    return next(filter(None, (component(v, component_id) for v in props.values())), None)


def test_the_navbar_signs_out_with_a_form_that_posts_its_token(site):
    server, _db = site
    client, cookie = signed_in_cookie(server)
    layout = client.get("/_dash-layout").json
    form = component(layout, "navbar-logout-form")["props"]
    button = component(layout, "navbar-logout")["props"]
    assert (form["action"], form["method"], button["type"]) == ("/logout", "post", "submit")
    data = {button["name"]: button["value"]}
    assert client.post("/logout", data=data).headers["Location"] == "/login"
    assert replay(server, cookie).get("/").status_code == 302


def test_signing_in_again_ends_the_previous_session(site):
    server, db = site
    client, first = signed_in_cookie(server)
    # Signed in, /login redirects: its form is posted with the token of the session.
    data = {"email": PAUL, "password": f.PASSWORD, "csrf_token": csrf_token(client, "/logout")}
    assert client.post("/login", data=data).status_code == 302
    assert client.get("/").status_code == 200
    assert replay(server, first).get("/").status_code == 302
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(UserSession)) == 1


def test_deactivation_ends_the_session_and_reactivation_does_not_revive_it(site):
    server, db = site
    client, cookie = signed_in_cookie(server)
    with db.session() as s:
        s.execute(update(User).where(User.email == PAUL).values(active=False))
    assert replay(server, cookie).get("/").status_code == 302
    assert client.get("/_dash-layout").status_code == 401
    with db.session() as s:
        s.execute(update(User).where(User.email == PAUL).values(active=True))
    assert replay(server, cookie).get("/").status_code == 302


def test_the_database_keeps_a_digest_not_the_token(site):
    server, db = site
    client, _cookie = signed_in_cookie(server)
    with client.session_transaction() as session:
        token = session["_user_id"]
    with db.session() as s:
        stored = s.scalar(select(UserSession.token_hash))
    assert len(token) >= 40 and token not in stored and stored != token
    assert csrf_token(client, "/logout")
