"""Who sees what: a matrix of users and notes, and the "My day" lists built on it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from data.models import Activity, Note
from data.myday import my_day
from data.scope import assignable_users, load_viewer, visible_activities, visible_notes
from data.states import DUE_SOON, OVERDUE, TODAY
from tests import factories as f
from tests.factories import FIXED_NOW


@pytest.fixture
def world(db):
    """Team Ventes (manager Marie, reps Paul and Lea) and team Export (rep Omar)."""
    with db.session() as s:
        admin, marie, paul, lea, omar = f.people(s, "admin", "marie", "paul", "lea", "omar")
        f.team(s, "Ventes", managers=[marie], members=[marie, paul, lea])
        f.team(s, "Export", members=[omar])
        paul_client = f.customer(s, "Boulangerie Paul", paul)
        omar_client = f.customer(s, "Export Omar", omar)
        notes = {
            "paul_own": f.note(s, paul, assignee=paul, due_in=timedelta(hours=-2)),
            "authored_by_paul_for_omar": f.note(s, paul, assignee=omar, due_in=timedelta(days=1)),
            "omar_on_paul_client": f.note(s, omar, customer=paul_client, assignee=omar),
            "lea_task": f.note(s, lea, assignee=lea, due_in=timedelta(hours=3)),
            "omar_task": f.note(s, omar, customer=omar_client, assignee=omar),
            "general_by_admin": f.note(s, admin),
            "marie_task": f.note(s, marie, assignee=marie, due_in=timedelta(minutes=5)),
        }
        acts = {
            "paul": f.activity(s, paul),
            "lea": f.activity(s, lea),
            "omar_on_paul_client": f.activity(s, omar, customer=paul_client),
            "omar": f.activity(s, omar, customer=omar_client),
        }
        people = {"admin": admin, "marie": marie, "paul": paul, "lea": lea, "omar": omar}
        ids = {k: v.id for k, v in notes.items()}
        act_ids = {k: v.id for k, v in acts.items()}
        people_ids = {k: v.id for k, v in people.items()}
    return db, people_ids, ids, act_ids


EXPECTED_NOTES = {
    "admin": {
        "paul_own",
        "authored_by_paul_for_omar",
        "omar_on_paul_client",
        "lea_task",
        "omar_task",
        "general_by_admin",
        "marie_task",
    },
    "marie": {
        "paul_own",
        "authored_by_paul_for_omar",
        "omar_on_paul_client",
        "lea_task",
        "marie_task",
    },
    "paul": {"paul_own", "authored_by_paul_for_omar", "omar_on_paul_client"},
    "lea": {"lea_task"},
    "omar": {"authored_by_paul_for_omar", "omar_on_paul_client", "omar_task"},
}

EXPECTED_ACTIVITIES = {
    "admin": {"paul", "lea", "omar_on_paul_client", "omar"},
    "marie": {"paul", "lea", "omar_on_paul_client"},
    "paul": {"paul"},
    "lea": {"lea"},
    "omar": {"omar_on_paul_client", "omar"},
}


def seen_by(db, person_id: int, named_ids: dict, column, visible) -> set[str]:
    """The names of the rows `visible(viewer)` lets this person see."""
    names = {v: k for k, v in named_ids.items()}
    with db.session() as s:
        viewer = load_viewer(s, person_id)
        return {names[i] for i in s.scalars(select(column).where(visible(viewer)))}


@pytest.mark.parametrize("who", sorted(EXPECTED_NOTES))
def test_visible_notes_matrix(world, who):
    db, people, ids, _ = world
    seen = seen_by(db, people[who], ids, Note.id, visible_notes)
    assert seen == EXPECTED_NOTES[who]


@pytest.mark.parametrize("who", sorted(EXPECTED_ACTIVITIES))
def test_visible_activities_matrix(world, who):
    db, people, _, act_ids = world
    seen = seen_by(db, people[who], act_ids, Activity.id, visible_activities)
    assert seen == EXPECTED_ACTIVITIES[who]


def test_assignable_users_follow_teams(world):
    db, people, _, _ = world
    from data.models import User

    with db.session() as s:

        def names(who):
            viewer = load_viewer(s, people[who])
            return set(s.scalars(select(User.name).where(assignable_users(viewer))))

        assert names("paul") == {"Paul Rep", "Lea Rep", "Marie Manager"}
        assert names("marie") == {"Paul Rep", "Lea Rep", "Marie Manager"}
        assert names("omar") == {"Omar Other"}
        assert len(names("admin")) == 5


def test_deactivated_user_has_no_viewer(db):
    with db.session() as s:
        gone = f.user(s, "Gone", active=False)
        assert load_viewer(s, gone.id) is None


def test_my_day_for_a_rep_shows_only_their_scope(world):
    db, people, ids, _ = world
    with db.session() as s:
        day = my_day(s, load_viewer(s, people["paul"]), FIXED_NOW)
    assert [t.id for t in day.overdue] == [ids["paul_own"]]
    assert day.overdue[0].state == OVERDUE
    # "authored_by_paul_for_omar" is due tomorrow: not today.
    assert day.today == [] and day.today_total == 0


def test_my_day_for_a_manager_shows_the_team(world):
    db, people, ids, _ = world
    with db.session() as s:
        day = my_day(s, load_viewer(s, people["marie"]), FIXED_NOW)
    assert [t.id for t in day.overdue] == [ids["paul_own"]]
    assert [(t.id, t.state) for t in day.today] == [
        (ids["marie_task"], DUE_SOON),
        (ids["lea_task"], TODAY),
    ]
    assert day.today_total == 2


def test_my_day_ignores_completed_deleted_and_plain_notes(db):
    with db.session() as s:
        paul = f.user(s, "Paul Rep")
        f.note(s, paul, assignee=paul, due_in=timedelta(hours=-1), completed=True)
        f.note(s, paul, assignee=paul, due_in=timedelta(hours=-1), deleted=True)
        f.note(s, paul, due_in=timedelta(hours=-1))  # a plain note with a date
        kept = f.note(s, paul, assignee=paul, due_in=timedelta(hours=-1))
        day = my_day(s, load_viewer(s, paul.id), FIXED_NOW)
    assert [t.id for t in day.overdue] == [kept.id]


def test_my_day_keeps_the_oldest_twenty_and_counts_all(db):
    with db.session() as s:
        paul = f.user(s, "Paul Rep")
        for days in range(1, 26):
            f.note(s, paul, f"tâche {days}", assignee=paul, due_in=timedelta(days=-days))
        day = my_day(s, load_viewer(s, paul.id), FIXED_NOW)
    assert day.overdue_total == 25
    assert len(day.overdue) == 20
    assert day.overdue[0].body == "tâche 25"
    assert day.overdue[-1].body == "tâche 6"


def test_my_day_today_ends_at_midnight_in_the_viewer_zone(db):
    """22:30 UTC is 23:30 in Paris (today) but 07:30 tomorrow in Tokyo."""
    late = FIXED_NOW.replace(hour=22, minute=30)
    with db.session() as s:
        paris = f.user(s, "Paris Rep")
        tokyo = f.user(s, "Tokyo Rep", time_zone="Asia/Tokyo")
        f.note(s, paris, assignee=paris, due_at=late)
        f.note(s, tokyo, assignee=tokyo, due_at=late)
        assert my_day(s, load_viewer(s, paris.id), FIXED_NOW).today_total == 1
        assert my_day(s, load_viewer(s, tokyo.id), FIXED_NOW).today_total == 0
