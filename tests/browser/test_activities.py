"""Incoming activities on My day: the list is the Incoming counter; close one; make a task
of another (the note form opens with its customer and subject)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update

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


def test_closing_an_activity_says_so_and_can_be_undone_until_it_changes(
    browser, my_day, world, scenario
):
    my_day.open_as(scenario.people["paul"].email)
    activities = my_day.activities
    activities.wait_for_count("2")
    newest, older = activities.wait_for_listed(2)
    assert not activities.can_undo()

    activities.close(newest)
    activities.wait_for_count("1")
    assert "Activité fermée" in activities.wait_for_feedback("Appel manqué de la gérante")
    assert activities.can_undo()
    browser.screenshot("myday-activity-closed")

    activities.undo()
    activities.wait_for_count("2")
    assert "rouverte" in activities.wait_for_feedback("Appel manqué de la gérante")
    assert activities.shown() == [newest, older]
    my_day.counters.wait_for(("2", "4", "6"))
    assert not activities.can_undo()

    # Closed again, then reopened and closed by someone else: this close is no longer Paul's.
    activities.close(newest)
    activities.wait_for_count("1")
    browser.wait_until(activities.can_undo, "undo was not offered again")
    with world.session() as s:
        s.execute(
            update(Activity)
            .where(Activity.id == int(newest))
            .values(closed_at=f.FIXED_NOW + timedelta(minutes=1), closed_by_id=None)
        )
    activities.undo()
    assert "Non annulé" in activities.wait_for_feedback("Non annulé")
    activities.wait_for_count("1")
    assert activities.shown() == [older]
    assert not activities.can_undo()
    assert browser.no_severe_logs()
