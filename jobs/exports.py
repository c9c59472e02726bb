"""The export job runner: large exports, built into files their owner downloads when ready.

Safe to run in several processes at once: a job is claimed by one conditional UPDATE
(queued -> running) and only the process whose UPDATE changed the row runs it. The web
process starts a thread for the job it has just queued, so exports work without a separate
runner; `flask --app app run-jobs` picks up whatever is left (after a restart, for example).
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import threading
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import func, select, update

from data import clock
from data.db import Database
from data.errors import InvalidInput
from data.export import (
    Counted,
    ExportAudit,
    csv_chunks,
    file_name,
    plan_export,
    stream_rows,
    write_xlsx,
)
from data.jobs import (
    DONE,
    EXPIRED,
    EXPORT_DIR,
    FAILED,
    KEEP_FILES,
    PROGRESS_EVERY,
    QUEUED,
    RUNNING,
    STALE_AFTER,
    stored_path,
    work_dir,
)
from data.models import ExportJob
from data.scope import load_viewer

log = logging.getLogger(__name__)


def claim(db: Database, job_id: int, now: datetime) -> bool:
    with db.session() as s:
        result = s.execute(
            update(ExportJob)
            .where(ExportJob.id == job_id, ExportJob.status == QUEUED)
            .values(status=RUNNING, started_at=now)
        )
        return result.rowcount == 1


def _set(db: Database, job_id: int, **values) -> None:
    with db.session() as s:
        s.execute(update(ExportJob).where(ExportJob.id == job_id).values(**values))


def _beating(db: Database, job_id: int, rows: Iterable[tuple]) -> Iterator[tuple]:
    """The rows, writing the job's progress and heartbeat every PROGRESS_EVERY rows."""
    for done, row in enumerate(rows, start=1):
        if done % PROGRESS_EVERY == 0:
            _set(db, job_id, rows_done=done, heartbeat_at=clock.now())
        yield row


def _private(path: Path) -> BinaryIO:
    """A new file only its owner reads (0600): exports hold a company's customer notes."""
    return os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb")


def private_directory(directory: Path) -> Path:
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    directory.chmod(0o700)  # also when an older version made it 0755
    return directory


def run_export_job(db: Database, job_id: int, directory: Path = EXPORT_DIR) -> str:
    """Build a claimed job's file; returns its final status. Never raises. The audit row is
    written when the job starts and completed when it ends (rows, complete or not)."""
    now = clock.now()
    with db.session() as s:
        job = s.get(ExportJob, job_id)
        fmt, raw_query = job.format, job.query
        viewer = load_viewer(s, job.user_id)
    if viewer is None:
        _set(db, job_id, status=FAILED, error="user inactive", finished_at=clock.now())
        return FAILED
    final = stored_path(private_directory(directory), job_id, fmt)
    work = work_dir(directory, job_id)
    partial = work / final.name
    rows = audit = None
    try:
        work.mkdir(mode=0o700, exist_ok=True)
        with db.session() as s:
            plan = plan_export(s, viewer, raw_query, now)
        audit = ExportAudit.start(db, viewer, fmt, plan, clock.now(), job_id=job_id)
        rows = Counted(_beating(db, job_id, stream_rows(db, plan)))
        if fmt == "xlsx":
            write_xlsx(plan, rows, partial)
            partial.chmod(0o600)
        else:
            with _private(partial) as out:
                for chunk in csv_chunks(plan, rows, bom=True):
                    out.write(chunk)
        os.replace(partial, final)
    except Exception as exc:  # a failed job reports why and keeps nothing half-written
        if audit is not None:
            audit.finish(rows.count if rows else 0, False)
        message = str(exc) if isinstance(exc, InvalidInput) else "internal error"
        if not isinstance(exc, InvalidInput):
            log.exception("export job %s failed", job_id)
        _set(db, job_id, status=FAILED, error=message[:500], finished_at=clock.now())
        return FAILED
    finally:
        shutil.rmtree(work, ignore_errors=True)
    _set(
        db,
        job_id,
        status=DONE,
        rows_done=rows.count,
        file_name=file_name(plan, fmt),
        finished_at=clock.now(),
    )
    audit.finish(rows.count, True)
    return DONE


def housekeeping(db: Database, directory: Path = EXPORT_DIR) -> None:
    """Queue again the jobs whose process died (no heartbeat for STALE_AFTER) and remove
    their unfinished files; delete files older than a week."""
    now = clock.now()
    with db.session() as s:
        beat = func.coalesce(ExportJob.heartbeat_at, ExportJob.started_at)
        stale = s.execute(
            update(ExportJob)
            .where(ExportJob.status == RUNNING, beat < now - STALE_AFTER)
            .values(status=QUEUED, rows_done=0, heartbeat_at=None)
            .returning(ExportJob.id, ExportJob.format)
        ).all()
        for job_id, _fmt in stale:
            shutil.rmtree(work_dir(directory, job_id), ignore_errors=True)
        old = s.execute(
            select(ExportJob.id, ExportJob.format).where(
                ExportJob.status == DONE, ExportJob.finished_at < now - KEEP_FILES
            )
        ).all()
        for job_id, fmt in old:
            with contextlib.suppress(FileNotFoundError):
                stored_path(directory, job_id, fmt).unlink()
        if old:
            s.execute(
                update(ExportJob)
                .where(ExportJob.id.in_([job_id for job_id, _ in old]))
                .values(status=EXPIRED)
            )


def run_pending(db: Database, directory: Path = EXPORT_DIR) -> int:
    """Run every queued job this process manages to claim; returns how many it ran."""
    housekeeping(db, directory)
    ran = 0
    while True:
        with db.session() as s:
            queued = list(
                s.scalars(
                    select(ExportJob.id)
                    .where(ExportJob.status == QUEUED)
                    .order_by(ExportJob.id)
                    .limit(20)
                )
            )
        if not queued:
            return ran
        claimed_any = False
        for job_id in queued:
            if claim(db, job_id, clock.now()):
                claimed_any = True
                run_export_job(db, job_id, directory)
                ran += 1
        if not claimed_any:
            return ran


def start_in_background(
    db: Database, job_id: int, directory: Path = EXPORT_DIR, runner: Callable | None = None
) -> threading.Thread:
    """Run one job in a thread of this process, if no other process has claimed it."""

    def work() -> None:
        housekeeping(db, directory)  # a job left by a killed worker is queued again
        if claim(db, job_id, clock.now()):
            (runner or run_export_job)(db, job_id, directory)

    thread = threading.Thread(target=work, name=f"export-job-{job_id}", daemon=True)
    thread.start()
    return thread
