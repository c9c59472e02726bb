"""Exports from the pages a user clicks them on: /notes (the current filter) and My day
(my open tasks). The file is fetched with the browser's own session, as the click would."""

from __future__ import annotations

import csv
import io
import re

import openpyxl
import pytest

from callbacks import exports as export_callbacks
from tests.browser.office import MARIE_DEFAULT_TOTAL, MARIE_OVERDUE


def csv_rows(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_export_links_follow_the_filter_and_hold_the_grids_rows(browser, notes, scenario):
    notes.open_as(scenario.people["marie"].email)
    notes.wait_for_total(MARIE_DEFAULT_TOTAL)
    assert notes.exports.link("csv") == "/export/notes.csv"
    shown = set(notes.grid.rows())
    exported = csv_rows(browser.download(notes.exports.link("csv")))
    assert {int(row["id"]) for row in exported} == shown
    assert len(exported) == MARIE_DEFAULT_TOTAL

    notes.show_overdue()
    notes.wait_for_total(MARIE_OVERDUE)
    assert notes.exports.link("csv") == "/export/notes.csv?overdue=1"
    assert notes.exports.link("csv-excel") == "/export/notes.csv?overdue=1&excel=1"
    assert notes.exports.link("xlsx") == "/export/notes.xlsx?overdue=1"
    overdue = csv_rows(browser.download(notes.exports.link("csv")))
    assert {row["state"] for row in overdue} == {"overdue"}
    assert {int(row["id"]) for row in overdue} == set(notes.grid.rows())
    assert browser.no_severe_logs()


def test_csv_excel_speaks_the_french_users_spreadsheet(browser, notes, scenario):
    """Marie is French: her "CSV Excel" has semicolons, French titles and states, French
    dates and a byte order mark; the plain CSV beside it keeps the contract's columns."""
    notes.open_as(scenario.people["marie"].email)
    notes.show_overdue()
    notes.wait_for_total(MARIE_OVERDUE)
    excel = browser.download(notes.exports.link("csv-excel"))
    assert excel.content.startswith("\ufeffN°;Client;Code client;Note;".encode())
    rows = list(csv.DictReader(io.StringIO(excel.content.decode("utf-8-sig")), delimiter=";"))
    assert {int(row["N°"]) for row in rows} == set(notes.grid.rows())
    assert {row["État"] for row in rows} == {"en retard"}
    assert all(re.fullmatch(r"\d\d/\d\d/2026 \d\d:\d\d", row["Date de relance"]) for row in rows)
    plain = browser.download(notes.exports.link("csv"))
    assert plain.content.startswith(b"id,customer,customer_code,body,")
    assert browser.no_severe_logs()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_my_day_exports_my_open_tasks(browser, my_day, scenario, fmt):
    paul = scenario.people["paul"]
    my_day.open_as(paul.email)
    response = browser.download(my_day.export_link(fmt))
    assert response.status_code == 200
    if fmt == "xlsx":
        assert response.headers["Content-Type"].startswith("application/vnd.openxmlformats")
        return
    rows = csv_rows(response)
    assert len(rows) == 6  # Paul's open tasks: 3 overdue, 2 today, 1 on Wednesday
    assert {row["assignee_email"] for row in rows} == {paul.email}
    assert "completed" not in {row["state"] for row in rows}


def test_a_large_xlsx_is_prepared_in_the_background_with_a_link_when_ready(
    browser, notes, scenario, monkeypatch
):
    # "Large" is 3 rows here, so that Marie's 11 notes take the background path.
    monkeypatch.setattr(export_callbacks, "JOB_THRESHOLD", 3)
    notes.open_as(scenario.people["marie"].email)
    notes.wait_for_total(MARIE_DEFAULT_TOTAL)
    notes.exports.wait_until_prepared_in_background()
    link = notes.exports.prepare_xlsx()
    assert link.text == "Télécharger relance-notes-2026-11-23.xlsx"
    response = browser.download(link.get_attribute("href").removeprefix(browser.base_url))
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == MARIE_DEFAULT_TOTAL + 1
    assert browser.no_severe_logs()
