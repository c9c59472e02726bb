"""Incoming activities: the list is what the counter counts; closing; a task from one."""

from __future__ import annotations

from datetime import timedelta

import pytest

from data.activities import close_activity, open_incoming, task_prefill
from data.counters import counters
from data.errors import NotAllowed
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
