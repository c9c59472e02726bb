"""/analytics figures against values counted by hand, on both databases; scope; the CSVs.

The clock is Monday 23 November 2026, 10:00 in Paris (09:00 UTC); everyone is in Paris.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pandas as pd
import pytest
from sqlalchemy import event

from app import create_app
from data.analytics import Totals, all_charts, chart_data, to_csv, totals
from data.analytics_selection import (
    Period,
    Selection,
    people,
    prepare,
    teams,
)
from data.errors import InvalidInput, NotAllowed
from data.models import Action, Category, Note, User
from data.scope import load_viewer
from tests import factories as f
from tests.helpers import sign_in, sign_out

NOW = f.FIXED_NOW
TODAY = date(2026, 11, 23)
PARIS = ZoneInfo("Europe/Paris")


def paris(*args) -> datetime:
    """A Paris wall-clock time as a UTC instant."""
    return datetime(*args, tzinfo=PARIS).astimezone(UTC)


def task(s, person, due, *, created=None, completed=None, deleted=False, **kw) -> Note:
    note = Note(
        body="Relancer",
        author_id=person.id,
        assignee_id=person.id,
        due_at=due,
        created_at=created or paris(2026, 9, 1, 9, 0),
        updated_at=created or paris(2026, 9, 1, 9, 0),
        completed_at=completed,
        completed_by_id=person.id if completed else None,
        deleted_at=NOW - timedelta(hours=1) if deleted else None,
        **kw,
    )
    s.add(note)
    s.flush()
    return note


@pytest.fixture
def office(db):
    """Marie manages Ventes (Paul, Lea); Omar is in Export, which Marie does not manage."""
    with db.session() as s:
        ada, marie, paul, lea, omar = f.people(s, "admin", "marie", "paul", "lea", "omar")
        ventes = f.team(s, "Ventes", managers=[marie], members=[paul, lea])
        export = f.team(s, "Export", members=[omar])
        ids = {
            "ada": ada.id,
            "marie": marie.id,
            "paul": paul.id,
            "lea": lea.id,
            "omar": omar.id,
            "ventes": ventes.id,
            "export": export.id,
        }
    return db, ids


def arrange_tasks(db, ids) -> None:
    """The story of the overdue curve; letters are the comments' names for the tasks."""
    with db.session() as s:
        paul, lea, omar = (s.get(User, ids[k]) for k in ("paul", "lea", "omar"))
        task(s, paul, paris(2026, 11, 20, 9, 0))  # A: open, overdue from the 20th
        task(s, paul, paris(2026, 11, 18, 12, 0), completed=paris(2026, 11, 21, 15, 0))  # B late
        task(s, lea, paris(2026, 11, 21, 8, 0), completed=paris(2026, 11, 21, 7, 0))  # C on time
        # D: due on the 10th but written on the 19th: overdue only from the 19th.
        task(s, lea, paris(2026, 11, 10, 10, 0), created=paris(2026, 11, 19, 14, 0))
        task(s, paul, paris(2026, 10, 1, 9, 0))  # E: open since before the period
        task(s, paul, paris(2026, 10, 1, 9, 0), completed=paris(2026, 11, 22, 20, 0))  # F
        task(s, paul, paris(2026, 11, 23, 9, 30))  # G: overdue since 09:30 today
        task(s, paul, paris(2026, 11, 23, 18, 0))  # H: due tonight
        task(s, omar, paris(2026, 11, 20, 9, 0))  # I: Export's
        task(s, paul, paris(2026, 11, 20, 9, 0), deleted=True)  # J: deleted
        task(s, paul, paris(2026, 10, 5, 9, 0), completed=paris(2026, 10, 10, 9, 0))  # K
        task(s, paul, None)  # L: no date
        task(s, paul, paris(2026, 11, 25, 9, 0), created=paris(2026, 11, 20, 9, 0))  # M


def read(db, ids, who, chart, now=NOW, **params):
    with db.session() as s:
        viewer = load_viewer(s, ids[who])
        selection = Selection.parse(params, now.astimezone(PARIS).date())
        return chart_data(s, prepare(s, viewer, selection, now), chart)


