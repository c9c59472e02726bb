"""Who sees what: a matrix of users and notes, and the "My day" lists built on it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from data.counters import counters
from data.filters import NoteFilter
from data.models import Activity, Note
from data.myday import my_day
from data.notes import count_notes
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


def test_my_day_for_a_rep_lists_their_own_tasks_as_their_counters_count_them(world):
    db, people, ids, _ = world
    with db.session() as s:
        day = my_day(s, load_viewer(s, people["paul"]), FIXED_NOW)
    assert [t.id for t in day.planned.rows] == [ids["paul_own"]]
    assert day.planned.rows[0].state == OVERDUE
    assert day.planned.link == "/notes?counter=planned"
    # Overdue since 08:00 today: the Today counter counts it too, and Paul's activity.
    assert [t.id for t in day.today.rows] == [ids["paul_own"]]
    assert day.activities_today == 1 and day.today_counter == 2
    assert day.today.link == "/notes?counter=today"
    assert day.team_overdue is None and day.team_today is None


def test_a_reps_list_leaves_out_a_colleagues_task_on_their_customer(db):
    """Paul sees Omar's overdue task on Paul's customer (scope), but it is not his task: his
    counters do not count it, nor does his list."""
    with db.session() as s:
        paul, omar = f.user(s, "Paul Rep"), f.user(s, "Omar Other")
        client = f.customer(s, "Boulangerie Paul", paul)
        f.note(s, omar, customer=client, assignee=omar, due_in=timedelta(hours=-1))
        mine = f.note(s, paul, assignee=paul, due_in=timedelta(hours=-3))
        viewer = load_viewer(s, paul.id)
        day = my_day(s, viewer, FIXED_NOW)
        assert [t.id for t in day.planned.rows] == [mine.id]
        assert day.planned.total == counters(s, viewer, FIXED_NOW).planned == 1


def test_my_day_for_a_manager_shows_their_tasks_and_the_team_apart(world):
    db, people, ids, _ = world
    with db.session() as s:
        day = my_day(s, load_viewer(s, people["marie"]), FIXED_NOW)
    assert [(t.id, t.state) for t in day.planned.rows] == [(ids["marie_task"], DUE_SOON)]
    assert [t.id for t in day.today.rows] == [ids["marie_task"]]
    assert [t.id for t in day.team_overdue.rows] == [ids["paul_own"]]
    assert day.team_overdue.link == "/notes?overdue=1"
    assert [(t.id, t.state) for t in day.team_today.rows] == [
        (ids["paul_own"], OVERDUE),
        (ids["marie_task"], DUE_SOON),
        (ids["lea_task"], TODAY),
    ]
    assert day.team_today.total == 3
    assert day.team_today.link == "/notes?from=2026-11-23&to=2026-11-23"


@pytest.mark.parametrize("who", ["admin", "marie", "paul", "lea", "omar"])
def test_each_list_counts_what_the_counter_beside_it_counts(world, who):
    """My Planned and Today lists agree with my counters; every list's total with the /notes
    address its "see all" opens."""
    db, people, _, _ = world
    with db.session() as s:
        viewer = load_viewer(s, people[who])
        day = my_day(s, viewer, FIXED_NOW)
        shown = counters(s, viewer, FIXED_NOW)
        assert day.planned.total == shown.planned
        assert day.today_counter == shown.today
        for tasks in (day.planned, day.today, day.team_overdue, day.team_today):
            if tasks is None:
                continue
            flt = NoteFilter.from_query(tasks.link.removeprefix("/notes?"))
            assert tasks.total == count_notes(s, viewer, flt, FIXED_NOW) == len(tasks.rows)


def test_my_day_ignores_completed_deleted_and_plain_notes(db):
    with db.session() as s:
        paul = f.user(s, "Paul Rep")
        f.note(s, paul, assignee=paul, due_in=timedelta(hours=-1), completed=True)
        f.note(s, paul, assignee=paul, due_in=timedelta(hours=-1), deleted=True)
        f.note(s, paul, due_in=timedelta(hours=-1))  # a plain note with a date
        kept = f.note(s, paul, assignee=paul, due_in=timedelta(hours=-1))
        day = my_day(s, load_viewer(s, paul.id), FIXED_NOW)
    assert [t.id for t in day.planned.rows] == [kept.id]


def test_my_day_keeps_the_oldest_twenty_and_counts_all(db):
    with db.session() as s:
        paul = f.user(s, "Paul Rep")
        for days in range(1, 26):
            f.note(s, paul, f"tâche {days}", assignee=paul, due_in=timedelta(days=-days))
        day = my_day(s, load_viewer(s, paul.id), FIXED_NOW)
    assert day.planned.total == 25
    assert len(day.planned.rows) == 20
    assert day.planned.rows[0].body == "tâche 25"
    assert day.planned.rows[-1].body == "tâche 6"


def test_my_day_today_ends_at_midnight_in_the_viewer_zone(db):
    """22:30 UTC is 23:30 in Paris (today) but 07:30 tomorrow in Tokyo."""
    late = FIXED_NOW.replace(hour=22, minute=30)
    with db.session() as s:
        paris = f.user(s, "Paris Rep")
        tokyo = f.user(s, "Tokyo Rep", time_zone="Asia/Tokyo")
        f.note(s, paris, assignee=paris, due_at=late)
        f.note(s, tokyo, assignee=tokyo, due_at=late)
        assert my_day(s, load_viewer(s, paris.id), FIXED_NOW).today.total == 1
        assert my_day(s, load_viewer(s, tokyo.id), FIXED_NOW).today.total == 0
