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
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from sqlalchemy import select, update

from data import clock
from data.db import Database
from data.errors import InvalidInput
from data.export import (
    Counted,
    csv_chunks,
    file_name,
    plan_export,
    record_export,
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


def run_export_job(db: Database, job_id: int, directory: Path = EXPORT_DIR) -> str:
    """Build a claimed job's file; returns its final status. Never raises."""
    now = clock.now()
    with db.session() as s:
        job = s.get(ExportJob, job_id)
        fmt, raw_query = job.format, job.query
        viewer = load_viewer(s, job.user_id)
    if viewer is None:
        _set(db, job_id, status=FAILED, error="user inactive", finished_at=clock.now())
        return FAILED
    directory.mkdir(parents=True, exist_ok=True)
    final = stored_path(directory, job_id, fmt)
    partial = final.with_suffix(".part")
    rows = None
    try:
        with db.session() as s:
            plan = plan_export(s, viewer, raw_query, now)
        rows = Counted(stream_rows(db, plan))

        def progress(n: int) -> None:
            _set(db, job_id, rows_done=n)

        if fmt == "xlsx":
            write_xlsx(plan, rows, partial, progress, PROGRESS_EVERY)
        else:
            with partial.open("wb") as out:
                for chunk in csv_chunks(plan, rows, bom=True):
                    out.write(chunk)
        os.replace(partial, final)
    except Exception as exc:  # a failed job reports why and keeps nothing half-written
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
        message = str(exc) if isinstance(exc, InvalidInput) else "internal error"
        if not isinstance(exc, InvalidInput):
            log.exception("export job %s failed", job_id)
        _set(db, job_id, status=FAILED, error=message[:500], finished_at=clock.now())
        return FAILED
    _set(
        db,
        job_id,
        status=DONE,
        rows_done=rows.count,
        file_name=file_name(plan, fmt),
        finished_at=clock.now(),
    )
    record_export(db, viewer, fmt, plan, rows.count, True, clock.now(), job_id=job_id)
    return DONE


def housekeeping(db: Database, directory: Path = EXPORT_DIR) -> None:
    """Queue again the jobs whose process died; delete files older than a week."""
    now = clock.now()
    with db.session() as s:
        s.execute(
            update(ExportJob)
            .where(ExportJob.status == RUNNING, ExportJob.started_at < now - STALE_AFTER)
            .values(status=QUEUED, rows_done=0)
        )
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
        if claim(db, job_id, clock.now()):
            (runner or run_export_job)(db, job_id, directory)

    thread = threading.Thread(target=work, name=f"export-job-{job_id}", daemon=True)
    thread.start()
    return thread
