"""The world of the export tests: the notes of tests/unit/conftest.py's `notes_world` with a
formula in a body and an '@' customer, an app exporting into a temporary folder, and signing in
as one of its people."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from app import create_app
from data.models import Customer, Note
from data.scope import load_viewer
from tests.factories import FIXED_NOW
from tests.helpers import sign_in

FORMULA = '=HYPERLINK("http://x")'


@pytest.fixture
def world(notes_world, tmp_path, monkeypatch):
    db, ids, refs = notes_world
    monkeypatch.setenv("RELANCE_NOW", FIXED_NOW.isoformat())
    with db.session() as s:
        paul = s.get(Note, ids["overdue_paul"]).author_id
        paul_user = load_viewer(s, paul)
        s.execute(update(Note).where(Note.id == ids["plain_paul"]).values(body=FORMULA))
        s.execute(update(Customer).where(Customer.id == refs["bakery"]).values(name="@Boulangerie"))
    server = create_app(
        {"DATABASE_URL": db.url, "TESTING": True, "EXPORT_DIR": str(tmp_path / "exports")}
    )
    client = server.test_client()
    emails = {"paul": "paul.rep@test.relance", "lea": "lea.rep@test.relance"}
    emails |= {"admin": "ada.admin@test.relance", "marie": "marie.manager@test.relance"}
    assert paul_user.email == emails["paul"]
    yield client, db, ids, refs, emails, tmp_path / "exports"
    server.extensions["relance_db"].dispose()


def as_user(world, who: str):
    client, _db, _ids, _refs, emails, _dir = world
    response = sign_in(client, emails[who])
    assert response.status_code == 302
    return client
