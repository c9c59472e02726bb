"""/export/notes.csv and .xlsx through the real routes, on SQLite and PostgreSQL: the same rows
and order as /notes, the viewer's scope, neutralised formulas, 400 on a bad filter, the audit,
and large XLSX built by the job runner."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta

import openpyxl
import pytest
from sqlalchemy import select, update

from data import jobs
from data.export import (
    HEADER,
    CopyStream,
    Counted,
    csv_chunks,
    neutralise,
    plan_export,
    stream_rows,
    uses_copy,
)
from data.filters import NoteFilter
from data.models import AuditEvent, ExportJob, User
from data.notes import list_notes
from data.scope import load_viewer
from jobs import exports as runner
from tests import factories as f
from tests.factories import FIXED_NOW
from tests.helpers import sign_out
from tests.unit.export_world import FORMULA, as_user


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.get_data(as_text=True))))


def grid_ids(world, who: str, query: str) -> list[int]:
    _client, db, _ids, refs, _emails, _dir = world
    with db.session() as s:
        viewer = load_viewer(s, refs[who])
        flt = NoteFilter.from_query(query).checked(s)
        return [row["id"] for row in list_notes(s, viewer, flt, FIXED_NOW, 0, 500)]


QUERIES = [
    "",
    "completed=1",
    "overdue=1",
    "sort=-created_at&completed=1",
    "sort=customer",
    "sort=-due_at",
    "q=devis",
    "option={toys}",
    "rep={paul}&completed=1",
    "status={new}&sort=status",
    "from=2026-11-20&to=2026-12-31",
]


@pytest.mark.parametrize("who", ["admin", "marie", "paul"])
@pytest.mark.parametrize("query", QUERIES)
def test_csv_rows_are_the_notes_rows_in_the_same_order(world, who, query):
    query = query.format(**world[3])
    client = as_user(world, who)
    response = client.get(f"/export/notes.csv?{query}")
    assert response.status_code == 200
    rows = csv_rows(response)
    assert tuple(rows[0][: len(HEADER)]) == HEADER
    assert [int(row[0]) for row in rows[1:]] == grid_ids(world, who, query)


def test_a_reps_export_holds_only_their_scope(world):
    _client, _db, ids, _refs, _emails, _dir = world
    client = as_user(world, "paul")
    exported = {int(row[0]) for row in csv_rows(client.get("/export/notes.csv?completed=1"))[1:]}
    assert exported == {ids[k] for k in ("overdue_paul", "today_paul", "plain_paul", "done_paul")}
    assert ids["lea_next_week"] not in exported and ids["general_lea"] not in exported


def test_cells_that_start_a_formula_are_neutralised(world):
    _client, _db, ids, _refs, _emails, _dir = world
    client = as_user(world, "paul")
    rows = {int(row[0]): row for row in csv_rows(client.get("/export/notes.csv"))[1:]}
    assert rows[ids["plain_paul"]][3] == "'" + FORMULA
    assert rows[ids["overdue_paul"]][1] == "'@Boulangerie"
    assert neutralise("-10 %") == "'-10 %" and neutralise("\tx") == "'\tx"
    assert neutralise("a=b") == "a=b"


def test_csv_values_times_and_variables(world):
    _client, _db, ids, _refs, _emails, _dir = world
    client = as_user(world, "paul")
    response = client.get("/export/notes.csv?completed=1")
    rows = csv_rows(response)
    header = rows[0]
    assert header[len(HEADER) :] == ["Magasin", "Classement"]
    by_id = {int(row[0]): dict(zip(header, row, strict=True)) for row in rows[1:]}
    overdue = by_id[ids["overdue_paul"]]
    # Due three days before Monday 10:00 in Paris: Friday 10:00, written in Paris time.
    assert overdue["due_at"] == "2026-11-20T10:00:00+01:00"
    assert overdue["state"] == "overdue"
    assert (overdue["status"], overdue["action"], overdue["category"]) == (
        "Nouveau",
        "Appeler",
        "Devis",
    )
    assert (overdue["assignee"], overdue["assignee_email"]) == ("Paul Rep", "paul.rep@test.relance")
    assert (overdue["Magasin"], overdue["Classement"]) == ("Jouets", "A")
    assert by_id[ids["today_paul"]]["Classement"] == ""
    assert by_id[ids["done_paul"]]["state"] == "completed"
    assert by_id[ids["done_paul"]]["completed_at"] == "2026-11-23T09:00:00+01:00"
    assert by_id[ids["plain_paul"]]["state"] == "note"
    assert response.mimetype == "text/csv"
    assert response.headers["Cache-Control"] == "no-store"
    disposition = response.headers["Content-Disposition"]
    assert disposition == 'attachment; filename="relance-notes-2026-11-23-with-completed.csv"'


def test_the_csv_is_streamed_header_first_and_the_bom_is_an_option(world):
    client = as_user(world, "paul")
    response = client.get("/export/notes.csv", buffered=False)
    assert response.is_streamed
    first = next(iter(response.response))
    assert first.decode().startswith("id,customer,customer_code,body,")
    response.close()
    with_bom = client.get("/export/notes.csv?bom=1").get_data()
    assert with_bom.startswith("\ufeffid,".encode())
    assert not client.get("/export/notes.csv").get_data().startswith(b"\xef\xbb\xbf")


def test_the_xlsx_holds_the_csv_rows(world):
    client = as_user(world, "marie")
    query = "completed=1&sort=-due_at"
    csv_part = csv_rows(client.get(f"/export/notes.csv?{query}"))
    response = client.get(f"/export/notes.xlsx?{query}")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment; filename=")
    sheet = openpyxl.load_workbook(io.BytesIO(response.data)).active
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:P{len(csv_part)}"  # 14 columns and 2 variables
    assert sheet["A1"].font.b
    cells = list(sheet.iter_rows(values_only=True))
    assert list(cells[0]) == csv_part[0]
    assert len(cells) == len(csv_part)
    for got, want in zip(cells[1:], csv_part[1:], strict=True):
        assert got[0] == int(want[0])
        for i, name in enumerate(want and csv_part[0]):
            if name in ("due_at", "created_at", "completed_at"):
                expected = datetime.fromisoformat(want[i]).replace(tzinfo=None) if want[i] else None
                assert got[i] == expected, name
            elif i:
                assert (got[i] or "") == want[i], name


def test_the_xlsx_neutralises_formulas_too(world):
    _client, _db, ids, _refs, _emails, _dir = world
    client = as_user(world, "paul")
    sheet = openpyxl.load_workbook(io.BytesIO(client.get("/export/notes.xlsx").data)).active
    bodies = {row[0]: row[3] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert bodies[ids["plain_paul"]] == "'" + FORMULA


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_bad_filter_answers_400_with_the_message_and_no_file(world, fmt):
    client = as_user(world, "paul")
    response = client.get(f"/export/notes.{fmt}?status=abc&from=2026-13-01&customer=999999")
    assert response.status_code == 400
    assert response.mimetype == "text/plain"
    assert "Content-Disposition" not in response.headers
    text = response.get_data(as_text=True)
    # Each parameter by the name the panel gives it (French: a no-break space before ":").
    assert "Statut\u00a0: statut inconnu (abc)" in text
    assert "Date de relance\u00a0: «\u00a02026-13-01\u00a0» n'est pas une date" in text
    assert "Client\u00a0: client inconnu (999999)" in text


def test_exports_need_a_sign_in(world):
    client = world[0]
    for path in ("/export/notes.csv", "/export/notes.xlsx", "/export/jobs/1"):
        assert client.get(path).status_code == 401


def test_every_export_is_audited(world):
    _client, db, _ids, refs, _emails, _dir = world
    client = as_user(world, "paul")
    client.get("/export/notes.csv?overdue=1").get_data()
    client.get("/export/notes.xlsx?completed=1")
    with db.session() as s:
        events = s.execute(
            select(AuditEvent.actor_id, AuditEvent.after)
            .where(AuditEvent.action == "export")
            .order_by(AuditEvent.id)
        ).all()
    assert [actor for actor, _ in events] == [refs["paul"], refs["paul"]]
    first, second = (after for _, after in events)
    assert first == {"format": "csv", "query": "overdue=1", "rows": 1, "complete": True}
    assert second == {"format": "xlsx", "query": "completed=1", "rows": 4, "complete": True}


def test_a_large_xlsx_is_built_by_the_job_runner_for_its_owner_only(world):
    client, db, _ids, refs, _emails, directory = world
    with db.session() as s:
        viewer = load_viewer(s, refs["marie"])
        job_id = jobs.enqueue_export(s, viewer, "xlsx", "completed=1", 6, FIXED_NOW)
    assert runner.run_pending(db, directory) == 1
    assert runner.run_pending(db, directory) == 0  # claimed once, never twice
    with db.session() as s:
        job = jobs.job_of(s, viewer, job_id)
        assert jobs.job_of(s, load_viewer(s, refs["paul"]), job_id) is None
    assert (job.status, job.rows_done, job.percent) == ("done", 6, 100)
    assert job.file_name == "relance-notes-2026-11-23-with-completed.xlsx"

    as_user(world, "paul")
    assert client.get(f"/export/jobs/{job_id}").status_code == 403
    sign_out(client)
    as_user(world, "marie")
    response = client.get(f"/export/jobs/{job_id}")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.data)).active
    assert sheet.max_row == 7
    with db.session() as s:
        audited = s.scalar(select(AuditEvent.after).where(AuditEvent.action == "export"))
    assert audited["rows"] == 6 and audited["job"] == job_id


def test_a_job_with_a_bad_filter_fails_with_its_message_and_leaves_no_file(world):
    _client, db, _ids, refs, _emails, directory = world
    with db.session() as s:
        viewer = load_viewer(s, refs["marie"])
        job_id = jobs.enqueue_export(s, viewer, "xlsx", "status=abc", 0, FIXED_NOW)
    runner.run_pending(db, directory)
    with db.session() as s:
        job = s.get(ExportJob, job_id)
    assert job.status == "failed" and "abc" in job.error
    assert not list(directory.glob("*"))


def test_a_job_whose_process_died_is_run_again(world):
    _client, db, _ids, refs, _emails, directory = world
    with db.session() as s:
        viewer = load_viewer(s, refs["marie"])
        job_id = jobs.enqueue_export(s, viewer, "xlsx", "", 5, FIXED_NOW)
    assert runner.claim(db, job_id, FIXED_NOW - timedelta(hours=2))
    assert not runner.claim(db, job_id, FIXED_NOW)
    assert runner.run_pending(db, directory) == 1
    with db.session() as s:
        assert s.get(ExportJob, job_id).status == "done"


TRICKY_BODIES = [
    'Devis "urgent", à rappeler\nligne 2',
    "\tcommence par une tabulation",
    "\rretour chariot",
    "+33 6 12 34 56 78",
    "-10 % accordé",
    "",
    'fin par un guillemet "',
]


@pytest.mark.parametrize("who", ["admin", "paul"])
@pytest.mark.parametrize("query", ["completed=1", "sort=-customer&completed=1", "q=a"])
def test_postgresql_copy_writes_the_same_bytes_as_the_python_writer(world, who, query):
    _client, db, _ids, refs, _emails, _dir = world
    if not uses_copy(db):
        pytest.skip("COPY is PostgreSQL's; SQLite always takes the Python writer")
    with db.session() as s:
        paul = load_viewer(s, refs["paul"])
        for body in TRICKY_BODIES:
            f.note(s, s.get(User, paul.id), body, assignee=s.get(User, paul.id), due_in=None)
        # An admin in New York: times leave in their zone, with its offset.
        s.execute(update(User).where(User.id == refs["admin"]).values(time_zone="America/New_York"))
    with db.session() as s:
        plan = plan_export(s, load_viewer(s, refs[who]), query, FIXED_NOW)
    python_bytes = b"".join(csv_chunks(plan, Counted(stream_rows(db, plan)), bom=True))
    stream = CopyStream(db, plan)
    copy_bytes = b"".join(stream.chunks(bom=True))
    assert copy_bytes == python_bytes
    assert stream.rows == len(csv_rows_of(python_bytes)) - 1 > 0
    if who == "admin":
        assert b"-05:00" in copy_bytes


def csv_rows_of(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
