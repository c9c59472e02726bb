"""The board: six columns counted in one statement, cards per column, moves between them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from data.board import COLUMNS, column_cards, column_counts, move_card, undo_move
from data.errors import InvalidInput, NotAllowed, StaleVersion
from data.filters import NoteFilter
from data.models import Note
from data.scope import load_viewer
from tests import factories as f
from tests.factories import at

# Wednesday 25 November 2026, 10:00 in Paris. This week: Mon 23 – Sun 29.
NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
SUNDAY_NOON = datetime(2026, 11, 29, 11, 0, tzinfo=UTC)


@pytest.fixture
def office(db):
    with db.session() as s:
        paul = f.user(s, "Paul Rep")
        omar = f.user(s, "Omar Other")
        due = {
            "overdue": NOW - timedelta(hours=1),
            "today": NOW + timedelta(hours=2),  # 12:00 Paris
            "thursday": at(2026, 11, 26, 9, 0),
            "sunday late": at(2026, 11, 29, 22, 30),  # 23:30 Paris, still this week
            "monday midnight": at(2026, 11, 29, 23, 0),  # 00:00 Paris on Monday 30
            "in two weeks": at(2026, 12, 7, 8, 0),
            "no date": None,
        }
        ids = {name: f.note(s, paul, name, assignee=paul, due_at=d).id for name, d in due.items()}
        f.note(s, paul, "completed", assignee=paul, due_at=NOW, completed=True)
        f.note(s, paul, "plain note")
        ids["omar's"] = f.note(s, omar, "omar's", assignee=omar, due_at=NOW).id
        ids["paul"] = paul.id
    return db, ids


def viewer(s, ids):
    return load_viewer(s, ids["paul"])


def version(s, note_id):
    return s.scalar(select(Note.version).where(Note.id == note_id))


def test_columns_are_counted_in_the_viewers_week(office):
    db, ids = office
    with db.session() as s:
        counts = column_counts(s, viewer(s, ids), NoteFilter(), NOW)
        assert counts == {
            "overdue": 1,
            "today": 1,
            "this-week": 2,
            "next-week": 1,
            "later": 1,
            "no-date": 1,
        }
        cards = {
            c: [r["body"] for r in column_cards(s, viewer(s, ids), NoteFilter(), NOW, c)]
            for c in COLUMNS
        }
        assert cards["this-week"] == ["thursday", "sunday late"]
        assert cards["next-week"] == ["monday midnight"]
        assert all(len(cards[c]) == counts[c] for c in COLUMNS)


def test_moving_today_to_next_week_keeps_the_time_of_day(office):
    db, ids = office
    with db.session() as s:
        due = move_card(s, viewer(s, ids), ids["today"], version(s, ids["today"]), "next-week", NOW)
    assert due == datetime(2026, 11, 30, 11, 0, tzinfo=UTC)  # Monday 12:00 Paris
    with db.session() as s:
        counts = column_counts(s, viewer(s, ids), NoteFilter(), NOW)
        assert (counts["today"], counts["next-week"]) == (0, 2)
        assert version(s, ids["today"]) == 2


def test_a_card_without_a_date_gets_nine_oclock_and_no_date_clears_it(office):
    db, ids = office
    with db.session() as s:
        due = move_card(s, viewer(s, ids), ids["no date"], 1, "this-week", NOW)
        assert due == datetime(2026, 11, 26, 8, 0, tzinfo=UTC)  # Thursday 09:00 Paris
        assert move_card(s, viewer(s, ids), ids["thursday"], 1, "no-date", NOW) is None
        assert s.scalar(select(Note.due_at).where(Note.id == ids["thursday"])) is None


def test_refused_moves_change_nothing(office):
    db, ids = office
    with db.session() as s:
        me = viewer(s, ids)
        with pytest.raises(InvalidInput):
            move_card(s, me, ids["today"], 1, "overdue", NOW)
        with pytest.raises(InvalidInput):
            move_card(s, me, ids["today"], 1, "somewhere", NOW)
        with pytest.raises(InvalidInput):  # on Sunday, "this week" has no day left
            move_card(s, me, ids["today"], 1, "this-week", SUNDAY_NOON)
        with pytest.raises(StaleVersion):
            move_card(s, me, ids["today"], 7, "later", NOW)
        with pytest.raises(NotAllowed):
            move_card(s, me, ids["omar's"], 1, "later", NOW)
    with db.session() as s:
        assert version(s, ids["today"]) == 1
        assert version(s, ids["omar's"]) == 1


def test_an_overdue_card_moved_to_today_lands_on_a_time_to_come(office):
    """Overdue since 09:00 Paris, moved at 10:00: kept at 09:00 it would still be overdue;
    it lands on the next quarter hour, in the Today column."""
    db, ids = office
    with db.session() as s:
        due = move_card(s, viewer(s, ids), ids["overdue"], 1, "today", NOW + timedelta(minutes=7))
    assert due == datetime(2026, 11, 25, 9, 15, tzinfo=UTC)  # 10:15 Paris
    with db.session() as s:
        later = NOW + timedelta(minutes=7)
        cards = column_cards(s, viewer(s, ids), NoteFilter(), later, "today")
        assert ids["overdue"] in [c["id"] for c in cards]
        assert column_counts(s, viewer(s, ids), NoteFilter(), later)["overdue"] == 0


def test_a_card_due_later_today_keeps_its_time_when_moved_to_today(office):
    db, ids = office
    with db.session() as s:
        earlier = NOW - timedelta(hours=1)  # 09:00 Paris; Thursday's card is due at 10:00
        due = move_card(s, viewer(s, ids), ids["thursday"], 1, "today", earlier)
    assert due == datetime(2026, 11, 25, 9, 0, tzinfo=UTC)  # today 10:00 Paris, still to come


def test_late_in_the_evening_today_stops_before_midnight(office):
    db, ids = office
    late = datetime(2026, 11, 25, 22, 52, tzinfo=UTC)  # 23:52 Paris
    with db.session() as s:
        due = move_card(s, viewer(s, ids), ids["overdue"], 1, "today", late)
    assert late < due < datetime(2026, 11, 25, 23, 0, tzinfo=UTC)


def test_undo_puts_the_previous_due_date_back_with_the_version_check(office):
    db, ids = office
    with db.session() as s:
        before = s.scalar(select(Note.due_at).where(Note.id == ids["overdue"]))
        move_card(s, viewer(s, ids), ids["overdue"], 1, "next-week", NOW)
    with db.session() as s:
        assert undo_move(s, viewer(s, ids), ids["overdue"], 2, NOW) == before
    with db.session() as s:
        assert s.scalar(select(Note.due_at).where(Note.id == ids["overdue"])) == before
        assert version(s, ids["overdue"]) == 3
        with pytest.raises(InvalidInput):  # undone already: nothing more to undo
            undo_move(s, viewer(s, ids), ids["overdue"], 3, NOW)


def test_undo_after_someone_changed_the_card_changes_nothing(office):
    db, ids = office
    with db.session() as s:
        move_card(s, viewer(s, ids), ids["today"], 1, "later", NOW)
        moved = s.scalar(select(Note.due_at).where(Note.id == ids["today"]))
    with db.session() as s:
        move_card(s, viewer(s, ids), ids["today"], 2, "next-week", NOW)  # a second move
    with db.session() as s, pytest.raises(StaleVersion):
        undo_move(s, viewer(s, ids), ids["today"], 2, NOW)  # the first move's version
    with db.session() as s:
        assert s.scalar(select(Note.due_at).where(Note.id == ids["today"])) != moved
        assert version(s, ids["today"]) == 3


def test_nobody_undoes_a_move_they_did_not_make_or_a_card_they_cannot_see(office):
    db, ids = office
    with db.session() as s:
        with pytest.raises(InvalidInput):
            undo_move(s, viewer(s, ids), ids["today"], 1, NOW)
        with pytest.raises((InvalidInput, NotAllowed)):
            undo_move(s, viewer(s, ids), ids["omar's"], 1, NOW)
