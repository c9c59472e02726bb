"""Incoming activities on My day: the list is the Incoming counter; close one; make a task
of another (the note form opens with its customer and subject)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from data.models import Activity
from tests import factories as f


@pytest.fixture
def world(relance_notes_app):
    """Two incoming activities for Paul on the bakery: a missed call, then an e-mail."""
    shop = relance_notes_app.settings.customers["Boulangerie Martin"]
    paul = relance_notes_app.settings.users["paul@test.relance"]
    with relance_notes_app.session() as s:
        for kind, subject, hours in (
            ("missed_call", "Appel manqué de la gérante", 1),
            ("email", "Demande de devis pour Noël", 2),
        ):
            s.add(
                Activity(
                    kind=kind,
                    subject=subject,
                    customer_id=shop,
                    responsible_id=paul,
                    received_at=f.FIXED_NOW - timedelta(hours=hours),
                )
            )
    return relance_notes_app


def test_paul_closes_one_activity_and_turns_the_other_into_a_task(
    browser, my_day, notes, scenario, settings
):
    my_day.open_as(scenario.people["paul"].email)
    my_day.counters.wait_for(("2", "4", "6"))  # today: 4 tasks + 2 activities
    my_day.activities.wait_for_count("2")
    newest, older = my_day.activities.wait_for_listed(2)
    # Incoming is explained by this very list.
    incoming = browser.attribute(my_day.counters.link_of("incoming"), "href")
    assert incoming.endswith("/#activities")

    my_day.activities.close(newest)

    my_day.counters.wait_for(("1", "4", "5"))
    my_day.activities.wait_for_count("1")
    assert my_day.activities.shown() == [older]

    my_day.activities.make_a_task_of(older)
    browser.wait_for_path(f"/notes?task_from={older}")
    form = notes.form
    form.wait_until_open()
    form.wait_for_value("body", "Demande de devis pour Noël")
    assert form.value("customer") == settings.customers["Boulangerie Martin"]
    # The assignee stays once the people list has arrived (it is not dropped by the list).
    form.wait_for_choices("assignee", at_least=2)
    assert form.value("assignee") == settings.users["paul@test.relance"]
    assert form.shown("assignee") == "Paul Rep"
    assert browser.no_severe_logs()
