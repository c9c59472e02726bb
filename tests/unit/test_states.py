"""Note states at their boundaries, in Python and in SQL (the two must agree)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from data.models import Note
from data.states import (
    COMPLETED,
    DUE_SOON,
    NO_DATE,
    OVERDUE,
    PLAIN_NOTE,
    TODAY,
    UPCOMING,
    StateBounds,
    note_state,
    state_sql,
)
from tests import factories as f

PARIS = "Europe/Paris"


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


NOW = at("2026-11-23T10:00:00+01:00")
CASES = [
    ("due a second ago", NOW - timedelta(seconds=1), OVERDUE),
    ("due at 08:00 seen at 10:00", at("2026-11-23T08:00:00+01:00"), OVERDUE),
    ("due exactly now", NOW, DUE_SOON),
    ("due in 10 minutes", NOW + timedelta(minutes=10), DUE_SOON),
    ("due exactly at now + threshold", NOW + timedelta(minutes=15), TODAY),
    ("due at 23:59:59 Paris", at("2026-11-23T23:59:59+01:00"), TODAY),
    ("due at midnight Paris", at("2026-11-24T00:00:00+01:00"), UPCOMING),
    ("due next month", NOW + timedelta(days=30), UPCOMING),
]


@pytest.mark.parametrize(("label", "due", "expected"), CASES, ids=[c[0] for c in CASES])
def test_state_of_an_open_task(label, due, expected):
    bounds = StateBounds.for_viewer(NOW, PARIS, 15)
    assert note_state(bounds, assignee_id=1, due_at=due, completed_at=None) == expected


def test_completed_wins_and_plain_notes_have_no_state_colour():
    bounds = StateBounds.for_viewer(NOW, PARIS, 15)
    past = NOW - timedelta(days=3)
    assert note_state(bounds, assignee_id=1, due_at=past, completed_at=NOW) == COMPLETED
    assert note_state(bounds, assignee_id=None, due_at=past, completed_at=None) == PLAIN_NOTE
    assert note_state(bounds, assignee_id=1, due_at=None, completed_at=None) == NO_DATE


def test_today_follows_the_viewer_zone_not_utc():
    # 23:30 UTC on the 23rd is already the 24th in Paris: "upcoming" there, "today" in UTC.
    now = at("2026-11-23T22:00:00+00:00")
    due = at("2026-11-23T23:30:00+00:00")
    paris = StateBounds.for_viewer(now, PARIS, 15)
    utc = StateBounds.for_viewer(now, "UTC", 15)
    assert note_state(paris, assignee_id=1, due_at=due, completed_at=None) == UPCOMING
    assert note_state(utc, assignee_id=1, due_at=due, completed_at=None) == TODAY


@pytest.mark.parametrize(
    ("now", "hours"),
    [(at("2026-03-29T10:00:00+02:00"), 23), (at("2026-10-25T10:00:00+01:00"), 25)],
    ids=["spring-forward", "fall-back"],
)
def test_day_length_on_dst_change_days(now, hours):
    from data.clock import day_bounds, zone

    start, end = day_bounds(now, zone(PARIS))
    assert end - start == timedelta(hours=hours)
    bounds = StateBounds.for_viewer(now, PARIS, 15)
    last_minute = end - timedelta(minutes=1)
    assert note_state(bounds, assignee_id=1, due_at=last_minute, completed_at=None) == TODAY
    assert note_state(bounds, assignee_id=1, due_at=end, completed_at=None) == UPCOMING


def test_sql_state_matches_python_state(db):
    with db.session() as s:
        paul = f.user(s, "Paul Rep")
        expected = {}
        for _label, due, state in CASES:
            expected[f.note(s, paul, assignee=paul, due_at=due).id] = state
        expected[f.note(s, paul, assignee=paul).id] = NO_DATE
        expected[f.note(s, paul).id] = PLAIN_NOTE
        expected[f.note(s, paul, assignee=paul, due_at=NOW, completed=True).id] = COMPLETED
        bounds = StateBounds.for_viewer(NOW, PARIS, 15)
        rows = s.execute(select(Note.id, state_sql(bounds))).all()
    assert dict(rows) == expected
