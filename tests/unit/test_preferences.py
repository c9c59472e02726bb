"""Own settings: saved all together, or not at all with a message per field."""

from __future__ import annotations

import pytest

from data.errors import InvalidInput
from data.models import User
from data.preferences import save_folded, update_preferences
from data.scope import load_viewer
from tests import factories as f

GOOD = {"time_zone": "America/Montreal", "threshold": "120", "counter_mode": "item", "locale": "en"}


@pytest.fixture
def paul(db):
    with db.session() as s:
        return db, f.user(s, "Paul Rep").id


def test_preferences_are_saved_and_the_viewer_follows(paul):
    db, uid = paul
    with db.session() as s:
        update_preferences(s, load_viewer(s, uid), **GOOD)
    with db.session() as s:
        viewer = load_viewer(s, uid)
        assert (viewer.time_zone, viewer.planned_threshold_minutes) == ("America/Montreal", 120)
        assert (viewer.counter_mode, viewer.locale) == ("item", "en")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("threshold", "0"),
        ("threshold", "1441"),
        ("threshold", "abc"),
        ("threshold", "-5"),
        ("threshold", "12.5"),
        ("threshold", None),
        ("time_zone", "Mars/Olympus"),
        ("time_zone", ""),
        ("counter_mode", "everything"),
        ("locale", "de"),
    ],
)
def test_bad_input_is_named_and_nothing_is_saved(paul, field, value):
    db, uid = paul
    with db.session() as s:
        with pytest.raises(InvalidInput) as refused:
            update_preferences(s, load_viewer(s, uid), **{**GOOD, field: value})
        assert list(refused.value.errors) == [field]
    with db.session() as s:
        user = s.get(User, uid)
        assert (user.time_zone, user.planned_threshold_minutes) == ("Europe/Paris", 15)
        assert (user.counter_mode, user.locale) == ("activity", "fr")


def test_the_boundaries_of_the_threshold_are_allowed(paul):
    db, uid = paul
    for minutes in ("1", "1440"):
        with db.session() as s:
            update_preferences(s, load_viewer(s, uid), **{**GOOD, "threshold": minutes})
        with db.session() as s:
            assert s.get(User, uid).planned_threshold_minutes == int(minutes)


def test_folded_parts_are_kept_for_the_user_in_a_known_order(paul):
    db, uid = paul
    with db.session() as s:
        assert load_viewer(s, uid).folded_panels == ()
        kept = save_folded(s, load_viewer(s, uid), ["notes-overdue", "notes-filters"])
        assert kept == ("notes-filters", "notes-overdue")
    with db.session() as s:
        assert load_viewer(s, uid).folded_panels == ("notes-filters", "notes-overdue")
        save_folded(s, load_viewer(s, uid), [])
    with db.session() as s:
        assert load_viewer(s, uid).folded_panels == ()


@pytest.mark.parametrize("panels", [["notes-grid"], "notes-filters", None, [1], {"a": 1}])
def test_unknown_parts_are_refused_and_nothing_changes(paul, panels):
    db, uid = paul
    with db.session() as s:
        save_folded(s, load_viewer(s, uid), ["notes-bulk"])
    with db.session() as s, pytest.raises(InvalidInput):
        save_folded(s, load_viewer(s, uid), panels)
    with db.session() as s:
        assert load_viewer(s, uid).folded_panels == ("notes-bulk",)
