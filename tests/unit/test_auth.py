"""Sign-in and the guard, through the real Flask routes."""

from __future__ import annotations

import pytest

from app import create_app
from data.models import User
from tests import factories as f
from tests.helpers import csrf_token, sign_in, sign_out

GENERIC = "E-mail ou mot de passe incorrect."
TOO_MANY = "Trop de tentatives"


@pytest.fixture
def client(db):
    with db.session() as s:
        f.user(s, "Paul Rep", email="paul@test.relance")
        f.user(s, "Gone Rep", email="gone@test.relance", active=False)
    server = create_app({"DATABASE_URL": db.url, "TESTING": True})
    yield server.test_client()
    server.extensions["relance_db"].dispose()


def test_anonymous_page_redirects_to_login_with_next(client):
    response = client.get("/?rep=3")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")
    assert "rep%3D3" in response.headers["Location"]


@pytest.mark.parametrize(
    "path", ["/_dash-update-component", "/_dash-layout", "/_dash-dependencies", "/export/x.csv"]
)
def test_anonymous_machine_endpoints_answer_401(client, path):
    assert client.post(path, json={}).status_code == 401
    assert client.get(path).status_code == 401


def test_public_paths_need_no_session(client):
    assert client.get("/login").status_code == 200
    assert client.get("/healthz").json == {"status": "ok", "database": "ok"}
    assert client.get("/assets/vendor/bootstrap.min.css").status_code == 200


@pytest.mark.parametrize("path", ["/loginX", "/login/x", "/healthz2", "/healthz/x", "/assetsX"])
def test_paths_that_only_start_like_a_public_one_need_a_session(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


def test_login_form_carries_csrf_token_and_refuses_without_it(client):
    assert csrf_token(client)
    response = client.post("/login", data={"email": "paul@test.relance", "password": "x"})
    assert response.status_code == 400
    assert client.get("/").status_code == 302


def test_success_redirects_home_and_opens_pages(client):
    response = sign_in(client, "paul@test.relance", f.PASSWORD)
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert client.get("/").status_code == 200
    assert client.post("/_dash-dependencies").status_code != 401


def test_email_is_case_insensitive(client):
    assert sign_in(client, "  Paul@Test.Relance ", f.PASSWORD).status_code == 302


@pytest.mark.parametrize(
    ("email", "password"),
    [("paul@test.relance", "wrong"), ("nobody@test.relance", f.PASSWORD)],
)
def test_failure_shows_the_same_generic_message_and_no_session(client, email, password):
    response = sign_in(client, email, password)
    assert response.status_code == 200
    assert GENERIC in response.get_data(as_text=True)
    assert client.get("/").status_code == 302


def test_deactivated_user_cannot_sign_in(client):
    response = sign_in(client, "gone@test.relance", f.PASSWORD)
    assert GENERIC in response.get_data(as_text=True)
    assert client.get("/").status_code == 302


def test_deactivation_ends_an_open_session(client, db):
    sign_in(client, "paul@test.relance", f.PASSWORD)
    assert client.get("/").status_code == 200
    with db.session() as s:
        s.query(User).filter_by(email="paul@test.relance").update({"active": False})
    assert client.get("/").status_code == 302
    assert client.post("/_dash-update-component", json={}).status_code == 401


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:x"]
)
def test_next_outside_the_site_is_ignored(client, target):
    response = sign_in(client, "paul@test.relance", f.PASSWORD, next_=target)
    assert response.headers["Location"] == "/"


def test_local_next_is_honoured(client):
    response = sign_in(client, "paul@test.relance", f.PASSWORD, next_="/notes?status=2")
    assert response.headers["Location"] == "/notes?status=2"


def test_sixth_failed_attempt_for_an_email_is_refused(client):
    for attempt in range(5):
        headers = {"X-Attempt": str(attempt)}
        assert GENERIC in sign_in(client, "paul@test.relance", "bad", headers=headers).text
    sixth = sign_in(client, "paul@test.relance", f.PASSWORD)
    assert sixth.status_code == 429
    assert TOO_MANY in sixth.get_data(as_text=True)
    assert client.get("/").status_code == 302


def test_failed_attempts_are_limited_per_client_address(client):
    for n in range(5):
        sign_in(client, f"unknown{n}@test.relance", "bad")
    response = sign_in(client, "paul@test.relance", f.PASSWORD)
    assert response.status_code == 429


def test_successful_sign_ins_do_not_count(client):
    for _ in range(7):
        assert sign_in(client, "paul@test.relance", f.PASSWORD).status_code == 302
        sign_out(client)


def test_logout_ends_the_session(client):
    sign_in(client, "paul@test.relance", f.PASSWORD)
    assert sign_out(client).headers["Location"] == "/login"
    assert client.get("/").status_code == 302


def test_session_cookie_is_httponly_and_lax(client):
    response = sign_in(client, "paul@test.relance", f.PASSWORD)
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie


def test_login_page_speaks_english_to_english_browsers(client):
    page = client.get("/login", headers={"Accept-Language": "en-GB,en;q=0.9"}).text
    assert "Sign in" in page
    assert "Connexion" in client.get("/login").text


def sign_in_from(client, address: str, email: str, password: str, token: str | None = None):
    """The sign-in form posted from another client address."""
    data = {"email": email, "password": password, "csrf_token": token or csrf_token(client)}
    return client.post("/login", data=data, environ_base={"REMOTE_ADDR": address})


def test_an_expired_form_is_not_an_attempt(client):
    for _ in range(7):
        expired = sign_in_from(client, "10.0.0.5", "paul@test.relance", "bad", token="stale")
        assert expired.status_code == 400
    assert sign_in_from(client, "10.0.0.5", "paul@test.relance", f.PASSWORD).status_code == 302


def test_failures_from_elsewhere_slow_that_address_without_locking_you_out(client):
    for _ in range(5):
        assert sign_in_from(client, "10.0.0.66", "paul@test.relance", "bad").status_code == 200
    assert sign_in_from(client, "10.0.0.66", "paul@test.relance", f.PASSWORD).status_code == 429
    assert sign_in_from(client, "10.0.0.7", "paul@test.relance", f.PASSWORD).status_code == 302


def test_an_email_guessed_from_many_addresses_is_slowed_down(client):
    for n in range(30):
        answer = sign_in_from(client, f"10.1.{n // 4}.{n % 4}", "paul@test.relance", "bad")
        assert answer.status_code == 200
    refused = sign_in_from(client, "10.2.0.1", "paul@test.relance", "bad")
    assert refused.status_code == 429 and TOO_MANY in refused.get_data(as_text=True)
