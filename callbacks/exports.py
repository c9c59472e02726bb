"""Export buttons on /notes: hrefs that follow the filter, and large XLSX as background jobs.

Whether an XLSX is "large" is the server's count of the filter, never the badge's text:
the /notes totals (callbacks/notes.py) shape the XLSX link with `xlsx_link`, and a click
counts again before it queues a job.
"""

from __future__ import annotations

from dash import Input, Output, State, html, no_update

from callbacks.common import shown_count
from callbacks.refusals import refusal_text
from callbacks.registry import callback
from components import ids
from components.exports import file_hrefs, job_status
from components.i18n import _, n_
from data import clock
from data.errors import InvalidInput, NotAllowed
from data.export import JOB_THRESHOLD, count_query, plan_export
from data.filters import NoteFilter
from data.jobs import DONE, FAILED, enqueue_export, job_of
from data.notes import count_notes
from jobs.exports import start_in_background
from web.context import current_db, current_viewer, export_dir

UNCHANGED = dict(job_id=no_update, status=no_update, stopped=no_update)


def xlsx_link(query: str | None, total: int) -> dict:
    """The XLSX button for a filter of `total` rows: a direct download, or (too large to
    wait for) no href, so that a click queues a job instead."""
    if total > JOB_THRESHOLD:
        title = n_(
            "More than {n} row: the XLSX is prepared in the background",
            "More than {n} rows: the XLSX is prepared in the background",
            JOB_THRESHOLD,
        )
        return dict(xlsx_href=None, xlsx_title=title)
    return dict(
        xlsx_href=file_hrefs(query)["xlsx"],
        xlsx_title=_("Download the notes of this filter as an Excel workbook"),
    )


def exported_query(query: str | None, checked: str | None) -> str:
    """What the export buttons download: the filter that applies (the grid's rows), in the
    order the URL asks (the grid's header sort)."""
    return NoteFilter.from_query(checked).with_sort_of(query).to_query()


@callback(
    output=dict(
        csv=Output(ids.EXPORT_CSV, "href"),
        csv_excel=Output(ids.EXPORT_CSV_EXCEL, "href"),
        xlsx_href=Output(ids.EXPORT_XLSX, "href"),
        xlsx_title=Output(ids.EXPORT_XLSX, "title"),
    ),
    inputs=dict(
        query=Input(ids.NOTES_QUERY, "data"),
        checked=Input(ids.NOTES_FILTER, "data"),
        total=Input(ids.NOTES_TOTAL, "children"),
    ),
)
def export_hrefs(query, checked, total):
    exported = exported_query(query, checked)
    hrefs = file_hrefs(exported)
    count = shown_count(total) or 0
    return dict(csv=hrefs["csv"], csv_excel=hrefs["csv_excel"], **xlsx_link(exported, count))


@callback(
    output=dict(
        job_id=Output(ids.EXPORT_JOB_ID, "data"),
        status=Output(ids.EXPORT_JOB, "children"),
        stopped=Output(ids.EXPORT_JOB_TICK, "disabled"),
    ),
    inputs=dict(clicks=Input(ids.EXPORT_XLSX, "n_clicks")),
    state=dict(query=State(ids.NOTES_QUERY, "data"), checked=State(ids.NOTES_FILTER, "data")),
    prevent_initial_call=True,
)
def queue_large_xlsx(clicks, query, checked):
    viewer, db, now = current_viewer(), current_db(), clock.now()
    try:
        with db.session() as s:
            rows = count_notes(s, viewer, NoteFilter.from_query(checked), now) if clicks else 0
            if rows <= JOB_THRESHOLD:
                return UNCHANGED  # the link downloads it directly
            # The job's own request: the query is checked like the export route checks it.
            exported = exported_query(query, checked)
            plan = plan_export(s, viewer, exported, now)
            job_id = enqueue_export(s, viewer, "xlsx", exported, count_query(s, plan), now)
    except InvalidInput as error:
        failed = html.Div(error.text(viewer.locale), className="text-danger")
        return dict(job_id=no_update, status=failed, stopped=True)
    start_in_background(db, job_id, export_dir())
    with db.session() as s:
        return dict(job_id=job_id, status=job_status(job_of(s, viewer, job_id)), stopped=False)


@callback(
    output=dict(
        status=Output(ids.EXPORT_JOB, "children", allow_duplicate=True),
        stopped=Output(ids.EXPORT_JOB_TICK, "disabled", allow_duplicate=True),
    ),
    inputs=dict(_tick=Input(ids.EXPORT_JOB_TICK, "n_intervals")),
    state=dict(job_id=State(ids.EXPORT_JOB_ID, "data")),
    prevent_initial_call=True,
)
def job_progress(_tick, job_id):
    if not job_id:
        return dict(status=no_update, stopped=True)
    with current_db().session() as s:
        job = job_of(s, current_viewer(), job_id)
    if job is None:
        return dict(
            status=html.Div(refusal_text(NotAllowed()), className="text-danger"), stopped=True
        )
    return dict(status=job_status(job), stopped=job.status in (DONE, FAILED))
