"""Export buttons on /notes: hrefs that follow the filter, and large XLSX as background jobs."""

from __future__ import annotations

from dash import Dash, Input, Output, State, html, no_update

from components import ids
from components.exports import job_status
from components.i18n import _
from data import clock
from data.errors import InvalidInput
from data.export import JOB_THRESHOLD, count_query, plan_export
from data.jobs import DONE, FAILED, enqueue_export, job_of
from jobs.exports import start_in_background
from web.context import current_db, current_viewer, export_dir


def export_hrefs(query: str | None) -> tuple[str, str, str]:
    query = (query or "").lstrip("?")
    tail = "?" + query if query else ""
    excel = "?" + "&".join(p for p in (query, "bom=1") if p)
    return f"/export/notes.csv{tail}", f"/export/notes.csv{excel}", f"/export/notes.xlsx{tail}"


def _total(text) -> int:
    return int(text) if str(text or "").isdigit() else 0


def register(app: Dash) -> None:
    @app.callback(
        Output(ids.EXPORT_CSV, "href"),
        Output(ids.EXPORT_CSV_EXCEL, "href"),
        Output(ids.EXPORT_XLSX, "href"),
        Output(ids.EXPORT_XLSX, "title"),
        Input(ids.NOTES_QUERY, "data"),
        Input(ids.NOTES_TOTAL, "children"),
    )
    def hrefs(query, total):
        csv_href, excel_href, xlsx_href = export_hrefs(query)
        if _total(total) > JOB_THRESHOLD:
            # Too large to wait for: the click queues a job (below) instead of a download.
            title = _("More than {n} rows: the XLSX is prepared in the background", n=JOB_THRESHOLD)
            return csv_href, excel_href, None, title
        return (
            csv_href,
            excel_href,
            xlsx_href,
            _("Download the notes of this filter as an Excel workbook"),
        )

    @app.callback(
        Output(ids.EXPORT_JOB_ID, "data"),
        Output(ids.EXPORT_JOB, "children"),
        Output(ids.EXPORT_JOB_TICK, "disabled"),
        Input(ids.EXPORT_XLSX, "n_clicks"),
        State(ids.NOTES_QUERY, "data"),
        State(ids.NOTES_TOTAL, "children"),
        prevent_initial_call=True,
    )
    def queue_large_xlsx(clicks, query, total):
        if not clicks or _total(total) <= JOB_THRESHOLD:
            return no_update, no_update, no_update  # the link downloads it directly
        viewer, db, now = current_viewer(), current_db(), clock.now()
        try:
            with db.session() as s:
                plan = plan_export(s, viewer, query or "", now)
                rows = count_query(s, plan)
                job_id = enqueue_export(s, viewer, "xlsx", query or "", rows, now)
        except InvalidInput as error:
            return no_update, html.Div(error.text(viewer.locale), className="text-danger"), True
        start_in_background(db, job_id, export_dir())
        with db.session() as s:
            job = job_of(s, viewer, job_id)
        return job_id, job_status(job), False

    @app.callback(
        Output(ids.EXPORT_JOB, "children", allow_duplicate=True),
        Output(ids.EXPORT_JOB_TICK, "disabled", allow_duplicate=True),
        Input(ids.EXPORT_JOB_TICK, "n_intervals"),
        State(ids.EXPORT_JOB_ID, "data"),
        prevent_initial_call=True,
    )
    def job_progress(_tick, job_id):
        if not job_id:
            return no_update, True
        with current_db().session() as s:
            job = job_of(s, current_viewer(), int(job_id))
        if job is None:
            return html.Div(_("Not allowed"), className="text-danger"), True
        return job_status(job), job.status in (DONE, FAILED)
