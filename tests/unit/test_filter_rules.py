"""The rules behind /notes' filter panel, sort and bulk announcements: who a viewer may filter
on, what an unknown value is called, the order of a sort, and what an undo says."""

from __future__ import annotations

from datetime import timedelta

import pytest

from data import lookups, notifications
from data.bulk import Selection, reassign, undo
from data.export import plan_export
from data.filters import NoteFilter, replace_sort
from data.notes import list_notes
from data.scope import load_viewer
from tests import factories as f
from tests.factories import FIXED_NOW as NOW


@pytest.fixture
def office(db):
    """Team Ventes (Marie manages Paul and Lea), Omar outside it. Lea has tasks on Paul's
    customer, so Paul sees them; Omar's customer is out of everyone's reach but Omar's."""
    with db.session() as s:
        admin, marie, paul, lea, omar = f.people(s, "admin", "marie", "paul", "lea", "omar")
        f.team(s, "Ventes", managers=[marie], members=[paul, lea])
        shop = f.customer(s, "Boulangerie Martin", paul)
        garage = f.customer(s, "Atelier Dupuis", lea)
        far = f.customer(s, "Garage Lointain", omar)
        notes = {
            "paul_late": f.note(s, paul, "P1", customer=shop, assignee=paul, due_in=-timedelta(2)),
            "paul_soon": f.note(s, paul, "P2", customer=shop, assignee=paul, due_in=timedelta(1)),
            "paul_plain": f.note(s, paul, "P3", customer=shop),
            "lea_at_shop": f.note(s, lea, "L1", customer=shop, assignee=lea, due_in=timedelta(3)),
            "lea_late": f.note(s, lea, "L2", customer=garage, assignee=lea, due_in=-timedelta(1)),
            "lea_later": f.note(s, lea, "L3", customer=garage, assignee=lea, due_in=timedelta(9)),
            "omar_task": f.note(s, omar, "O1", customer=far, assignee=omar, due_in=timedelta(1)),
            "general": f.note(s, lea, "G1", assignee=lea, due_in=-timedelta(5)),
        }
        ids = {
            **{
                name: person.id
                for name, person in zip(
                    ("admin", "marie", "paul", "lea", "omar"),
                    (admin, marie, paul, lea, omar),
                    strict=True,
                )
            },
            **{name: note.id for name, note in notes.items()},
        }
    return db, ids


def people_of(db, viewer_id) -> list[str]:
    with db.session() as s:
        return [o["label"] for o in lookups.people_filter(s, load_viewer(s, viewer_id))]


def test_a_rep_may_filter_on_the_colleagues_whose_tasks_they_see(office):
    db, ids = office
    assert people_of(db, ids["paul"]) == ["Lea Rep", "Paul Rep"]  # Lea's task at his shop
    assert people_of(db, ids["lea"]) == ["Lea Rep"]
    assert people_of(db, ids["marie"]) == ["Lea Rep", "Marie Manager", "Paul Rep"]
    assert "Omar Other" in people_of(db, ids["admin"])


def test_a_person_the_viewer_may_not_filter_on_is_no_such_person(office):
    db, ids = office
    query = f"rep={ids['lea']}&rep={ids['omar']}&rep=12345&rep=none"
    with db.session() as s:
        paul = NoteFilter.from_query(query).checked(s, load_viewer(s, ids["paul"]))
        admin = NoteFilter.from_query(query).checked(s, load_viewer(s, ids["admin"]))
    assert (paul.reps, paul.unassigned) == ((ids["lea"],), True)
    assert [str(m) for m in paul.errors] == [f"Assigned to: no such person ({ids['omar']}, 12345)"]
    assert [m.translated("fr") for m in paul.errors] == [
        f"Assignée à\u00a0: personne inconnue ({ids['omar']}, 12345)"
    ]
    assert admin.reps == (ids["lea"], ids["omar"])
    assert [str(m) for m in admin.errors] == ["Assigned to: no such person (12345)"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("status=999", "Status: no such status (999)"),
        ("status=abc", "Status: no such status (abc)"),
        ("action=7777", "Action: no such action (7777)"),
        ("category=7777", "Category: no such category (7777)"),
        ("option=7777", "Variable: no such option (7777)"),
        ("customer=7777", "Customer: no such customer (7777)"),
        ("counter=later", "Counted by my counter: no such counter (later)"),
        ("overdue=yes", "Overdue only: 'yes' is neither 1 nor 0"),
        ("to=1800-01-01", "Follow-up date: 1800-01-01 is too far away"),
    ],
)
def test_bad_values_are_named_as_the_panel_names_its_fields(office, query, message):
    db, ids = office
    with db.session() as s:
        flt = NoteFilter.from_query(query).checked(s, load_viewer(s, ids["admin"]))
    assert [str(m) for m in flt.errors] == [message]
    assert flt.to_query() == ""  # nothing of it applies


