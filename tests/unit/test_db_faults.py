"""Database faults: a PostgreSQL connection killed under the app is replaced by itself (pool
pre-ping), a bulk change that loses its connection mid-way says the database is unavailable
(not "someone else is changing these tasks") and changes nothing, and a lock wait that gives
up is still told apart as contention."""

from __future__ import annotations

import json
import sqlite3
import threading
from datetime import timedelta

import psycopg
import pytest
from sqlalchemy import event, func, select, text
from sqlalchemy.exc import OperationalError

from app import create_app
from components import ids as component_ids
from data.board import move_card
from data.bulk import Selection, contention_refused, reassign
from data.db import Database, is_contention
from data.errors import StaleVersion, Unavailable
from data.models import AuditEvent, Note, User
from data.scope import load_viewer
from tests import factories as f
from tests.factories import FIXED_NOW as NOW
from tests.helpers import killed_at_the_end, post_callback, signed_in

COUNTERS = "..counter-incoming.children...counter-planned.children...counter-today.children.."


@pytest.fixture
def office(db):
    with db.session() as s:
        marie, paul, lea = f.people(s, "marie", "paul", "lea")
        f.team(s, "Ventes", managers=[marie], members=[paul, lea])
        tasks = [
            f.note(s, paul, f"Paul {i}", assignee=paul, due_in=timedelta(days=i)).id
            for i in range(1, 4)
        ]
        ids = {"marie": marie.id, "paul": paul.id, "lea": lea.id, "tasks": tasks}
    return db, ids