def by_day(frame) -> dict[str, int]:
    return dict(zip(frame["day"], frame["overdue"], strict=True))


def test_overdue_per_day_counts_entries_late_completions_and_backdated_tasks(office):
    db, ids = office
    arrange_tasks(db, ids)
    frame = read(db, ids, "marie", "overdue-trend")
    days = by_day(frame)
    # 30 days ending today: 25 October (the day Paris leaves summer time) to 23 November.
    assert list(days)[0] == "2026-10-25" and list(days)[-1] == "2026-11-23" and len(days) == 30
    assert days["2026-10-25"] == 2  # E, F (K was completed on 10 October)
    assert days["2026-11-17"] == 2  # E, F
    assert days["2026-11-18"] == 3  # + B, due at noon
    assert days["2026-11-19"] == 4  # + D, written that afternoon with a past due date
    assert days["2026-11-20"] == 5  # + A
    assert days["2026-11-21"] == 4  # B completed late, at 15:00 (C, done early, never counts)
    assert days["2026-11-22"] == 3  # F completed at 20:00
    assert days["2026-11-23"] == 4  # now, 10:00: + G (09:30); H is due tonight


def test_today_point_of_the_curve_equals_the_overdue_workload(office):
    db, ids = office
    arrange_tasks(db, ids)
    trend = read(db, ids, "marie", "overdue-trend")
    work = read(db, ids, "marie", "workload")
    assert int(trend["overdue"].iloc[-1]) == int(work["overdue"].sum()) == 4


def test_the_curve_is_one_statement(office):
    db, ids = office
    arrange_tasks(db, ids)
    statements = []
    with db.session() as s:
        viewer = load_viewer(s, ids["marie"])
        view = prepare(s, viewer, Selection(period=90), NOW)

        def record(_conn, _cursor, statement, *_args):
            statements.append(statement)

        event.listen(s.bind, "before_cursor_execute", record)
        try:
            frame = chart_data(s, view, "overdue-trend")
        finally:
            event.remove(s.bind, "before_cursor_execute", record)
    assert len(frame) == 90
    assert len([q for q in statements if "note" in q]) == 1


def test_the_curve_equals_a_count_at_each_midnight(office):
    """Many tasks entering and leaving on the same days, before, inside and after the period:
    every point is the number of tasks overdue at that day's end, counted one by one."""
    db, ids = office
    with db.session() as s:
        paul, lea = s.get(User, ids["paul"]), s.get(User, ids["lea"])
        for i in range(60):
            due = paris(2026, 8, 20, 9, 0) + timedelta(days=2 * i, hours=i % 7)
            created = due - timedelta(days=3) if i % 4 else due + timedelta(days=i % 5, hours=2)
            completed = None if i % 3 == 0 else due + timedelta(days=(i * 7) % 40 - 5, hours=3)
            if completed is not None and completed > NOW:
                completed = None
            task(s, paul if i % 2 else lea, due, created=min(created, NOW), completed=completed)
    with db.session() as s:
        view = prepare(s, load_viewer(s, ids["marie"]), Selection(period=90), NOW)
        tasks = s.query(Note).filter(Note.due_at.is_not(None), Note.deleted_at.is_(None)).all()
    frame = read(db, ids, "marie", "overdue-trend", period="90")

    def overdue_at(end: datetime) -> int:
        return sum(
            1
            for t in tasks
            if t.created_at < end
            and t.due_at < end
            and (t.completed_at is None or t.completed_at >= end)
        )

    expected = [overdue_at(end) for end in view.period.bounds[1:]]
    assert frame["overdue"].tolist() == expected
    assert max(expected) > 3 and len(set(expected)) > 5  # the story moves


