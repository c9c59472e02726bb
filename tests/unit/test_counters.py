"""The counters at their boundaries, in both modes, for every role; employees' counters."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import update

from data.counters import Counters, counters, employees_counters
from data.models import User
from data.scope import load_viewer
from tests import factories as f
from tests.factories import at

# 23:30 UTC on the 23rd is 00:30 on the 24th in Paris: the two calendars disagree.
LATE = datetime(2026, 11, 23, 23, 30, tzinfo=UTC)
# 29 March 2026: Paris springs forward, the day lasts 23 hours (23:00 UTC → 22:00 UTC).
DST_DAY = datetime(2026, 3, 29, 10, 0, tzinfo=UTC)


@pytest.fixture
def office(db):
    with db.session() as s:
        admin, marie, paul, lea = f.people(s, "admin", "marie", "paul", "lea")
        f.team(s, "Ventes", managers=[marie], members=[paul, lea])
        ids = {"admin": admin.id, "marie": marie.id, "paul": paul.id, "lea": lea.id}
    return db, ids


def arrange(db, ids, build):
    with db.session() as s:
        people = {k: s.get(User, v) for k, v in ids.items()}
        build(s, people)


def own_task(s, person, body, due_at, customer=None):
    """A task `person` keeps for themselves."""
    return f.note(s, person, body, customer=customer, assignee=person, due_at=due_at)


def counters_of(db, ids, who, now) -> Counters:
    with db.session() as s:
        return counters(s, load_viewer(s, ids[who]), now)


def test_planned_boundary_is_now_plus_threshold(office):
    db, ids = office
    now = at(2026, 11, 23, 9, 0)

    def build(s, p):
        paul = p["paul"]
        f.note(
            s, paul, "exactly at the threshold", assignee=paul, due_at=now + timedelta(minutes=15)
        )
        f.note(
            s,
            paul,
            "one second before",
            assignee=paul,
            due_at=now + timedelta(minutes=15, seconds=-1),
        )
        f.note(s, paul, "overdue by a month", assignee=paul, due_at=now - timedelta(days=30))
        f.note(s, paul, "no date", assignee=paul)
        f.note(s, paul, "completed", assignee=paul, due_at=now - timedelta(hours=1), completed=True)
        f.note(s, paul, "deleted", assignee=paul, due_at=now - timedelta(hours=1), deleted=True)
        f.note(s, paul, "plain note")

    arrange(db, ids, build)
    assert counters_of(db, ids, "paul", now).planned == 2
    with db.session() as s:
        s.execute(update(User).where(User.id == ids["paul"]).values(planned_threshold_minutes=16))
    assert counters_of(db, ids, "paul", now).planned == 3


def test_today_follows_the_paris_calendar_not_utc(office):
    db, ids = office

    def build(s, p):
        paul = p["paul"]
        for body, due in (
            ("23:59 Paris on the 23rd", at(2026, 11, 23, 22, 59)),
            ("00:00 Paris on the 24th", at(2026, 11, 23, 23, 0)),
            ("23:59 Paris on the 24th", at(2026, 11, 24, 22, 59)),
            ("00:00 Paris on the 25th", at(2026, 11, 24, 23, 0)),
        ):
            f.note(s, paul, body, assignee=paul, due_at=due)
        f.activity(s, paul, "missed_call", received_at=at(2026, 11, 23, 22, 59))  # yesterday
        f.activity(s, paul, "email", received_at=at(2026, 11, 23, 23, 5))  # today in Paris

    arrange(db, ids, build)
    result = counters_of(db, ids, "paul", LATE)
    # Today: the two tasks of the 24th (Paris) and the e-mail received after midnight.
    assert result == Counters(incoming=2, planned=2, today=3)
    with db.session() as s:  # the same instant seen from UTC: still the 23rd
        s.execute(update(User).where(User.id == ids["paul"]).values(time_zone="UTC"))
    # Today in UTC: the two tasks due on the 23rd (UTC) and both activities.
    assert counters_of(db, ids, "paul", LATE) == Counters(incoming=2, planned=2, today=4)


def test_today_on_the_dst_change_day_lasts_23_hours(office):
    db, ids = office

    def build(s, p):
        lea = p["lea"]
        for body, due in (
            ("00:00 Paris", at(2026, 3, 28, 23, 0)),
            ("23:59 Paris (CEST)", at(2026, 3, 29, 21, 59)),
            ("next day 00:00", at(2026, 3, 29, 22, 0)),
            ("the day before", at(2026, 3, 28, 22, 59)),
        ):
            f.note(s, lea, body, assignee=lea, due_at=due)

    arrange(db, ids, build)
    assert counters_of(db, ids, "lea", DST_DAY).today == 2


def test_counter_modes_activity_responsible_and_item_responsible(office):
    db, ids = office
    now = at(2026, 11, 23, 9, 0)

    def build(s, p):
        paul, lea = p["paul"], p["lea"]
        pauls_customer = f.customer(s, "Boulangerie Martin", paul)
        leas_customer = f.customer(s, "Garage Dupont", lea)
        # On Paul's customer, assigned to Lea: item-responsible Paul counts it, Lea too
        # in activity mode.
        f.note(
            s,
            lea,
            "on Paul's customer",
            customer=pauls_customer,
            assignee=lea,
            due_in=timedelta(hours=-2),
        )
        # On Lea's customer, assigned to Paul.
        f.note(
            s,
            paul,
            "on Lea's customer",
            customer=leas_customer,
            assignee=paul,
            due_in=timedelta(hours=-1),
        )
        f.activity(s, lea, "chat", customer=pauls_customer)
        f.activity(s, paul, "order_payment", customer=leas_customer)
        f.activity(s, paul, "comment", customer=leas_customer, closed_at=now)

    arrange(db, ids, build)
    assert counters_of(db, ids, "paul", now) == Counters(incoming=1, planned=1, today=2)
    with db.session() as s:
        s.execute(update(User).where(User.id == ids["paul"]).values(counter_mode="item"))
    # Now the task and the chat on his customer count, whoever is assigned.
    assert counters_of(db, ids, "paul", now) == Counters(incoming=1, planned=1, today=2)
    with db.session() as s:
        s.execute(update(User).where(User.id == ids["lea"]).values(counter_mode="item"))
    # Lea's customer holds Paul's task and Paul's order payment.
    assert counters_of(db, ids, "lea", now) == Counters(incoming=1, planned=1, today=2)


def test_every_role_counts_their_own_items(office):
    db, ids = office
    now = at(2026, 11, 23, 9, 0)

    def build(s, p):
        for who, n in (("admin", 1), ("marie", 2), ("paul", 3)):
            for i in range(n):
                f.note(s, p[who], f"{who} {i}", assignee=p[who], due_in=timedelta(minutes=-i - 1))

    arrange(db, ids, build)
    assert counters_of(db, ids, "admin", now).planned == 1
    assert counters_of(db, ids, "marie", now).planned == 2
    assert counters_of(db, ids, "paul", now).planned == 3
    assert counters_of(db, ids, "lea", now) == Counters()


def test_employees_counters_equal_each_persons_own_counters(office):
    db, ids = office

    def build(s, p):
        paul, lea, marie = p["paul"], p["lea"], p["marie"]
        shop = f.customer(s, "Boulangerie Martin", paul)
        for i, due in enumerate((-60 * 24, -30, 5, 60 * 3, 60 * 30)):
            own_task(s, paul, f"paul {i}", LATE + timedelta(minutes=due), shop)
            own_task(s, lea, f"lea {i}", LATE + timedelta(minutes=due * 2), shop)
        f.activity(s, paul, "missed_call", received_at=LATE - timedelta(minutes=20))
        f.activity(s, lea, "email", customer=shop, received_at=LATE - timedelta(days=2))
        f.note(s, marie, "marie's own", assignee=marie, due_at=LATE - timedelta(hours=1))

    arrange(db, ids, build)
    with db.session() as s:  # different modes, thresholds and zones per person
        s.execute(update(User).where(User.id == ids["paul"]).values(counter_mode="item"))
        s.execute(
            update(User)
            .where(User.id == ids["lea"])
            .values(time_zone="America/Montreal", planned_threshold_minutes=120)
        )
    with db.session() as s:
        marie = load_viewer(s, ids["marie"])
        board = employees_counters(s, marie, LATE)
        by_name = {e.name: e.counters for e in board}
        assert set(by_name) == {"Paul Rep", "Lea Rep"}  # her team, not herself
        for e in board:
            assert e.team == "Ventes"
            assert e.counters == counters(s, load_viewer(s, e.user_id), LATE)
        assert by_name["Paul Rep"].incoming == 1  # item mode: the e-mail on his customer
        admin = load_viewer(s, ids["admin"])
        everyone = {e.name: e.counters for e in employees_counters(s, admin, LATE)}
        assert set(everyone) == {"Ada Admin", "Marie Manager", "Paul Rep", "Lea Rep"}
        assert everyone["Marie Manager"] == counters(s, load_viewer(s, ids["marie"]), LATE)
        assert employees_counters(s, load_viewer(s, ids["paul"]), LATE) == []


@pytest.mark.parametrize("mode", ["activity", "item"])
def test_a_counter_lists_exactly_the_tasks_it_counts(office, mode):
    """What /notes?counter=… shows (same WHERE as the grid) is what the counter says."""
    from data.filters import NoteFilter
    from data.notes import count_notes, list_notes

    db, ids = office

    def build(s, p):
        paul, lea = p["paul"], p["lea"]
        shop = f.customer(s, "Boulangerie Martin", paul)
        for i, minutes in enumerate((-3000, -90, 5, 14, 16, 60 * 10, 60 * 40)):
            own_task(s, paul, f"paul {i}", LATE + timedelta(minutes=minutes), shop)
            own_task(s, lea, f"lea {i}", LATE + timedelta(minutes=minutes), shop)
        f.activity(s, paul, "chat", customer=shop, received_at=LATE - timedelta(minutes=10))

    arrange(db, ids, build)
    with db.session() as s:
        s.execute(update(User).where(User.id == ids["paul"]).values(counter_mode=mode))
    with db.session() as s:
        paul = load_viewer(s, ids["paul"])
        shown = counters(s, paul, LATE)
        planned = NoteFilter.from_query("counter=planned")
        today = NoteFilter.from_query("counter=today")
        assert count_notes(s, paul, planned, LATE) == shown.planned
        assert len(list_notes(s, paul, planned, LATE, 0, 100)) == shown.planned
        # Today also counts the chat received today (the activities list shows it).
        assert count_notes(s, paul, today, LATE) + 1 == shown.today
        assert shown.planned == (4 if mode == "activity" else 8)
    assert NoteFilter.from_query("counter=bogus").errors
