"""The demo's rep1 at a frozen time: the counters on My day are the integers plain SQL gives
(written here independently of data/counters.py), and /notes?counter=… lists that many."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from demo.seed import seed_demo
from tests.browser.office import serve
from tests.browser.pages.base import Browser
from tests.browser.pages.myday import MyDayPage
from tests.browser.pages.notes import NotesPage

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # 10:00 in Paris
DAY_START = datetime(2026, 11, 22, 23, 0, tzinfo=UTC)  # midnight in Paris
DAY_END = DAY_START + timedelta(days=1)


@pytest.fixture
def demo(tmp_path, monkeypatch):
    """The demo data (3,000 notes) served at NOW; its database, to count by hand."""
    app, _nothing = serve(tmp_path, monkeypatch, now=NOW)
    database = app.server.extensions["relance_db"]
    seed_demo(database, notes=3000, now=NOW, password="demo")
    yield app, database
    database.dispose()


def expected_counters(database) -> tuple[str, str, str]:
    """rep1's counters by hand: activity-responsible mode, 15 minutes, Europe/Paris."""
    fmt = "%Y-%m-%d %H:%M:%S.%f"  # how SQLite stores the UTC instants
    params = {
        "planned": (NOW + timedelta(minutes=15)).strftime(fmt),
        "start": DAY_START.strftime(fmt),
        "end": DAY_END.strftime(fmt),
    }
    with database.engine.connect() as conn:
        me = conn.execute(
            text("SELECT id FROM user_account WHERE email = 'rep1@demo.relance'")
        ).scalar()
        params["me"] = me
        planned = conn.execute(
            text(
                "SELECT count(*) FROM note WHERE assignee_id = :me AND completed_at IS NULL"
                " AND deleted_at IS NULL AND due_at < :planned"
            ),
            params,
        ).scalar()
        today_tasks = conn.execute(
            text(
                "SELECT count(*) FROM note WHERE assignee_id = :me AND completed_at IS NULL"
                " AND deleted_at IS NULL AND due_at >= :start AND due_at < :end"
            ),
            params,
        ).scalar()
        incoming = conn.execute(
            text("SELECT count(*) FROM activity WHERE responsible_id = :me AND closed_at IS NULL"),
            params,
        ).scalar()
        today_activities = conn.execute(
            text(
                "SELECT count(*) FROM activity WHERE responsible_id = :me AND closed_at IS NULL"
                " AND received_at >= :start AND received_at < :end"
            ),
            params,
        ).scalar()
    return str(incoming), str(planned), str(today_tasks + today_activities)


def test_rep1_sees_the_counters_plain_sql_gives(dash_duo, demo):
    app, database = demo
    expected = expected_counters(database)
    assert all(int(n) > 0 for n in expected), expected  # the demo exercises every counter
    browser = Browser(dash_duo, app)
    my_day = MyDayPage(browser).open_as("rep1@demo.relance", "demo")
    my_day.counters.wait_for(expected)

    my_day.counters.follow("planned")
    browser.wait_for_path("/notes?counter=planned")
    NotesPage(browser).wait_for_total(int(expected[1]))
    assert browser.no_severe_logs()
