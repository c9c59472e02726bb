"""File routes: /export/notes.csv|.xlsx, the files of export jobs, and each analytics
chart's CSV (/export/analytics/<chart>.csv).

The guard (web/auth.py) refuses unauthenticated requests (401) before these run; each one
applies the viewer's scope in SQL (data.export.plan_export, data.analytics_selection).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from flask import Blueprint, Response, abort, request, send_file

from data import clock
from data.analytics import CHARTS, chart_data, to_csv
from data.analytics_selection import ROLES, Selection, prepare
from data.errors import InvalidInput, NotAllowed
from data.export import (
    XLSX_MAX_ROWS,
    CopyStream,
    Counted,
    ExportAudit,
    count_query,
    csv_chunks,
    excel_csv_chunks,
    file_name,
    plan_export,
    stream_rows,
    too_many_rows,
    uses_copy,
    write_xlsx,
)
from data.jobs import DONE, job_of, stored_path
from web import refusals
from web.context import PRIVATE_HEADERS, current_db, current_viewer, export_dir

bp = Blueprint("files", __name__)

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _plan(raw_query: str):
    with current_db().session() as s:
        return plan_export(s, current_viewer(), raw_query, clock.now())


def _query_string() -> str:
    return request.query_string.decode("utf-8", "replace")


@bp.route("/export/notes.csv")
def notes_csv() -> Response:
    db, viewer = current_db(), current_viewer()
    try:
        plan = _plan(_query_string())
    except InvalidInput as error:
        return refusals.plain(error)  # 400, no file
    bom = request.args.get("bom") == "1"
    # "CSV Excel": the same rows in the viewer's language and separator, for people.
    excel = request.args.get("excel") == "1"
    audit = ExportAudit.start(db, viewer, "csv-excel" if excel else "csv", plan, clock.now())
    copy = uses_copy(db) and not excel

    def body():
        if excel:
            rows = Counted(stream_rows(db, plan))
            source = excel_csv_chunks(plan, rows, viewer.locale)
        elif copy:
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
            audit.finish(stream.rows if copy else rows.count, complete)

    headers = {
        **PRIVATE_HEADERS,
        "Content-Disposition": f'attachment; filename="{file_name(plan, "csv")}"',
    }
    return Response(body(), mimetype="text/csv", headers=headers, direct_passthrough=True)


def count_rows(plan) -> int:
    with current_db().session() as s:
        return count_query(s, plan)


@bp.route("/export/notes.xlsx")
def notes_xlsx() -> Response:
    db, viewer = current_db(), current_viewer()
    try:
        plan = _plan(_query_string())
        if count_rows(plan) > XLSX_MAX_ROWS:
            raise too_many_rows()
    except InvalidInput as error:
        return refusals.plain(error)  # 400, no file
    audit = ExportAudit.start(db, viewer, "xlsx", plan, clock.now())
    with tempfile.TemporaryDirectory(prefix="relance-xlsx-") as tmp:
        path = Path(tmp) / "export.xlsx"
        rows = write_xlsx(plan, stream_rows(db, plan), path)
        # Opened before the directory goes: the open file outlives its name (POSIX).
        handle = path.open("rb")
    audit.finish(rows, True)
    response = send_file(
        handle,
        mimetype=XLSX_TYPE,
        as_attachment=True,
        download_name=file_name(plan, "xlsx"),
    )
    response.headers.update(PRIVATE_HEADERS)
    return response


@bp.route("/export/jobs/<int:job_id>")
def job_file(job_id: int) -> Response:
    viewer = current_viewer()
    with current_db().session() as s:
        job = job_of(s, viewer, job_id)
    if job is None:
        return refusals.plain(NotAllowed())
    if job.status != DONE:
        abort(404)
    path = stored_path(export_dir(), job.id, job.format)
    if not path.exists():
        abort(404)
    mimetype = XLSX_TYPE if job.format == "xlsx" else "text/csv"
    response = send_file(path, mimetype=mimetype, as_attachment=True, download_name=job.file_name)
    response.headers.update(PRIVATE_HEADERS)
    return response


@bp.route("/export/analytics/<chart>.csv")
def analytics_csv(chart: str) -> Response:
    """The aggregated rows one chart draws, as CSV; 403 outside the scope, 400 bad input."""
    if chart not in CHARTS:
        abort(404)
    viewer, now = current_viewer(), clock.now()
    if viewer.role not in ROLES:
        return refusals.plain(NotAllowed())
    try:
        selection = Selection.parse(request.args, clock.today_in(viewer.time_zone))
        with current_db().session() as s:
            view = prepare(s, viewer, selection, now)
            frame = chart_data(s, view, chart)
    except (NotAllowed, InvalidInput) as refused:
        return refusals.plain(refused)
    period = view.period
    name = f"analytics-{chart}-{period.first.isoformat()}-{period.last.isoformat()}.csv"
    headers = {**PRIVATE_HEADERS, "Content-Disposition": f'attachment; filename="{name}"'}
    return Response(to_csv(frame), mimetype="text/csv", headers=headers)
