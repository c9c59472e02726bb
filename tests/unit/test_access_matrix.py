"""The access matrix (DESIGN.md "Access"), generated from one table: every page, callback,
export, download and signed TV link, tried as each role against records inside and outside
its scope (tests/world.py: "A" records are team Ventes', "B" records team Nord's).

Each row of MATRIX names a request and the roles it serves ("served": the record is shown,
or the change is made). Every other signed-in role is refused (nothing shown, nothing
changed); a request without a valid session (anonymous, deactivated user, signed-out session)
is refused before anything runs (pages: the sign-in page; machine endpoints: 401), except
for a signed TV link, which needs no session. After a request that changed the database, the
database is put back as it was, so that rows do not depend on each other.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from app import create_app
from components import ids
from data.db import Database
from data.models import Base
from tests import world as w
from tests.callback_payloads import name_of, payload, server_callbacks
from tests.helpers import sign_out, signed_in

ROLES = (
    "anonymous",
    "rep",
    "rep_other_team",
    "manager",
    "manager_other_team",
    "admin",
    "deactivated",
    "signed_out",
)
NO_SESSION = {"anonymous", "deactivated", "signed_out"}
SIGNED_IN = frozenset(set(ROLES) - NO_SESSION)
EVERYONE = frozenset(ROLES)
A_SIDE = frozenset({"rep", "manager", "admin"})
B_SIDE = frozenset({"rep_other_team", "manager_other_team", "admin"})
CALLBACKS = {name_of(c): c for c in server_callbacks()}


@dataclass(frozen=True)
class Row:
    """A request (`values` and `target` get the world's ids), whom it serves, and how a served
    answer shows: `marker` in the body, or (None) a change to the database."""

    name: str
    kind: str  # "page", "callback", "file"
    target: str  # a path, or the prefix of a callback's name
    served_for: frozenset
    values: Callable[[w.World], dict] = lambda _w: {}
    marker: str | None = None
    wildcard: Callable[[w.World], object] = lambda _w: 1
    changed: str | None = None


def editing(key: str, version: int = 1):
    return lambda world: {"id": world.ids[key], "version": version}


def note_fields(key: str, assignee: str, body: str, customer: str):
    def values(world):
        return {
            f"{ids.NOTE_EDITING}.data": editing(key)(world),
            f"{ids.NOTE_BODY}.value": body,
            f"{ids.NOTE_ASSIGNEE}.value": world.ids[assignee],
            f"{ids.NOTE_CUSTOMER}.value": world.ids[customer],
        }

    return values


def side_rows(side: str, served: frozenset) -> list[Row]:
    """The rows about one side's records (the other side's roles are outside their scope)."""
    own, customer = ("paul", "customer_A") if side == "A" else ("omar", "customer_B")
    colleague = "lea" if side == "A" else "omar"
    task, body = f"task_{side}", f"task {side}"
    grid = {"startRow": 0, "endRow": 100}
    return [
        Row(
            f"grid rows show {task}",
            "callback",
            "notes-grid.getRowsRequest",
            served,
            lambda _w: {f"{ids.NOTES_GRID}.getRowsRequest": grid, f"{ids.NOTES_FILTER}.data": ""},
            marker=body,
        ),
        Row(
            f"note form opens {task}",
            "callback",
            "note-new",
            served,
            lambda world: {
                f"{ids.NOTES_GRID}.cellClicked": {"rowId": str(world.ids[task]), "colId": "body"}
            },
            marker=body,
            changed=f"{ids.NOTES_GRID}.cellClicked",
        ),
        Row(
            f"save edits {task}",
            "callback",
            "note-save",
            served,
            note_fields(task, own, body + " edited", customer),
        ),
        Row(
            f"complete {task}",
            "callback",
            "note-complete",
            served,
            lambda world: {f"{ids.NOTE_EDITING}.data": editing(task)(world)},
        ),
        Row(
            f"reassign {task}",
            "callback",
            "reassign-submit",
            served,
            lambda world: {
                f"{ids.NOTE_EDITING}.data": editing(task)(world),
                f"{ids.REASSIGN_REP}.value": world.ids[colleague],
            },
        ),
        Row(
            f"board moves {task}",
            "callback",
            "board-move-request",
            served,
            lambda world: {
                f"{ids.BOARD_MOVE}.data": {"note": world.ids[task], "version": 1, "to": "later"}
            },
        ),
        Row(
            f"bulk reassigns {task}",
            "callback",
            "bulk-submit",
            served,
            lambda world: {
                f"{ids.NOTES_GRID}.selectedRows": [{"id": world.ids[task]}],
                f"{ids.BULK_REP}.value": world.ids[colleague],
                f"{ids.BULK_ALL_MATCHING}.value": False,
            },
        ),
        Row(
            f"closes activity_{side}",
            "callback",
            "activity-close",
            served,
            wildcard=lambda world: world.ids[f"activity_{side}"],
        ),
        Row(f"export CSV holds {task}", "file", "/export/notes.csv", served, marker=body),
        Row(
            f"TV links of team {side} listed",
            "callback",
            "standup-team.value->standup-links",
            served - {"rep", "rep_other_team"},
            lambda world: {f"{ids.STANDUP_TEAM}.value": world.ids[f"team_{side}"]},
            marker=f"TV {side}",
        ),
        Row(
            f"TV link for team {side} made",
            "callback",
            "standup-link-create",
            served - {"rep", "rep_other_team"},
            lambda world: {
                f"{ids.STANDUP_TEAM}.value": world.ids[f"team_{side}"],
                f"{ids.STANDUP_LINK_EXPIRY}.value": 7,
            },
        ),
        Row(
            f"TV link of team {side} revoked",
            "callback",
            "standup-revoke",
            served - {"rep", "rep_other_team"},
            wildcard=lambda world: world.ids[f"link_{side}"],
        ),
        Row(
            f"stand-up of team {side} shown",
            "callback",
            "standup-tick",
            served - {"rep", "rep_other_team"},
            lambda world: {f"{ids.STANDUP_SOURCE}.data": {"team": world.ids[f"team_{side}"]}},
            marker="Lea Rep" if side == "A" else "Omar Other",
        ),
        Row(
            f"export job of {own} followed",
            "callback",
            "export-job-tick",
            frozenset({"rep" if side == "A" else "rep_other_team"}),
            lambda world: {f"{ids.EXPORT_JOB_ID}.data": world.ids[f"job_{side}"]},
            marker=f"export-{side}.csv",
        ),
        Row(
            f"export job file of {own} downloaded",
            "file",
            f"/export/jobs/job_{side}",
            frozenset({"rep" if side == "A" else "rep_other_team"}),
            marker="job file",
        ),
        Row(
            f"analytics CSV of team {side}",
            "file",
            f"/export/analytics/workload.csv?team=team_{side}",
            served - {"rep", "rep_other_team"},
            marker=",",
        ),
        Row(
            f"TV link of team {side} opens /standup without a session",
            "page",
            f"/standup?token=link_{side}",
            EVERYONE,
        ),
        Row(
            f"TV link of team {side} shows its stand-up",
            "callback",
            "standup-tick",
            EVERYONE,
            lambda world: {f"{ids.STANDUP_SOURCE}.data": {"token": world.tokens[f"link_{side}"]}},
            marker="Lea Rep" if side == "A" else "Omar Other",
        ),
    ]


MATRIX: list[Row] = [
    *(
        Row(f"page {path}", "page", path, SIGNED_IN)
        for path in ("/", "/notes", "/board", "/settings")
    ),
    Row(
        "page /analytics shows charts",
        "callback",
        "_pages_location",
        SIGNED_IN - {"rep", "rep_other_team"},
        lambda _w: {"_pages_location.pathname": "/analytics", "_pages_location.search": ""},
        marker=ids.ANALYTICS_SUMMARY,
    ),
    Row(
        "page /standup shows the picker",
        "callback",
        "_pages_location",
        SIGNED_IN - {"rep", "rep_other_team"},
        lambda _w: {"_pages_location.pathname": "/standup", "_pages_location.search": ""},
        marker=ids.STANDUP_TEAM,
    ),
    *side_rows("A", A_SIDE),
    *side_rows("B", B_SIDE),
    # The hole of issue 19: Paul wrote Lea's task on his customer and sees it; Save must not
    # let him take it (Reassign never did). Her manager and the admin may.
    Row(
        "save takes Lea's task (lea_task_A) for Paul",
        "callback",
        "note-save",
        frozenset({"manager", "admin"}),
        note_fields("lea_task_A", "paul", "lea's on A", "customer_A"),
    ),
    Row(
        "bulk undo of Marie's batch",
        "callback",
        "bulk-undo",
        frozenset({"manager"}),
        lambda world: {f"{ids.BULK_BATCH}.data": world.batch},
    ),
    Row(
        "own settings saved",
        "callback",
        "settings-save",
        SIGNED_IN,
        lambda _w: {
            f"{ids.SETTINGS_TIME_ZONE}.value": "Europe/Paris",
            f"{ids.SETTINGS_THRESHOLD}.value": 20,
            f"{ids.SETTINGS_COUNTER_MODE}.value": "activity",
            f"{ids.SETTINGS_LOCALE}.value": "en",
        },
    ),
    Row("export XLSX", "file", "/export/notes.xlsx", SIGNED_IN, marker="PK"),
    Row("forged TV link opens nothing", "page", "/standup?token=forged", frozenset()),
    Row(
        "forged TV link shows nothing",
        "callback",
        "standup-tick",
        frozenset(),
        lambda _w: {f"{ids.STANDUP_SOURCE}.data": {"token": "forged"}},
        marker="Lea Rep",
    ),
]


def find(prefix: str) -> dict:
    """The callback whose name starts with `prefix`, else the first that holds it."""
    starting = [c for name, c in CALLBACKS.items() if name.startswith(prefix)]
    return (starting or [c for name, c in CALLBACKS.items() if prefix in name])[0]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The world on SQLite, a client per role, and a pristine copy to restore."""
    folder = tmp_path_factory.mktemp("matrix")
    url = f"sqlite:///{folder / 'matrix.db'}"
    db = Database(url)
    Base.metadata.create_all(db.engine)
    world = w.build(db)
    exports = folder / "exports"
    exports.mkdir()
    for side in "AB":
        (exports / f"export-{world.ids[f'job_{side}']}.csv").write_text("job file\n")
    server = create_app(
        {"DATABASE_URL": url, "TESTING": True, "SECRET_KEY": w.SECRET, "EXPORT_DIR": str(exports)}
    )
    clients = {role: signed_in(server, w.EMAILS[role]) for role in SIGNED_IN | {"deactivated"}}
    clients["anonymous"] = server.test_client()
    leaving = signed_in(server, w.EMAILS["signed_out"])
    cookie = leaving.get_cookie("session").value
    assert sign_out(leaving).status_code == 302
    replay = server.test_client()
    replay.set_cookie("session", cookie)  # the cookie of a session that signed out
    clients["signed_out"] = replay
    w.deactivate(db, world.ids["gone"])
    pristine = folder / "pristine.db"
    with sqlite3.connect(folder / "matrix.db") as live, sqlite3.connect(pristine) as copy:
        live.backup(copy)
    yield db, world, clients, server, pristine, folder / "matrix.db"
    server.extensions["relance_db"].dispose()
    db.dispose()


