"""The bulk callback through Dash's real HTTP endpoint, with payloads a browser never sends:
forged ids, a forged filter, someone else's tasks. Each gets a message; nothing changes."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app import create_app
from data.models import AuditEvent, Note
from tests import factories as f
from tests.helpers import post_callback, sign_in


@pytest.fixture
def people(db):
    with db.session() as s:
        marie = f.user(s, "Marie Manager", "manager", email="marie@test.relance")
        paul = f.user(s, "Paul Rep", email="paul@test.relance")
        lea = f.user(s, "Lea Rep", email="lea@test.relance")
        f.team(s, "Ventes", managers=[marie], members=[paul, lea])
        shop = f.customer(s, "Boulangerie Martin", paul)
        tasks = [
            f.note(s, lea, f"Lea {i}", customer=shop, assignee=lea, due_in=timedelta(days=i)).id
            for i in range(1, 3)
        ]
        ids = {"paul": paul.id, "lea": lea.id, "tasks": tasks}
    server = create_app({"DATABASE_URL": db.url, "TESTING": True})
    yield server.test_client(), db, ids
    server.extensions["relance_db"].dispose()


def bulk_submit(client, **values) -> str:
    """POST the bulk callback as the renderer would, with `values` for its inputs and states
    ("bulk-submit.n_clicks": 1, …); returns the text the user would read in bulk-result."""
    dependencies = client.get("/_dash-dependencies").json
    callback = next(c for c in dependencies if any(i["id"] == "bulk-submit" for i in c["inputs"]))
    response = post_callback(client, callback, values, "bulk-submit.n_clicks")
    assert response.status_code == 200, response.get_data(as_text=True)
    return json.dumps(response.json["response"], ensure_ascii=False)


def hand_to_paul(client, ids, selection: dict) -> str:
    """Submit the bulk bar: the tasks `selection` holds go to Paul."""
    return bulk_submit(
        client, **{"bulk-submit.n_clicks": 1, "bulk-rep.value": ids["paul"], **selection}
    )


def ticked(note_ids) -> dict:
    """The grid's selection, as if these rows were ticked."""
    return {"notes-grid.selectedRows": [{"id": note_id} for note_id in note_ids]}


def audit_count(db) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(AuditEvent))


def assignees(db, note_ids) -> set[int]:
    with db.session() as s:
        return set(s.scalars(select(Note.assignee_id).where(Note.id.in_(note_ids))))


@pytest.mark.parametrize(
    ("selection", "expected"),
    [
        ({"notes-grid.selectedRows": [{"id": "1 OR 1=1"}]}, "identifiant de note invalide"),
        ({"notes-grid.selectedRows": "everything"}, "Cochez au moins une tâche"),
        ({"notes-grid.selectedRows": [{"id": 999999}]}, "1 non autorisée ("),
        (
            {"bulk-all-matching.value": True, "notes-filter.data": "status=abc"},
            "Le filtre n'est pas valide",
        ),
    ],
)
def test_forged_payloads_get_a_message_and_change_nothing(people, selection, expected):
    client, db, ids = people
    sign_in(client, "marie@test.relance")
    shown = hand_to_paul(client, ids, selection)
    assert expected in shown
    assert audit_count(db) == 0
    assert assignees(db, ids["tasks"]) == {ids["lea"]}


def test_a_rep_cannot_take_a_colleagues_tasks_by_forging_their_ids(people):
    client, db, ids = people
    sign_in(client, "paul@test.relance")
    shown = hand_to_paul(client, ids, ticked(ids["tasks"]))
    assert "Rien n'a changé" in shown
    assert "2 non autorisées" in shown
    assert assignees(db, ids["tasks"]) == {ids["lea"]}
    assert audit_count(db) == 0


def test_a_manager_payload_within_scope_is_applied(people):
    client, db, ids = people
    sign_in(client, "marie@test.relance")
    shown = hand_to_paul(client, ids, ticked(ids["tasks"]))
    assert "2 tâches réassignées à Paul Rep." in shown
    assert assignees(db, ids["tasks"]) == {ids["paul"]}
