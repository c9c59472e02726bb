"""The XLSX of an export, written by xlsxwriter in constant memory into a file."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import xlsxwriter

from data.clock import zone
from data.export.csv_writer import neutralise
from data.export.plan import XLSX_MAX_ROWS, ExportPlan, too_many_rows


def write_xlsx(
    plan: ExportPlan,
    rows: Iterable[tuple],
    path: Path,
    progress: Callable[[int], None] | None = None,
    every: int = 10_000,
) -> int:
    """Write the XLSX into `path` in constant memory; returns the number of rows."""
    tz = zone(plan.viewer.time_zone)
    dates = set(plan.date_positions)
    workbook = xlsxwriter.Workbook(
        str(path), {"constant_memory": True, "tmpdir": str(path.parent), "in_memory": False}
    )
    try:
        sheet = workbook.add_worksheet("Notes")
        head = workbook.add_format(
            {"bold": True, "font_color": "#FFFFFF", "bg_color": "#212529", "border": 1}
        )
        when = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"})
        widths = {"body": 60, "customer": 28, "assignee_email": 26, "author": 18, "assignee": 18}
        for i, name in enumerate(plan.header):
            if i in dates:
                sheet.set_column(i, i, 17, when)
            else:
                sheet.set_column(i, i, widths.get(name, 12))
        sheet.write_row(0, 0, plan.header, head)
        sheet.freeze_panes(1, 0)
        n = 0
        for n, row in enumerate(rows, start=1):
            if n > XLSX_MAX_ROWS:
                raise too_many_rows()
            sheet.write_number(n, 0, row[0])
            for i in range(1, len(row)):
                value = row[i]
                if value is None:
                    continue
                if i in dates:
                    # Excel has no time zones: the viewer's wall-clock time, as a real date.
                    sheet.write_datetime(n, i, value.astimezone(tz).replace(tzinfo=None), when)
                else:
                    sheet.write_string(n, i, neutralise(str(value)))
            if progress and n % every == 0:
                progress(n)
        sheet.autofilter(0, 0, max(n, 1), len(plan.header) - 1)
    finally:
        workbook.close()
    return n