def test_days_follow_paris_across_the_autumn_clock_change(office):
    db, ids = office
    with db.session() as s:
        paul = s.get(User, ids["paul"])
        task(s, paul, datetime(2026, 10, 24, 21, 59, tzinfo=UTC))  # 23:59 on the 24th (CEST)
        task(s, paul, datetime(2026, 10, 24, 22, 30, tzinfo=UTC))  # 00:30 on the 25th (CEST)
        task(s, paul, datetime(2026, 10, 25, 22, 30, tzinfo=UTC))  # 23:30 on the 25th (CET)
    frame = read(db, ids, "marie", "overdue-trend", **{"from": "2026-10-24", "to": "2026-10-26"})
    assert by_day(frame) == {"2026-10-24": 1, "2026-10-25": 3, "2026-10-26": 3}
    period = Period.of(
        Selection(date_from=date(2026, 10, 25), date_to=date(2026, 10, 25)), "Europe/Paris", NOW
    )
    assert period.end - period.start == timedelta(hours=25)


def test_completion_and_on_time_rates_per_person(office):
    db, ids = office
    arrange_tasks(db, ids)
    frame = read(db, ids, "marie", "completion").set_index("rep")
    assert list(frame.index) == ["Lea Rep", "Marie Manager", "Paul Rep"]
    # Paul: due in the period up to now A, B, G (H is due tonight): B completed.
    # Completed in the period: B and F, both after their due date.
    assert frame.loc["Paul Rep"].to_dict() == {
        "due": 3,
        "completed": 1,
        "completion_rate": 33.3,
        "completed_in_period": 2,
        "on_time": 0,
        "on_time_rate": 0.0,
    }
    # Lea: C (completed, before due) and D (open) were due; C was completed on time.
    lea = frame.loc["Lea Rep"]
    assert (lea["due"], lea["completed"], lea["completion_rate"]) == (2, 1, 50.0)
    assert (lea["completed_in_period"], lea["on_time"], lea["on_time_rate"]) == (1, 1, 100.0)
    marie = frame.loc["Marie Manager"]
    assert marie["due"] == 0 and pd.isna(marie["completion_rate"])  # nothing to divide


# Days overdue of each ageing bucket: (more than, at most).
AGES = ((0, 7), (7, 30), (30, 90), (90, float("inf")))


def many_tasks(db, ids) -> list[Note]:
    """Tasks due, written and completed before, inside and after a 30-day period, on its
    bounds too, some deleted, some of another team; returns them as stored."""
    with db.session() as s:
        paul, lea, omar = (s.get(User, ids[k]) for k in ("paul", "lea", "omar"))
        view = prepare(s, load_viewer(s, ids["marie"]), Selection(period=30), NOW)
        start = view.period.start
        for i in range(90):
            due = start + timedelta(days=i - 40, hours=i % 5) if i % 11 else start
            created = due - timedelta(days=(i * 3) % 50) if i % 6 else due + timedelta(hours=5)
            completed = None if i % 4 == 0 else due + timedelta(days=(i * 7) % 31 - 12)
            if i % 13 == 0:
                completed = start  # completed as the period starts
            if completed is not None and completed > NOW:
                completed = None
            person = (paul, lea, omar)[i % 3]
            task(
                s, person, due, created=min(created, NOW), completed=completed, deleted=i % 17 == 0
            )
        s.flush()
        return s.query(Note).all()


def test_completion_equals_a_count_task_by_task(office):
    db, ids = office
    tasks = many_tasks(db, ids)
    with db.session() as s:
        period = prepare(s, load_viewer(s, ids["marie"]), Selection(period=30), NOW).period
    frame = read(db, ids, "marie", "completion").set_index("rep")
    for who, name in (("paul", "Paul Rep"), ("lea", "Lea Rep")):
        theirs = [t for t in tasks if t.assignee_id == ids[who] and t.deleted_at is None]
        due = [t for t in theirs if period.start <= t.due_at < period.end]
        done = [t for t in theirs if t.completed_at and period.start <= t.completed_at < period.end]
        expected = {
            "due": len(due),
            "completed": sum(1 for t in due if t.completed_at is not None),
            "completed_in_period": len(done),
            "on_time": sum(1 for t in done if t.completed_at <= t.due_at),
        }
        assert {k: int(frame.loc[name][k]) for k in expected} == expected
        assert expected["due"] > 3 and 0 < expected["on_time"] < expected["completed_in_period"]


