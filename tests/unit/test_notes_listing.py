"""/notes listing in SQL: each filter alone and combined, sort, paging, scope, errors."""

from __future__ import annotations

from datetime import date

import pytest

from data.filters import NoteFilter
from data.notes import count_notes, list_notes, overdue_section
from data.scope import load_viewer
from tests.factories import FIXED_NOW


def names_for(world, who: str, query: str, **kw) -> list[str]:
    db, ids, refs = world
    back = {v: k for k, v in ids.items()}
    flt = NoteFilter.from_query(query.format(**refs))
    with db.session() as s:
        viewer = load_viewer(s, refs[who])
        rows = list_notes(s, viewer, flt, FIXED_NOW, **kw)
        total = count_notes(s, viewer, flt, FIXED_NOW)
    assert total >= len(rows)
    if not kw:
        assert total == len(rows)
    return [back[r["id"]] for r in rows]


OPEN_ALL = ["overdue_paul", "today_paul", "lea_next_week", "plain_paul", "general_lea"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", OPEN_ALL),
        (
            "completed=1",
            [
                "overdue_paul",
                "done_paul",
                "today_paul",
                "lea_next_week",
                "plain_paul",
                "general_lea",
            ],
        ),
        ("status={new}", ["overdue_paul", "lea_next_week"]),
        ("status={new}&status={won}", ["overdue_paul", "today_paul", "lea_next_week"]),
        ("action={call}", ["overdue_paul"]),
        ("category={cat}", ["overdue_paul"]),
        ("option={toys}", ["overdue_paul", "lea_next_week"]),
        ("option={toys}&option={food}", ["overdue_paul", "today_paul", "lea_next_week"]),
        ("option={toys}&option={rank_a}", ["overdue_paul"]),
        ("rep={lea}", ["lea_next_week"]),
        ("rep=none", ["plain_paul", "general_lea"]),
        ("rep={lea}&rep=none", ["lea_next_week", "plain_paul", "general_lea"]),
        ("customer={bakery}", ["overdue_paul", "today_paul", "plain_paul"]),
        ("from=2026-11-23&to=2026-11-23", ["today_paul"]),
        ("from=2026-11-24", ["lea_next_week"]),
        ("to=2026-11-22", ["overdue_paul"]),
        ("overdue=1", ["overdue_paul"]),
        ("q=MARTIN", ["overdue_paul", "today_paul", "plain_paul"]),
        ("q=gd002", ["lea_next_week"]),
        ("q=devis", ["overdue_paul"]),
        ("q=50%", ["general_lea"]),
        ("q=_x_", ["general_lea"]),
        ("q=%", ["general_lea"]),
        ("q=Relancer%25devis", []),
        ("q=Relancer_le", []),
        ("status={new}&rep={paul}&option={toys}&from=2026-11-01", ["overdue_paul"]),
    ],
)
def test_each_filter_alone_and_combined(notes_world, query, expected):
    assert names_for(notes_world, "admin", query) == expected


def test_sort_and_paging(notes_world):
    assert names_for(notes_world, "admin", "sort=-due_at") == [
        "lea_next_week",
        "today_paul",
        "overdue_paul",
        "general_lea",
        "plain_paul",
    ]
    assert names_for(notes_world, "admin", "sort=customer")[:2] == ["overdue_paul", "today_paul"]
    assert names_for(notes_world, "admin", "", offset=1, limit=2) == [
        "today_paul",
        "lea_next_week",
    ]
    assert names_for(notes_world, "admin", "", offset=5, limit=100) == []


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("paul", ["overdue_paul", "today_paul", "plain_paul"]),
        ("lea", ["lea_next_week", "general_lea"]),
        ("marie", OPEN_ALL),
    ],
)
def test_scope(notes_world, who, expected):
    assert names_for(notes_world, who, "") == expected


def test_rows_carry_display_values(notes_world):
    db, ids, refs = notes_world
    with db.session() as s:
        viewer = load_viewer(s, refs["paul"])
        row = list_notes(s, viewer, NoteFilter.from_query("overdue=1"), FIXED_NOW)[0]
    assert row["state"] == "overdue"
    assert row["customer"] == "Boulangerie Martin" and row["customer_code"] == "BM001"
    assert row["status"] == "Nouveau" and row["action"] == "Appeler"
    assert row["assignee"] == "Paul Rep"
    assert row[f"var_{refs['store']}"] == "Jouets"
    assert row["due_at"] == "20 nov. 2026 10:00"


def test_overdue_section_counts_within_the_filter(notes_world):
    db, ids, refs = notes_world
    with db.session() as s:
        viewer = load_viewer(s, refs["admin"])
        total, rows = overdue_section(s, viewer, NoteFilter(), FIXED_NOW)
        assert (total, [r["id"] for r in rows]) == (1, [ids["overdue_paul"]])
        total, rows = overdue_section(
            s, viewer, NoteFilter.from_query("rep=" + str(refs["lea"])), FIXED_NOW
        )
        assert (total, rows) == (0, [])


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("from=notadate", "Follow-up date: 'notadate' is not a date"),
        ("status=abc", "Status: no such status (abc)"),
        ("from=2026-12-01&to=2026-11-01", "Follow-up date: the start is after the end"),
        ("completed=maybe", "Include completed: 'maybe' is neither 1 nor 0"),
        ("sort=password", "Sort: no such column (password)"),
    ],
)
def test_bad_parameters_give_messages_and_the_valid_part_applies(notes_world, query, message):
    db, ids, refs = notes_world
    flt = NoteFilter.from_query(query + f"&rep={refs['lea']}")
    assert any(message in str(e) for e in flt.errors)
    assert flt.reps == (refs["lea"],)
    with db.session() as s:
        viewer = load_viewer(s, refs["admin"])
        assert [r["id"] for r in list_notes(s, viewer, flt, FIXED_NOW)] == [ids["lea_next_week"]]


def test_unknown_ids_are_reported_and_dropped(notes_world):
    db, ids, refs = notes_world
    with db.session() as s:
        flt = NoteFilter.from_query(f"status=999999&status={refs['new']}").checked(s)
    assert flt.statuses == (refs["new"],)
    assert [str(e) for e in flt.errors] == ["Status: no such status (999999)"]


def test_query_string_round_trip():
    query = "status=2&status=3&rep=4&rep=none&from=2026-11-01&to=2026-11-30&completed=1&q=devis"
    flt = NoteFilter.from_query(query)
    assert NoteFilter.from_query(flt.to_query()) == flt
    assert flt.date_from == date(2026, 11, 1)
