"""Exports and crashes: the audit row exists from the start, a job whose process is killed
(kill -9) is found by its silent heartbeat, queued again without its unfinished files, and
run whole; export files are readable by their owner only."""

from __future__ import annotations

import stat
import time
from datetime import timedelta

from sqlalchemy import select

from data import jobs
from data.models import AuditEvent, ExportJob
from data.scope import load_viewer
from jobs import exports as runner
from tests.factories import FIXED_NOW
from tests.helpers import killed_at_the_end
from tests.unit.export_world import as_user

# A job runner that writes its first rows, beats, then hangs until it is killed.
HANGING_RUNNER = """
import sys, time
from pathlib import Path
from data.db import Database
from jobs import exports

real_rows = exports.stream_rows

def hanging(db, plan):
    yield from real_rows(db, plan)
    time.sleep(600)

exports.stream_rows = hanging
exports.PROGRESS_EVERY = 1
db = Database(sys.argv[1])
job_id = int(sys.argv[2])
assert exports.claim(db, job_id, exports.clock.now())
exports.run_export_job(db, job_id, Path(sys.argv[3]))
"""


def export_events(db) -> list[dict]:
    with db.session() as s:
        query = select(AuditEvent.after).where(AuditEvent.action == "export")
        return list(s.scalars(query.order_by(AuditEvent.id)))


def test_the_audit_row_is_written_before_the_first_byte_leaves(world):
    _client, db, _ids, _refs, _emails, _dir = world
    client = as_user(world, "paul")
    response = client.get("/export/notes.csv?overdue=1", buffered=False)
    chunks = iter(response.response)
    next(chunks)  # the header: the export has started, nothing else has been read
    assert export_events(db) == [
        {"format": "csv", "query": "overdue=1", "rows": 0, "complete": False}
    ]
    for _ in chunks:
        pass
    response.close()
    assert export_events(db)[0] == {
        "format": "csv",
        "query": "overdue=1",
        "rows": 1,
        "complete": True,
    }


def wait_for(condition, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the hanging runner never got there"
        time.sleep(0.05)


def test_a_job_killed_mid_way_is_audited_run_again_and_leaves_nothing_behind(
    world,
    monkeypatch,
):
    _client, db, _ids, refs, _emails, directory = world
    with db.session() as s:
        viewer = load_viewer(s, refs["marie"])
        job_id = jobs.enqueue_export(s, viewer, "csv", "completed=1", 6, FIXED_NOW)
    args = (db.url, str(job_id), str(directory))
    with killed_at_the_end(HANGING_RUNNER, *args, env={"RELANCE_NOW": FIXED_NOW.isoformat()}):
        work = jobs.work_dir(directory, job_id)
        wait_for(lambda: export_events(db) and (work / f"export-{job_id}.csv").exists())
        with db.session() as s:
            wait_for(lambda: s.get(ExportJob, job_id, populate_existing=True).heartbeat_at)

    with db.session() as s:
        assert s.get(ExportJob, job_id).status == "running"
    assert export_events(db) == [
        {"format": "csv", "query": "completed=1", "rows": 0, "complete": False, "job": job_id}
    ]
    runner.housekeeping(db, directory)  # its heartbeat is fresh: still its process's
    with db.session() as s:
        assert s.get(ExportJob, job_id).status == "running"

    later = FIXED_NOW + jobs.STALE_AFTER + timedelta(seconds=1)
    monkeypatch.setenv("RELANCE_NOW", later.isoformat())
    assert runner.run_pending(db, directory) == 1  # housekeeping first, then the run
    with db.session() as s:
        job = s.get(ExportJob, job_id)
        assert (job.status, job.rows_done) == ("done", 6)
    assert sorted(p.name for p in directory.iterdir()) == [f"export-{job_id}.csv"]
    file_mode = stat.S_IMODE((directory / f"export-{job_id}.csv").stat().st_mode)
    assert (file_mode, stat.S_IMODE(directory.stat().st_mode)) == (0o600, 0o700)
    assert [e["complete"] for e in export_events(db)] == [False, True]
    assert export_events(db)[1]["rows"] == 6


def test_xlsx_job_files_are_private_too(world):
    _client, db, _ids, refs, _emails, directory = world
    with db.session() as s:
        job_id = jobs.enqueue_export(s, load_viewer(s, refs["marie"]), "xlsx", "", 5, FIXED_NOW)
    assert runner.run_pending(db, directory) == 1
    path = jobs.stored_path(directory, job_id, "xlsx")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert sorted(p.name for p in directory.iterdir()) == [path.name]