def terminate_other_connections(url: str) -> int:
    """Kill every other session on the test database, as a restart or a failover does."""
    admin = Database(url)
    try:
        with admin.engine.connect() as conn:
            killed = conn.execute(
                text(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            ).scalar_one()
            conn.commit()
            return killed
    finally:
        admin.dispose()


def state(db, note_ids) -> tuple:
    with db.session() as s:
        rows = s.execute(
            select(Note.id, Note.assignee_id, Note.version).where(Note.id.in_(note_ids))
        )
        return tuple(sorted(rows)), s.scalar(select(AuditEvent.id).limit(1))


def test_killed_connections_are_replaced_without_an_error(office, db_url):
    if not db_url.startswith("postgresql"):
        pytest.skip("a SQLite file has no connection to lose")
    db, _ids = office
    server = create_app({"DATABASE_URL": db.url, "TESTING": True})
    try:
        client = signed_in(server, "paul.rep@test.relance")
        dependencies = client.get("/_dash-dependencies").json
        assert any(c["output"] == COUNTERS for c in dependencies)
        assert client.get("/notes").status_code == 200  # the pool holds a connection now
        assert terminate_other_connections(db.url) >= 1
        page = client.get("/notes")
        assert page.status_code == 200, page.get_data(as_text=True)
        assert client.get("/_dash-layout").status_code == 200
    finally:
        server.extensions["relance_db"].dispose()


def test_losing_the_database_mid_bulk_says_so_and_changes_nothing(office, db_url):
    if not db_url.startswith("postgresql"):
        pytest.skip("a SQLite file has no connection to lose")
    db, ids = office
    before = state(db, ids["tasks"])
    statements = []

    @event.listens_for(db.engine, "after_cursor_execute")
    def kill_after_the_first_update(conn, _cursor, statement, *_args):
        statements.append(statement)
        if statement.lstrip().upper().startswith("UPDATE") and len(statements) < 100:
            terminate_other_connections(db.url)  # this very connection among them

    with pytest.raises(Unavailable) as refused, contention_refused(), db.session() as s:
        marie = load_viewer(s, ids["marie"])
        reassign(s, marie, Selection(note_ids=tuple(ids["tasks"])), ids["lea"], None, NOW)
    event.remove(db.engine, "after_cursor_execute", kill_after_the_first_update)
    assert refused.value.text("en") == (
        "The database is unavailable: nothing was changed. Try again in a moment."
    )
    assert refused.value.text("fr").startswith("La base de données est indisponible")
    assert state(db, ids["tasks"]) == before


def wrapped(orig: Exception, invalidated: bool = False) -> OperationalError:
    return OperationalError("UPDATE note …", {}, orig, connection_invalidated=invalidated)


@pytest.mark.parametrize(
    ("error", "contention"),
    [
        (wrapped(psycopg.errors.LockNotAvailable("lock timeout")), True),
        (wrapped(psycopg.errors.DeadlockDetected("deadlock detected")), True),
        (wrapped(sqlite3.OperationalError("database is locked")), True),
        (wrapped(psycopg.OperationalError("server closed the connection"), True), False),
        (wrapped(psycopg.OperationalError("connection refused")), False),
        (wrapped(sqlite3.OperationalError("unable to open database file")), False),
    ],
)
def test_contention_and_a_lost_database_are_told_apart(error, contention):
    assert is_contention(error) is contention
    expected = StaleVersion if contention else Unavailable
    with pytest.raises(expected), contention_refused():
        raise error


def test_concurrent_writers_on_sqlite_wait_their_turn_without_an_error(office, db_url):
    """SQLite lets one writer in at a time: the others wait (busy timeout), nobody is told
    "database is locked", and every move lands exactly once."""
    if not db_url.startswith("sqlite"):
        pytest.skip("PostgreSQL locks rows, not the file")
    db, ids = office
    with db.session() as s:
        many = [
            f.note(s, s.get(User, ids["paul"]), f"T{i}", assignee=s.get(User, ids["paul"])).id
            for i in range(16)
        ]
    errors: list[Exception] = []
    start = threading.Barrier(8)

    def writer(mine: list[int]) -> None:
        start.wait()
        for note_id in mine:
            try:
                with db.session() as s:
                    move_card(s, load_viewer(s, ids["paul"]), note_id, 1, "later", NOW)
            except Exception as exc:  # any error fails the test below
                errors.append(exc)

    threads = [threading.Thread(target=writer, args=(many[i::8],)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    with db.session() as s:
        versions = s.scalars(select(Note.version).where(Note.id.in_(many))).all()
        moves = s.scalar(
            select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "note.move")
        )
    assert versions == [2] * 16 and moves == 16


# A bulk reassign that stops for good after its UPDATE, inside its transaction, until killed.
HANGING_BULK = """
import sys, time
from sqlalchemy import event
from data.bulk import Selection, reassign
from data.db import Database
from data.scope import load_viewer
from tests.factories import FIXED_NOW

db = Database(sys.argv[1])
manager, target = int(sys.argv[2]), int(sys.argv[3])
tasks = tuple(int(n) for n in sys.argv[4].split(","))

@event.listens_for(db.engine, "after_cursor_execute")
def hang_after_the_update(conn, cursor, statement, *args):
    if statement.lstrip().upper().startswith("UPDATE NOTE"):
        print("updated", flush=True)
        time.sleep(600)

with db.session() as s:
    reassign(s, load_viewer(s, manager), Selection(note_ids=tasks), target, None, FIXED_NOW)
"""


def test_a_bulk_reassign_killed_mid_way_leaves_nothing_half_written(office, db_url):
    db, ids = office
    before = state(db, ids["tasks"])
    tasks = ",".join(map(str, ids["tasks"]))
    args = (db.url, str(ids["marie"]), str(ids["lea"]), tasks)
    with killed_at_the_end(HANGING_BULK, *args) as process:
        assert process.stdout.readline().strip() == b"updated"  # inside the transaction now
    assert state(db, ids["tasks"]) == before  # no task moved, no audit row


def test_losing_the_database_in_any_callback_says_so_above_the_page(office, db_url):
    """Not only the bulk path: a board move whose connection dies mid-way answers the page
    with "the database is unavailable: nothing was changed", and changes nothing."""
    if not db_url.startswith("postgresql"):
        pytest.skip("a SQLite file has no connection to lose")
    db, ids = office
    before = state(db, ids["tasks"])
    server = create_app({"DATABASE_URL": db.url, "TESTING": True})
    engine = server.extensions["relance_db"].engine
    try:
        client = signed_in(server, "paul.rep@test.relance")
        callback = next(
            c
            for c in client.get("/_dash-dependencies").json
            if any(i["id"] == component_ids.BOARD_MOVE for i in c["inputs"])
        )

        def kill_at_the_update(conn, _cursor, statement, *_args):
            if statement.lstrip().upper().startswith("UPDATE NOTE"):
                terminate_other_connections(db.url)  # this very connection among them

        event.listen(engine, "after_cursor_execute", kill_at_the_update)
        move = {"note": str(ids["tasks"][0]), "version": "1", "to": "no-date"}
        values = {f"{component_ids.BOARD_MOVE}.data": move}
        response = post_callback(client, callback, values, f"{component_ids.BOARD_MOVE}.data")
        event.remove(engine, "after_cursor_execute", kill_at_the_update)
        assert response.status_code == 200, response.get_data(as_text=True)
        notice = response.json["sideUpdate"][component_ids.APP_NOTICE]
        notice = json.dumps(notice, ensure_ascii=False)  # Paul reads French
        assert "La base de données est indisponible : rien n'a été modifié." in notice
        assert component_ids.BOARD_MESSAGE not in response.json.get("response", {})
        assert state(db, ids["tasks"]) == before
        assert client.get("/board").status_code == 200  # and the next request works again
    finally:
        server.extensions["relance_db"].dispose()


def test_a_route_that_loses_the_database_answers_503_in_words(office, db_url, monkeypatch):
    db, _ids = office
    server = create_app({"DATABASE_URL": db.url, "TESTING": True})
    try:
        client = signed_in(server, "paul.rep@test.relance")
        lost = wrapped(psycopg.OperationalError("server closed the connection"), True)

        def gone(*_args, **_kwargs):
            raise lost

        monkeypatch.setattr("web.files.plan_export", gone)
        response = client.get("/export/notes.csv")
        assert response.status_code == 503
        assert response.get_data(as_text=True).startswith("La base de données est indisponible")
    finally:
        server.extensions["relance_db"].dispose()
