"""Exports of /notes: the same scope, filter and order, as CSV or XLSX, streamed from SQL.

Rows come from a server-side cursor in blocks, so a million-row export holds one block in
memory at a time. The CSV leaves while the query runs; the XLSX is written by xlsxwriter in
constant-memory mode into a temporary file and sent when complete (large ones are built by
the job runner, see jobs/exports.py). Every export is recorded in the audit (who, when,
filter, format, rows).

plan.py         what an export reads (scope, filter, header, both queries), its file name,
                its count and its audit row (written at the start, completed at the end);
                the refusals (data.errors.InvalidInput)
csv_writer.py   the CSV written in Python from the rows, formulas neutralised
copy_stream.py  the CSV as PostgreSQL's COPY writes it from the plan's text query
excel_csv.py    the "CSV Excel": the same rows in the viewer's language and spreadsheet habits
xlsx_writer.py  the XLSX, in constant memory
"""

from data.export.copy_stream import CopyStream, uses_copy
from data.export.csv_writer import (
    Counted,
    csv_cells,
    csv_chunks,
    header_chunk,
    neutralise,
    stream_rows,
)
from data.export.excel_csv import excel_csv_chunks, separator
from data.export.plan import (
    BLOCK,
    BOM,
    CHUNK_BYTES,
    DATE_COLUMNS,
    FORMATS,
    FORMULA_STARTS,
    HEADER,
    ISO_PG,
    JOB_THRESHOLD,
    XLSX_MAX_ROWS,
    ExportAudit,
    ExportPlan,
    count_query,
    file_name,
    plan_export,
    too_many_rows,
)
from data.export.xlsx_writer import write_xlsx

__all__ = [
    "BLOCK",
    "BOM",
    "CHUNK_BYTES",
    "DATE_COLUMNS",
    "FORMATS",
    "FORMULA_STARTS",
    "HEADER",
    "ISO_PG",
    "JOB_THRESHOLD",
    "XLSX_MAX_ROWS",
    "CopyStream",
    "Counted",
    "too_many_rows",
    "ExportAudit",
    "ExportPlan",
    "count_query",
    "csv_cells",
    "csv_chunks",
    "excel_csv_chunks",
    "file_name",
    "header_chunk",
    "neutralise",
    "plan_export",
    "separator",
    "stream_rows",
    "uses_copy",
    "write_xlsx",
]
