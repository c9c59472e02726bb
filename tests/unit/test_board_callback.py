"""The board's "Move to" through Dash's real HTTP endpoint: the shared menu writes
{note, version, to} into a store; forged or foreign requests get a message and change nothing."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from app import create_app
from components import ids as component_ids
from data.models import Note
from tests import factories as f
from tests.helpers import post_callback, signed_in


@pytest.fixture
def site(db):
    with db.session() as s:
        paul = f.user(s, "Paul Rep", locale="en")
        omar = f.user(s, "Omar Other")
        mine = f.note(s, paul, "call back", assignee=paul, due_in=timedelta(hours=2)).id
        theirs = f.note(s, omar, "omar's", assignee=omar, due_in=timedelta(hours=2)).id
    server = create_app({"DATABASE_URL": db.url, "TESTING": True})
    yield signed_in(server, "paul.rep@test.relance"), db, {"mine": mine, "theirs": theirs}
    server.extensions["relance_db"].dispose()


def move(client, request) -> str:
    """POST the move callback as the renderer does when the store changes; the message shown."""
    dependencies = client.get("/_dash-dependencies").json
    callback = next(
        c for c in dependencies if any(i["id"] == component_ids.BOARD_MOVE for i in c["inputs"])
    )
    values = {f"{component_ids.BOARD_MOVE}.data": request, f"{component_ids.BOARD_REFRESH}.data": 0}
    response = post_callback(client, callback, values, f"{component_ids.BOARD_MOVE}.data")
    assert response.status_code == 200, response.get_data(as_text=True)
    return json.dumps(response.json["response"][component_ids.BOARD_MESSAGE], ensure_ascii=False)


def due_and_version(db, note_id):
    with db.session() as s:
        return s.execute(select(Note.due_at, Note.version).where(Note.id == note_id)).one()


def test_a_pick_in_the_menu_moves_the_card(site):
    client, db, notes = site
    before = due_and_version(db, notes["mine"])
    message = move(client, {"note": str(notes["mine"]), "version": "1", "to": "no-date"})
    assert f"Task #{notes['mine']} moved to No date: no due date." in message
    after = due_and_version(db, notes["mine"])
    assert before.due_at is not None and after.due_at is None and after.version == 2


@pytest.mark.parametrize(
    "forged",
    [
        None,
        "note=1",
        {"note": [1], "version": "1", "to": "later"},
        {"note": "99999999999999999999", "version": "1", "to": "later"},
        {"note": "1e3", "version": 1, "to": "later"},
        {"note": "THEIRS", "version": "1", "to": "later"},
    ],
)
def test_forged_or_foreign_requests_are_refused_and_change_nothing(site, forged):
    client, db, notes = site
    if isinstance(forged, dict) and forged["note"] == "THEIRS":
        forged = {**forged, "note": str(notes["theirs"])}
    before = {key: due_and_version(db, note_id) for key, note_id in notes.items()}
    assert "not allowed" in move(client, forged).lower()
    assert {key: due_and_version(db, note_id) for key, note_id in notes.items()} == before
