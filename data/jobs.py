"""Export jobs in the database: queue one, read one's state (the owner only).

The runner that claims and builds them is `jobs/exports.py`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from data.db import INSTANCE_DIR
from data.models import ExportJob
from data.scope import Viewer
from data.types import as_id

EXPORT_DIR = INSTANCE_DIR / "exports"
QUEUED, RUNNING, DONE, FAILED, EXPIRED = "queued", "running", "done", "failed", "expired"
# A running job writes its heartbeat at least every PROGRESS_EVERY rows (about a second);
# one silent for this long lost its process: it is queued again and its partial file removed.
STALE_AFTER = timedelta(minutes=2)
KEEP_FILES = timedelta(days=7)
PROGRESS_EVERY = 10_000


@dataclass(frozen=True)
class JobView:
    """What the owner sees of a job."""

    id: int
    format: str
    status: str
    rows_total: int | None
    rows_done: int
    file_name: str | None
    error: str | None
    created_at: datetime

    @property
    def percent(self) -> int:
        if self.status == DONE:
            return 100
        if not self.rows_total:
            return 0
        return min(99, round(100 * self.rows_done / self.rows_total))


def _view(job: ExportJob) -> JobView:
    return JobView(
        job.id,
        job.format,
        job.status,
        job.rows_total,
        job.rows_done,
        job.file_name,
        job.error,
        job.created_at,
    )


def stored_path(directory: Path, job_id: int, fmt: str) -> Path:
    return directory / f"export-{job_id}.{fmt}"


def work_dir(directory: Path, job_id: int) -> Path:
    """Where a running job writes (its file and the XLSX writer's temporary files); the file
    moves to stored_path when whole, and the folder goes when the job ends or is found dead."""
    return directory / f"export-{job_id}.work"


def enqueue_export(
    s: Session, viewer: Viewer, fmt: str, raw_query: str, rows_total: int, now: datetime
) -> int:
    job = ExportJob(
        user_id=viewer.id,
        format=fmt,
        query=raw_query,
        status=QUEUED,
        rows_total=rows_total,
        rows_done=0,
        created_at=now,
    )
    s.add(job)
    s.flush()
    return job.id


def job_of(s: Session, viewer: Viewer, job_id: object) -> JobView | None:
    """The viewer's own job, or None: nobody sees or downloads somebody else's export (an
    id that is no id is nobody's)."""
    job_id = as_id(job_id)
    if job_id is None:
        return None
    job = s.scalar(select(ExportJob).where(ExportJob.id == job_id, ExportJob.user_id == viewer.id))
    return _view(job) if job else None


def recent_jobs(s: Session, viewer: Viewer, limit: int = 5) -> list[JobView]:
    query = (
        select(ExportJob)
        .where(ExportJob.user_id == viewer.id, ExportJob.status != EXPIRED)
        .order_by(ExportJob.id.desc())
        .limit(limit)
    )
    return [_view(job) for job in s.scalars(query)]
