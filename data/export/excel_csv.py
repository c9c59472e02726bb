"""The "CSV Excel" of an export: the plain CSV's rows in the viewer's language, the way a
spreadsheet of that locale opens them by a double click.

The plain CSV is for scripts and keeps the contract's columns (DESIGN.md section 5). This
one is for people: column titles and state names translated, the locale's list separator
(";" where the decimal sign is a comma, as Excel itself decides), decimal commas, dates as
the locale writes them in the viewer's zone, and a byte order mark so Excel reads UTF-8.
Cells a spreadsheet would run as formulas are neutralised as in the plain CSV.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from decimal import Decimal

from babel.numbers import get_decimal_symbol

from data.clock import zone
from data.export.csv_writer import neutralise
from data.export.plan import BOM, CHUNK_BYTES, ExportPlan
from data.i18n import N_, format_decimal_cell, normalise_locale, translate
from data.states import STATE_LABELS

# The column titles people read; variable columns keep their own names.
TITLES = {
    "id": N_("No."),
    "customer": N_("Customer"),
    "customer_code": N_("Customer code"),
    "body": N_("Note"),
    "status": N_("Status"),
    "action": N_("Action"),
    "category": N_("Category"),
    "assignee": N_("Assigned to"),
    "assignee_email": N_("Assignee's e-mail"),
    "due_at": N_("Follow-up date"),
    "state": N_("State"),
    "created_at": N_("Created at"),
    "author": N_("Author"),
    "completed_at": N_("Completed at"),
}
# Dates and times a spreadsheet of the locale reads as dates (not ISO 8601 with an offset);
# digits only, so strftime writes them (Babel's formatter costs ~10 µs a cell).
DATE_TIME_PATTERNS = {"fr": "%d/%m/%Y %H:%M", "en": "%Y-%m-%d %H:%M"}


def separator(locale: str | None) -> str:
    """Excel's list separator for a locale: ";" where the decimal sign is a comma."""
    return ";" if get_decimal_symbol(normalise_locale(locale)) == "," else ","


def excel_header(plan: ExportPlan, locale: str | None) -> list[str]:
    return [translate(TITLES[name], locale) if name in TITLES else name for name in plan.header]


def excel_cells(plan: ExportPlan, locale: str | None) -> Callable[[tuple], list]:
    """A function shaping one row into the cells of the locale's spreadsheet."""
    locale = normalise_locale(locale)
    tz, pattern = zone(plan.viewer.time_zone), DATE_TIME_PATTERNS[locale]
    dates = set(plan.date_positions)
    state = plan.header.index("state") if "state" in plan.header else None
    states = {key: translate(label, locale) for key, label in STATE_LABELS.items()}

    def cell(i: int, value):
        if value is None:
            return None
        if i in dates:
            return value.astimezone(tz).strftime(pattern)
        if i == state:
            return states.get(value, value)
        if isinstance(value, int):
            return value
        if isinstance(value, float | Decimal):
            return format_decimal_cell(value, locale)
        if isinstance(value, datetime):
            return value.astimezone(tz).strftime(pattern)
        return neutralise(str(value))

    return lambda row: [cell(i, value) for i, value in enumerate(row)]


def excel_csv_chunks(
    plan: ExportPlan, rows: Iterable[tuple], locale: str | None
) -> Iterator[bytes]:
    """The CSV for the locale's spreadsheet as UTF-8 byte chunks, the BOM and header first."""
    buffer = io.StringIO()
    # "\r\n" as Excel writes it; cells holding a line break or the separator are quoted.
    writer = csv.writer(buffer, delimiter=separator(locale), lineterminator="\r\n")
    buffer.write(BOM)
    writer.writerow(excel_header(plan, locale))
    yield buffer.getvalue().encode()
    buffer.seek(0)
    buffer.truncate()
    cells = excel_cells(plan, locale)
    for row in rows:
        writer.writerow(cells(row))
        if buffer.tell() >= CHUNK_BYTES:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue().encode()
