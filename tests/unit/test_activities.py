"""Incoming activities: the list is what the counter counts; closing; a task from one."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from data.activities import close_activity, open_incoming, reopen_activity, task_prefill
from data.counters import counters
from data.errors import NotAllowed, StaleVersion
from data.models import Activity, AuditEvent
from data.scope import load_viewer
from tests import factories as f
from tests.factories import FIXED_NOW as NOW


@pytest.fixture
def office(db):
    with db.session() as s:
        paul = f.user(s, "Paul Rep")
        omar = f.user(s, "Omar Other")
        shop = f.customer(s, "Boulangerie Martin", paul)
        kinds = ("incoming_call", "missed_call", "email", "chat", "order_payment", "comment")
        mine = [
            f.activity(s, paul, kind, customer=shop, received_at=NOW - timedelta(hours=i)).id
            for i, kind in enumerate(kinds)
        ]
        f.activity(s, paul, "email", customer=shop, closed_at=NOW)
        theirs = f.activity(s, omar, "chat").id
        ids = {"paul": paul.id, "omar": omar.id, "mine": mine, "theirs": theirs, "shop": shop.id}
    return db, ids


def test_the_list_is_what_the_incoming_counter_counts(office):
    db, ids = office
    with db.session() as s:
        paul = load_viewer(s, ids["paul"])
        total, rows = open_incoming(s, paul)
        assert total == counters(s, paul, NOW).incoming == 6
        assert [r["id"] for r in rows] == ids["mine"]  # newest first
        assert {r["kind"] for r in rows} == {
            "incoming_call",
            "missed_call",
            "email",
            "chat",
            "order_payment",
            "comment",
        }


def test_closing_an_activity_lowers_the_counter_and_others_are_not_allowed(office):
    db, ids = office
    with db.session() as s:
        close_activity(s, load_viewer(s, ids["paul"]), ids["mine"][0], NOW)
    with db.session() as s:
        paul = load_viewer(s, ids["paul"])
        assert counters(s, paul, NOW).incoming == 5
        with pytest.raises(NotAllowed):
            close_activity(s, paul, ids["mine"][0], NOW)  # closed already
        with pytest.raises(NotAllowed):
            close_activity(s, paul, ids["theirs"], NOW)  # Omar's
    with db.session() as s:
        assert open_incoming(s, load_viewer(s, ids["omar"]))[0] == 1


def test_a_task_from_an_activity_prefills_its_customer_and_subject(office):
    db, ids = office
    with db.session() as s:
        paul = load_viewer(s, ids["paul"])
        assert task_prefill(s, paul, ids["mine"][2]) == {
            "customer_id": ids["shop"],
            "body": "Appel manqué",
            "assignee_id": ids["paul"],
        }
        assert task_prefill(s, paul, ids["theirs"]) is None
        assert task_prefill(s, paul, "x") is None


def close_as(db, ids, who: str, activity: int, at=NOW) -> dict:
    """Close `activity` as `who`; returns the token the browser keeps for "undo"."""
    with db.session() as s:
        return close_activity(s, load_viewer(s, ids[who]), activity, at).token()


def reopen_as(db, ids, who: str, token) -> str:
    with db.session() as s:
        return reopen_activity(s, load_viewer(s, ids[who]), token, NOW + timedelta(seconds=5))


def incoming(db, ids, who: str) -> int:
    with db.session() as s:
        return counters(s, load_viewer(s, ids[who]), NOW).incoming


def test_closing_says_what_was_closed_and_undo_reopens_it(office):
    db, ids = office
    with db.session() as s:
        closed = close_activity(s, load_viewer(s, ids["paul"]), ids["mine"][1], NOW)
    assert (closed.id, closed.subject, closed.closed_at) == (ids["mine"][1], "Appel manqué", NOW)
    assert incoming(db, ids, "paul") == 5
    assert reopen_as(db, ids, "paul", closed.token()) == "Appel manqué"
    assert incoming(db, ids, "paul") == 6
    with db.session() as s:
        reopened = s.get(Activity, ids["mine"][1])
        assert (reopened.closed_at, reopened.closed_by_id) == (None, None)
        trail = s.scalars(
            select(AuditEvent.action)
            .where(AuditEvent.target_type == "activity", AuditEvent.target_id == ids["mine"][1])
            .order_by(AuditEvent.id)
        ).all()
        assert trail == ["activity.close", "activity.reopen"]


def test_undo_is_refused_once_the_activity_changed_since(office):
    db, ids = office
    token = close_as(db, ids, "paul", ids["mine"][0])
    assert reopen_as(db, ids, "paul", token)
    with pytest.raises(StaleVersion):
        reopen_as(db, ids, "paul", token)  # undone already: open now
    close_as(db, ids, "paul", ids["mine"][0], at=NOW + timedelta(minutes=1))
    with pytest.raises(StaleVersion):
        reopen_as(db, ids, "paul", token)  # closed again since: that close is not this one
    assert incoming(db, ids, "paul") == 5  # nothing half-done


def test_undo_is_only_for_who_closed_it_within_their_scope(office):
    db, ids = office
    token = close_as(db, ids, "paul", ids["mine"][0])
    with pytest.raises(NotAllowed):
        reopen_as(db, ids, "omar", token)  # not his to see: as if it did not exist
    forged = [
        None,
        "x",
        {"id": ids["theirs"], "closed_at": NOW.isoformat()},
        {"id": ids["mine"][0]},
        {"id": ids["mine"][0], "closed_at": "yesterday"},
        {"id": ids["mine"][0], "closed_at": "2026-11-23T09:00:00"},  # no offset
        {"id": [1], "closed_at": NOW.isoformat()},
    ]
    for token_ in forged:
        with pytest.raises(NotAllowed):
            reopen_as(db, ids, "paul", token_)
    assert incoming(db, ids, "paul") == 5