def test_workload_and_ageing_equal_a_count_task_by_task(office):
    db, ids = office
    tasks = [t for t in many_tasks(db, ids) if t.deleted_at is None and t.completed_at is None]
    work = read(db, ids, "marie", "workload").set_index("rep")
    ageing = read(db, ids, "marie", "ageing")
    team = [t for t in tasks if t.assignee_id in (ids["paul"], ids["lea"])]
    overdue_days = [(NOW - t.due_at) / timedelta(days=1) for t in team if t.due_at < NOW]
    buckets = [sum(1 for d in overdue_days if low < d <= high) for low, high in AGES]
    assert ageing["tasks"].tolist() == buckets and sum(buckets) > 5
    for who, name in (("paul", "Paul Rep"), ("lea", "Lea Rep")):
        overdue = sum(1 for t in tasks if t.assignee_id == ids[who] and t.due_at < NOW)
        assert int(work.loc[name]["overdue"]) == overdue


def test_workload_splits_open_tasks_now(office):
    db, ids = office
    arrange_tasks(db, ids)
    frame = read(db, ids, "marie", "workload").set_index("rep")
    # Paul: A, E, G overdue; H tonight; M on Wednesday; L without a date.
    assert frame.loc["Paul Rep"].to_dict() == {
        "overdue": 3,
        "due_today": 1,
        "later": 1,
        "no_date": 1,
    }
    assert frame.loc["Lea Rep"].to_dict() == {
        "overdue": 1,
        "due_today": 0,
        "later": 0,
        "no_date": 0,
    }
    assert "Omar Other" not in frame.index


def test_ageing_buckets_at_their_boundaries(office):
    db, ids = office
    with db.session() as s:
        paul = s.get(User, ids["paul"])
        second = timedelta(seconds=1)
        for age in (
            timedelta(minutes=30),  # 1-7: less than a day counts as one
            timedelta(days=7),  # 1-7
            timedelta(days=7) + second,  # 8-30
            timedelta(days=30),  # 8-30
            timedelta(days=30) + second,  # 31-90
            timedelta(days=90),  # 31-90
            timedelta(days=90) + second,  # > 90
            timedelta(days=400),  # > 90
        ):
            task(s, paul, NOW - age, created=NOW - timedelta(days=500))
        task(s, paul, NOW - timedelta(days=3), completed=NOW)  # completed: not open
        task(s, paul, NOW + timedelta(minutes=5))  # not overdue yet
    frame = read(db, ids, "marie", "ageing")
    assert dict(zip(frame["days_overdue"], frame["tasks"], strict=True)) == {
        "1-7": 2,
        "8-30": 2,
        "31-90": 2,
        ">90": 2,
    }


def test_notes_by_status_action_category_in_the_period(office):
    db, ids = office
    with db.session() as s:
        paul, omar = s.get(User, ids["paul"]), s.get(User, ids["omar"])
        won = f.status(s, "Gagné")
        call = Action(name="Appel", position=1)
        sales = Category(name="Commercial", position=1)
        s.add_all([call, sales])
        s.flush()
        recent = paris(2026, 11, 10, 9, 0)
        # Paul's task, Paul's plain note, Omar's note assigned to Paul: all three count.
        task(s, paul, None, created=recent, status_id=won.id, action_id=call.id)
        f.note(s, paul, "plain", now=recent + timedelta(days=1), status_id=won.id)
        f.note(s, omar, "for Paul", assignee=paul, now=recent + timedelta(days=1))
        # Not counted: Paul's note for Omar, Omar's own, one before the period, a deleted one.
        f.note(s, paul, "for Omar", assignee=omar, now=recent + timedelta(days=1))
        f.note(s, omar, "Omar's", now=recent + timedelta(days=1), status_id=won.id)
        task(s, paul, None, created=paris(2026, 10, 20, 9, 0), status_id=won.id)
        task(s, paul, None, created=recent, status_id=won.id, deleted=True)
    status = read(db, ids, "marie", "by-status")
    assert status.to_dict("records") == [
        {"status": "Gagné", "notes": 2},
        {"status": "Aucun", "notes": 1},
    ]
    action = read(db, ids, "marie", "by-action")
    # "None" (Aucun) comes last, whatever its count.
    assert action.to_dict("records") == [
        {"action": "Appel", "notes": 1},
        {"action": "Aucun", "notes": 2},
    ]
    assert read(db, ids, "marie", "by-category").to_dict("records") == [
        {"category": "Aucun", "notes": 3}
    ]