def restore(server, db, pristine, live) -> None:
    server.extensions["relance_db"].dispose()
    db.dispose()
    with sqlite3.connect(pristine) as copy, sqlite3.connect(live) as target:
        copy.backup(target)


def ask(client, row: Row, world: w.World):
    if row.kind in ("page", "file"):
        path = row.target
        for key in sorted(world.ids, key=len, reverse=True):
            if key in path and "token=" not in path:
                path = path.replace(key, str(world.ids[key]))
        for key, token in world.tokens.items():
            path = path.replace(f"token={key}", f"token={token}")
        return client.get(path)
    callback = find(row.target)
    values = row.values(world)
    first = callback["inputs"][0]
    if first["property"] == "n_clicks":  # a click on the button (or the listed one)
        values.setdefault(f"{first['id']}.n_clicks", 1)
    body = payload(callback, values, row.wildcard(world), row.changed)
    return client.post("/_dash-update-component", json=body)


def cases():
    for row in MATRIX:
        for role in ROLES:
            yield pytest.param(row, role, id=f"{row.name}-{role}")


@pytest.mark.parametrize(("row", "role"), list(cases()))
def test_access(site, row, role):
    db, world, clients, server, pristine, live = site
    before, data_before = w.digest(db), w.digest(db, ("audit_event",))
    response = ask(clients[role], row, world)
    after, data_after = w.digest(db), w.digest(db, ("audit_event",))
    if after != before:
        restore(server, db, pristine, live)
    text = response.get_data().decode("utf-8", "replace")  # an XLSX is bytes
    assert response.status_code != 500, text[:300]
    if row.marker is None and row.kind == "callback":
        served = after != before
    elif row.kind == "page" and row.marker is None:
        served = response.status_code == 200
    else:
        served = response.status_code == 200 and row.marker in text
    expected = role in row.served_for
    assert served == expected, (response.status_code, text[:300])
    if not expected and role in NO_SESSION:
        assert response.status_code in (302, 401, 403), response.status_code
    if not expected and row.kind == "file" and response.status_code == 200:
        # An export that ran (without the record) writes its own audit row, nothing else.
        assert data_after == data_before
    elif not expected:
        assert after == before


def test_the_matrix_covers_every_role_and_both_sides():
    assert {role for row in MATRIX for role in row.served_for} == set(ROLES)
    assert len(MATRIX) * len(ROLES) >= 300
