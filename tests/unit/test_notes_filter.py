"""The /notes filter as a value: the panel builds it, the URL holds its canonical query, and
the database checks its ids once per change, not on every grid block or total."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta

import pytest
from sqlalchemy import event

from app import create_app
from components.filter_panel import panel_values
from data.filters import NoteFilter
from tests import factories as f
from tests.unit.test_auth import sign_in


@pytest.mark.parametrize(
    "flt",
    [
        NoteFilter(),
        NoteFilter(statuses=(3, 1), reps=(7,), unassigned=True, text="devis", sort="-due_at"),
        NoteFilter(date_from=date(2026, 1, 2), date_to=date(2026, 2, 3), overdue=True),
        NoteFilter(options=(4,), customers=(9,), completed=True, counter="today"),
    ],
)
def test_the_panel_builds_the_filter_it_shows(flt):
    assert NoteFilter.from_panel(**panel_values(flt), sort=flt.sort) == flt


def test_forged_panel_values_are_messages_not_errors():
    flt = NoteFilter.from_panel(status="1", rep=["x"], start="2026-13-01", text=42)
    assert flt.statuses == () and flt.reps == () and flt.text == "42"
    assert [str(m) for m in flt.errors] == [
        "Assigned to: no such person (x)",
        "Follow-up date: '2026-13-01' is not a date (YYYY-MM-DD)",
    ]


@pytest.fixture
def office(db):
    with db.session() as s:
        marie = f.user(s, "Marie Manager", "manager", email="marie@test.relance")
        paul = f.user(s, "Paul Rep", email="paul@test.relance")
        f.team(s, "Ventes", managers=[marie], members=[paul])
        shop = f.customer(s, "Boulangerie Martin", paul)
        status_id = f.status(s, "Nouveau").id
        for day in range(1, 4):
            due = timedelta(days=day)
            f.note(s, paul, f"Paul {day}", customer=shop, assignee=paul, due_in=due)
        f.note(s, paul, "Nouveau", customer=shop, assignee=paul, status_id=status_id)
    server = create_app({"DATABASE_URL": db.url, "TESTING": True})
    client = server.test_client()
    sign_in(client, "marie@test.relance", f.PASSWORD)
    yield client, server.extensions["relance_db"], status_id
    server.extensions["relance_db"].dispose()


def run_callback(client, trigger: str, output: str, values: dict) -> dict:
    """POST the callback that `trigger` starts and that writes `output`, as the renderer
    would, with `values` for its inputs and states; its answer, by output."""
    dependencies = client.get("/_dash-dependencies").json
    callback = next(
        c
        for c in dependencies
        if trigger in ("{id}.{property}".format(**i) for i in c["inputs"]) and output in c["output"]
    )
    payload = {
        "output": callback["output"],
        "outputs": [
            {"id": o.split(".")[0], "property": o.split(".")[1].split("@")[0]}
            for o in callback["output"].strip(".").split("...")
        ],
        "inputs": [
            {**i, "value": values.get(f"{i['id']}.{i['property']}")} for i in callback["inputs"]
        ],
        "state": [
            {**i, "value": values.get(f"{i['id']}.{i['property']}")} for i in callback["state"]
        ],
        "changedPropIds": [trigger],
    }
    response = client.post("/_dash-update-component", json=payload)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.json["response"]


def id_checks(database) -> list[str]:
    """The statements that look the filter's status ids up, recorded from now on."""
    seen: list[str] = []

    def record(_conn, _cursor, statement, *_args):
        if re.match(r"SELECT status\.id\s+FROM status\s+WHERE status\.id IN", statement):
            seen.append(statement)

    event.listen(database.engine, "before_cursor_execute", record)
    return seen


def test_the_filter_is_checked_when_it_changes_and_only_then(office):
    client, database, status_id = office
    checks = id_checks(database)
    url = f"status={status_id}&status=999999"

    opened = run_callback(
        client,
        "notes-grid.id",
        "notes-filter.data",
        {"notes-query.data": url, "notes-filter.data": NoteFilter.from_query(url).to_query()},
    )

    assert len(checks) == 1
    checked = opened["notes-filter"]["data"]
    assert checked == f"status={status_id}"  # the unknown id is dropped, with its message
    assert "999999" in json.dumps(opened["filter-error"]["children"])
    request = {"startRow": 0, "endRow": 100, "sortModel": []}
    for _ in range(3):
        block = run_callback(
            client,
            "notes-grid.getRowsRequest",
            "notes-grid.getRowsResponse",
            {"notes-grid.getRowsRequest": request, "notes-filter.data": checked},
        )
        assert block["notes-grid"]["getRowsResponse"]["rowCount"] == 1
        shown = run_callback(
            client,
            "notes-filter.data",
            "notes-total.children",
            {"notes-filter.data": checked, "notes-query.data": url},
        )
        assert shown["notes-total"]["children"] == "1"
    assert len(checks) == 1

    changed = run_callback(
        client,
        "filter-status.value",
        "notes-query.data",
        {"filter-overdue.value": True, "notes-query.data": checked},
    )
    assert changed["notes-query"]["data"] == "overdue=1"
    assert changed["notes-filter"]["data"] == "overdue=1"
    # The URL's filter once more, to tell a change of the user's from a panel catching up
    # with what applies; the new filter has no status to look up.
    assert len(checks) == 2