def test_the_page_reads_the_same_rows_as_each_csv(office):
    db, ids = office
    arrange_tasks(db, ids)
    with db.session() as s:
        view = prepare(s, load_viewer(s, ids["marie"]), Selection(period=90), NOW)
        page = all_charts(s, view)
        for chart, frame in page.items():
            assert frame.equals(chart_data(s, view, chart)), chart
    # 90 days from 26 August. Open: Paul's A E G H L M, Lea's D; A E G D overdue.
    # Due up to now: Paul's A B E F G K (B F K completed), Lea's C D (C completed): 4 of 8.
    # Completed in the period: B F K late, C on time: 1 of 4.
    assert totals(page) == Totals(overdue=4, open=7, completion_rate=50.0, on_time_rate=25.0)


def test_csv_text_neutralises_formulas_and_leaves_gaps_empty():
    frame = pd.DataFrame({"rep": ["=SUM(A1)", "@Lea", "Paul"], "rate": [12.5, None, 0.0]})
    assert to_csv(frame).splitlines() == ["rep,rate", "'=SUM(A1),12.5", "'@Lea,", "Paul,0.0"]


def test_admin_sees_everyone_and_narrows_to_a_team_or_a_person(office):
    db, ids = office
    arrange_tasks(db, ids)
    everyone = read(db, ids, "ada", "workload")
    assert set(everyone["rep"]) == {
        "Ada Admin",
        "Marie Manager",
        "Paul Rep",
        "Lea Rep",
        "Omar Other",
    }
    assert int(everyone["overdue"].sum()) == 5  # Marie's four and Omar's I
    export = read(db, ids, "ada", "workload", team=ids["export"])
    assert export.to_dict("records") == [
        {"rep": "Omar Other", "overdue": 1, "due_today": 0, "later": 0, "no_date": 0}
    ]
    paul = read(db, ids, "marie", "workload", rep=ids["paul"], team=ids["ventes"])
    assert list(paul["rep"]) == ["Paul Rep"]


def test_a_manager_cannot_reach_another_team_or_its_people(office):
    db, ids = office
    arrange_tasks(db, ids)
    with pytest.raises(NotAllowed) as refused:
        read(db, ids, "marie", "workload", team=ids["export"])
    assert refused.value.field == "team"
    with pytest.raises(NotAllowed) as refused:
        read(db, ids, "marie", "overdue-trend", rep=ids["omar"])
    assert refused.value.field == "rep"
    with pytest.raises(InvalidInput) as bad:
        read(db, ids, "marie", "workload", team=ids["ventes"], rep=ids["marie"])
    assert str(bad.value.errors["rep"]) == "This person is not a member of this team."
    with db.session() as s:
        marie = load_viewer(s, ids["marie"])
        assert [name for _id, name in teams(s, marie)] == ["Ventes"]
        assert [name for _id, name in people(s, marie)] == ["Lea Rep", "Marie Manager", "Paul Rep"]
        assert [name for _id, name in people(s, marie, ids["ventes"])] == ["Lea Rep", "Paul Rep"]


def test_a_rep_is_refused(office):
    db, ids = office
    with pytest.raises(NotAllowed):
        read(db, ids, "paul", "workload")
    with db.session() as s, pytest.raises(NotAllowed):
        teams(s, load_viewer(s, ids["paul"]))


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"period": "45"}, "period", "period: '45' is not one of 30, 90"),
        ({"from": "2026-13-01"}, "from", "from: '2026-13-01' is not a date (YYYY-MM-DD)"),
        ({"from": "1999-12-31"}, "from", "from: '1999-12-31' is out of range"),
        ({"to": "2026-11-24"}, "to", "to: the date is after today"),
        (
            {"from": "2026-11-20", "to": "2026-11-10"},
            "from",
            "from: the start date is after the end date",
        ),
        ({"from": "2025-11-22"}, "from", "from: the period is longer than 366 days"),
        ({"team": "1 OR 1=1"}, "team", "team: '1 OR 1=1' is not a valid id"),
    ],
)
def test_bad_input_names_the_field(params, field, message):
    with pytest.raises(InvalidInput) as bad:
        Selection.parse(params, TODAY)
    assert {k: str(v) for k, v in bad.value.errors.items()} == {field: message}