def test_a_rep_s_colleague_filter_lists_the_same_rows_as_its_export(office):
    db, ids = office
    query = f"rep={ids['lea']}&sort=-due_at"
    with db.session() as s:
        paul = load_viewer(s, ids["paul"])
        flt = NoteFilter.from_query(query).checked(s, paul)
        listed = [row["id"] for row in list_notes(s, paul, flt, NOW)]
        exported = [row[0] for row in s.execute(plan_export(s, paul, query, NOW).query)]
    assert listed == exported == [ids["lea_at_shop"]]


def names_sorted(db, ids, sort) -> list[str]:
    back = {v: k for k, v in ids.items()}
    with db.session() as s:
        admin = load_viewer(s, ids["admin"])
        rows = list_notes(s, admin, NoteFilter.from_query(f"sort={sort}"), NOW)
    return [back[row["id"]] for row in rows]


def test_sorting_by_customer_orders_each_customer_s_notes_by_follow_up_date(office):
    db, ids = office
    assert names_sorted(db, ids, "customer") == [
        "lea_late",  # Atelier Dupuis
        "lea_later",
        "paul_late",  # Boulangerie Martin: by date, the undated last
        "paul_soon",
        "lea_at_shop",
        "paul_plain",
        "omar_task",  # Garage Lointain
        "general",  # no customer: last
    ]
    assert names_sorted(db, ids, "-customer") == [
        "omar_task",
        "paul_late",
        "paul_soon",
        "lea_at_shop",
        "paul_plain",
        "lea_late",
        "lea_later",
        "general",
    ]
    by_assignee = names_sorted(db, ids, "assignee")
    assert by_assignee[:4] == ["general", "lea_late", "lea_at_shop", "lea_later"]


def test_a_new_sort_keeps_the_rest_of_the_url_as_the_user_gave_it():
    raw = "rep=12345&status=abc&sort=nonsense&q=devis+mars"
    assert replace_sort(raw, "-due_at") == "rep=12345&status=abc&q=devis+mars&sort=-due_at"
    assert replace_sort(raw, "due_at") == "rep=12345&status=abc&q=devis+mars"
    assert NoteFilter.from_query("x=1").with_sort_of("sort=-customer").sort == "-customer"
    assert NoteFilter().with_sort_of("sort=nonsense").sort == "due_at"


def test_an_undo_is_announced_as_an_undo_to_both_people(office):
    db, ids = office
    paul_tasks = (ids["paul_late"], ids["paul_soon"])
    with db.session() as s:
        marie = load_viewer(s, ids["marie"])
        batch = reassign(s, marie, Selection(note_ids=paul_tasks), ids["lea"], None, NOW).batch_id
    with db.session() as s:
        undo(s, load_viewer(s, ids["marie"]), batch, NOW + timedelta(minutes=1))
    with db.session() as s:
        paul, lea = load_viewer(s, ids["paul"]), load_viewer(s, ids["lea"])
        told_paul = [str(n.message) for n in notifications.recent(s, paul)]
        told_lea = [n.message.translated("fr") for n in notifications.recent(s, lea)]
    assert told_paul == [
        "Marie Manager undid a bulk change: 2 tasks are back with you",
        "2 of your tasks were reassigned to Lea Rep by Marie Manager",
    ]
    assert told_lea == [
        "Marie Manager a annulé une modification groupée\u00a0: 2 de vos tâches sont revenues à "
        "leur personne assignée précédente",
        "2 tâches vous ont été assignées par Marie Manager",
    ]
