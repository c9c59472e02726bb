"""Export buttons: the /notes filter as CSV or XLSX, and the progress of a background export."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from components import ids
from components.i18n import _, count
from components.widgets import icon_button

POLL_MS = 1500
# A download link styled as a small button (a plain <a href>, so the browser downloads it).
FILE_BUTTON = {
    "color": "outline-secondary",
    "size": "sm",
    "external_link": True,
    "className": "text-nowrap",
}


def file_hrefs(query: str | None) -> dict[str, str]:
    """The /notes exports of a query string: CSV, CSV for Excel (in the viewer's language
    and separator) and XLSX."""
    query = query.lstrip("?") if isinstance(query, str) else ""
    tail = "?" + query if query else ""
    excel = "?" + "&".join(p for p in (query, "excel=1") if p)
    return {
        "csv": f"/export/notes.csv{tail}",
        "csv_excel": f"/export/notes.csv{excel}",
        "xlsx": f"/export/notes.xlsx{tail}",
    }


def file_buttons(csv_id: str, csv_href: str, xlsx_id: str, xlsx_href: str) -> dbc.ButtonGroup:
    """CSV and XLSX download buttons for one query."""
    return dbc.ButtonGroup(
        [
            icon_button("download", "CSV", id=csv_id, href=csv_href, **FILE_BUTTON),
            dbc.Button("XLSX", id=xlsx_id, href=xlsx_href, **FILE_BUTTON),
        ],
        size="sm",
    )


def export_menu() -> html.Div:
    """CSV, CSV for Excel and XLSX of the current filter; hrefs follow the filter."""
    button = FILE_BUTTON
    return html.Div(
        [
            html.Span(_("Export this filter"), className="small text-secondary me-2"),
            dbc.ButtonGroup(
                [
                    icon_button(
                        "download",
                        "CSV",
                        id=ids.EXPORT_CSV,
                        href="/export/notes.csv",
                        title=_("Download the notes of this filter as CSV (UTF-8)"),
                        **button,
                    ),
                    dbc.Button(
                        "CSV Excel",
                        id=ids.EXPORT_CSV_EXCEL,
                        href="/export/notes.csv?excel=1",
                        title=_(
                            "The same notes for a spreadsheet in your language: your separator,"
                            " column titles and dates"
                        ),
                        **button,
                    ),
                    dbc.Button(
                        "XLSX",
                        id=ids.EXPORT_XLSX,
                        href="/export/notes.xlsx",
                        title=_("Download the notes of this filter as an Excel workbook"),
                        n_clicks=0,
                        **button,
                    ),
                ],
                className="me-2",
                size="sm",
            ),
            dcc.Store(id=ids.EXPORT_JOB_ID),
            dcc.Interval(id=ids.EXPORT_JOB_TICK, interval=POLL_MS, disabled=True),
            html.Div(id=ids.EXPORT_JOB, className="small"),
        ],
        className="d-flex align-items-center justify-content-end mb-2",
    )


def job_status(job) -> html.Div:
    """Progress while the job runs, the download link when it is done."""
    if job.status == "done":
        return html.Div(
            [
                html.I(className="bi bi-check-circle-fill text-success me-1"),
                html.A(
                    _("Download {name}", name=job.file_name),
                    href=f"/export/jobs/{job.id}",
                    id="export-job-link",
                ),
                html.Span(f" ({count(job.rows_done)})", className="text-secondary"),
            ]
        )
    if job.status == "failed":
        return html.Div(
            _("The export failed: {error}", error=job.error or ""),
            className="text-danger",
        )
    return html.Div(
        [
            html.Span(_("Preparing the XLSX…"), className="me-2 text-secondary"),
            dbc.Progress(
                value=job.percent,
                label=f"{job.percent} %",
                style={"width": "10rem", "height": "1rem"},
                id="export-job-progress",
            ),
        ],
        className="d-flex align-items-center",
    )