def test_custom_periods():
    assert Selection.parse({"from": "2025-11-23"}, TODAY).days(TODAY) == (date(2025, 11, 23), TODAY)
    assert Selection.parse({"to": "2026-11-01", "period": "90"}, TODAY).days(TODAY) == (
        date(2026, 8, 4),
        date(2026, 11, 1),
    )


# --- the CSV downloads -----------------------------------------------------------------


@pytest.fixture
def client(office, monkeypatch):
    db, ids = office
    arrange_tasks(db, ids)
    with db.session() as s:
        for person in ("marie", "paul"):
            s.get(User, ids[person]).email = f"{person}@test.relance"
    monkeypatch.setenv("RELANCE_NOW", NOW.isoformat())
    server = create_app({"DATABASE_URL": db.url, "TESTING": True})
    yield server.test_client(), ids
    server.extensions["relance_db"].dispose()


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.get_data(as_text=True))))


def test_csv_holds_the_charts_numbers(client):
    http, ids = client
    sign_in(http, "marie@test.relance")
    response = http.get(f"/export/analytics/workload.csv?team={ids['ventes']}")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    assert csv_rows(response) == [
        ["rep", "overdue", "due_today", "later", "no_date"],
        ["Lea Rep", "1", "0", "0", "0"],
        ["Paul Rep", "3", "1", "1", "1"],
    ]
    trend = csv_rows(http.get("/export/analytics/overdue-trend.csv?period=90"))
    assert trend[0] == ["day", "overdue"] and len(trend) == 91
    assert trend[-3:] == [["2026-11-21", "4"], ["2026-11-22", "3"], ["2026-11-23", "4"]]
    completion = csv_rows(http.get(f"/export/analytics/completion.csv?rep={ids['marie']}"))
    assert completion == [
        [
            "rep",
            "due",
            "completed",
            "completion_rate",
            "completed_in_period",
            "on_time",
            "on_time_rate",
        ],
        ["Marie Manager", "0", "0", "", "0", "0", ""],
    ]


def test_csv_neutralises_formulas(client, office):
    http, ids = client
    db, _ids = office
    with db.session() as s:
        s.get(User, ids["lea"]).name = "=HYPERLINK(1)"
    sign_in(http, "marie@test.relance")
    rows = csv_rows(http.get("/export/analytics/workload.csv"))
    assert ["'=HYPERLINK(1)", "1", "0", "0", "0"] in rows


def test_csv_refuses_reps_other_teams_and_bad_input(client):
    http, ids = client
    sign_in(http, "marie@test.relance")
    outside = http.get(f"/export/analytics/workload.csv?team={ids['export']}")
    assert outside.status_code == 403
    assert "Cette équipe est hors de votre périmètre." in outside.get_data(as_text=True)
    assert http.get(f"/export/analytics/ageing.csv?rep={ids['omar']}").status_code == 403
    bad = http.get("/export/analytics/ageing.csv?period=7")
    assert bad.status_code == 400
    assert bad.mimetype == "text/plain"
    assert "n'est pas parmi 30, 90" in bad.get_data(as_text=True)
    assert http.get("/export/analytics/nothing.csv").status_code == 404
    sign_out(http)
    assert http.get("/export/analytics/workload.csv").status_code == 401
    sign_in(http, "paul@test.relance")
    refused = http.get("/export/analytics/workload.csv")
    assert refused.status_code == 403
    assert refused.get_data(as_text=True).strip() == "Non autorisé"


def test_the_analytics_callbacks_draw_every_chart_once():
    """The page's charts come in three callbacks (callbacks/analytics.py): together they draw
    each chart of data.analytics.CHARTS, and none twice."""
    from callbacks.analytics import FIRST, NOTES_BY, TRENDS
    from data.analytics import CHARTS

    drawn = FIRST + TRENDS + NOTES_BY
    assert sorted(drawn) == sorted(CHARTS)
