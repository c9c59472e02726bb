"""The export routes: /export/notes.csv, /export/notes.xlsx and the files of export jobs.

The guard in auth.py refuses unauthenticated requests (401) before these run; each one
applies the viewer's scope in SQL through data.export.plan_export.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from flask import Flask, Response, abort, current_app, request, send_file

from auth import current_db, current_viewer
from data import clock
from data.export import (
    XLSX_MAX_ROWS,
    CopyStream,
    Counted,
    ExportError,
    csv_chunks,
    file_name,
    plan_export,
    record_export,
    stream_rows,
    uses_copy,
    write_xlsx,
)
from data.filters import _msg
from data.i18n import translate
from data.jobs import DONE, EXPORT_DIR, job_of, stored_path
from data.notes import count_notes

PRIVATE = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def export_dir() -> Path:
    return Path(current_app.config.get("EXPORT_DIR") or EXPORT_DIR)


def _refused(error: ExportError) -> Response:
    """400 with the messages as plain text, and no file."""
    text = error.text(current_viewer().locale) + "\n"
    return Response(text, status=400, mimetype="text/plain", headers=PRIVATE)


def _plan(raw_query: str):
    with current_db().session() as s:
        return plan_export(s, current_viewer(), raw_query, clock.now())


def _query_string() -> str:
    return request.query_string.decode("utf-8", "replace")


def notes_csv() -> Response:
    db, viewer = current_db(), current_viewer()
    try:
        plan = _plan(_query_string())
    except ExportError as error:
        return _refused(error)
    bom = request.args.get("bom") == "1"

    def body():
        if uses_copy(db):
            # PostgreSQL writes the CSV itself (COPY of the SQL-shaped query): we relay it.
            stream = CopyStream(db, plan)
            source = stream.chunks(bom=bom)
        else:
            rows = Counted(stream_rows(db, plan))
            source = csv_chunks(plan, rows, bom=bom)
        complete = False
        try:
            yield from source
            complete = True
        finally:
            source.close()  # ends the query at once when the client goes away
            count = stream.rows if uses_copy(db) else rows.count
            record_export(db, viewer, "csv", plan, count, complete, clock.now())

    headers = {
        **PRIVATE,
        "Content-Disposition": f'attachment; filename="{file_name(plan, "csv")}"',
    }
    return Response(body(), mimetype="text/csv", headers=headers, direct_passthrough=True)


def count_query(s, plan) -> int:
    """How many rows the plan exports: the /notes count (its joins never add rows)."""
    return count_notes(s, plan.viewer, plan.flt, plan.now)


def count_rows(plan) -> int:
    with current_db().session() as s:
        return count_query(s, plan)


def notes_xlsx() -> Response:
    db, viewer = current_db(), current_viewer()
    try:
        plan = _plan(_query_string())
        if count_rows(plan) > XLSX_MAX_ROWS:
            raise ExportError([_msg("Too many rows for one XLSX sheet: use the CSV export")])
    except ExportError as error:
        return _refused(error)
    with tempfile.TemporaryDirectory(prefix="relance-xlsx-") as tmp:
        path = Path(tmp) / "export.xlsx"
        rows = write_xlsx(plan, stream_rows(db, plan), path)
        # Opened before the directory goes: the open file outlives its name (POSIX).
        handle = path.open("rb")
    record_export(db, viewer, "xlsx", plan, rows, True, clock.now())
    response = send_file(
        handle,
        mimetype=XLSX_TYPE,
        as_attachment=True,
        download_name=file_name(plan, "xlsx"),
    )
    response.headers.update(PRIVATE)
    return response


def job_file(job_id: int) -> Response:
    viewer = current_viewer()
    with current_db().session() as s:
        job = job_of(s, viewer, job_id)
    if job is None:
        return Response(
            translate("Not allowed", viewer.locale) + "\n", status=403, mimetype="text/plain"
        )
    if job.status != DONE:
        abort(404)
    path = stored_path(export_dir(), job.id, job.format)
    if not path.exists():
        abort(404)
    mimetype = XLSX_TYPE if job.format == "xlsx" else "text/csv"
    response = send_file(path, mimetype=mimetype, as_attachment=True, download_name=job.file_name)
    response.headers.update(PRIVATE)
    return response


def register(server: Flask) -> None:
    server.add_url_rule("/export/notes.csv", "export_notes_csv", notes_csv)
    server.add_url_rule("/export/notes.xlsx", "export_notes_xlsx", notes_xlsx)
    server.add_url_rule("/export/jobs/<int:job_id>", "export_job_file", job_file)
