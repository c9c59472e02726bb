"""Exports from the pages a user clicks them on: /notes (the current filter) and My day
(my open tasks). The file is fetched with the browser's own session, as the click would."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.wait import WebDriverWait

from callbacks import exports as export_callbacks
from tests.browser import test_notes_page as notes_page
from tests.browser.test_notes_page import (
    MARIE_DEFAULT_TOTAL,
    MARIE_OVERDUE,
    on_notes,
    wait_for_total,
)

# The /notes stories' fixtures: the arranged office, a browser on it, its grid.
world, browser, grid = notes_page.world, notes_page.browser, notes_page.grid
scenario, settings = notes_page.scenario, notes_page.settings


def fetch(browser, href: str) -> requests.Response:
    """GET `href` with the browser's cookies (its signed-in session)."""
    cookies = {c["name"]: c["value"] for c in browser.driver.get_cookies()}
    return requests.get(browser.base_url + href, cookies=cookies, timeout=10)


def csv_rows(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def href(browser, element_id: str) -> str:
    value = browser.driver.find_element("id", element_id).get_attribute("href")
    return value.removeprefix(browser.base_url)


def test_the_export_links_follow_the_filter_and_hold_the_grids_rows(browser, grid, scenario):
    on_notes(browser, scenario.people["marie"])
    wait_for_total(browser, MARIE_DEFAULT_TOTAL)
    assert href(browser, "export-csv") == "/export/notes.csv"
    shown = set(grid.rows())
    exported = csv_rows(fetch(browser, href(browser, "export-csv")))
    assert {int(row["id"]) for row in exported} == shown
    assert len(exported) == MARIE_DEFAULT_TOTAL

    browser.click("overdue-show")
    wait_for_total(browser, MARIE_OVERDUE)
    assert href(browser, "export-csv") == "/export/notes.csv?overdue=1"
    assert href(browser, "export-csv-excel") == "/export/notes.csv?overdue=1&bom=1"
    assert href(browser, "export-xlsx") == "/export/notes.xlsx?overdue=1"
    overdue = csv_rows(fetch(browser, href(browser, "export-csv")))
    assert {row["state"] for row in overdue} == {"overdue"}
    assert {int(row["id"]) for row in overdue} == set(grid.rows())
    excel = fetch(browser, href(browser, "export-csv-excel"))
    assert excel.content.startswith(b"\xef\xbb\xbfid,customer,")
    assert browser.no_severe_logs()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_my_day_exports_my_open_tasks(browser, scenario, fmt):
    paul = scenario.people["paul"]
    browser.open("/")
    browser.login(paul.email, "secret-pw")
    browser.wait_for_path("/")
    browser.duo.wait_for_element(f"#export-my-tasks-{fmt}")
    response = fetch(browser, href(browser, f"export-my-tasks-{fmt}"))
    assert response.status_code == 200
    if fmt == "xlsx":
        assert response.headers["Content-Type"].startswith("application/vnd.openxmlformats")
        return
    rows = csv_rows(response)
    assert len(rows) == 6  # Paul's open tasks: 3 overdue, 2 today, 1 on Wednesday
    assert {row["assignee_email"] for row in rows} == {paul.email}
    assert "completed" not in {row["state"] for row in rows}


def test_a_large_xlsx_is_prepared_in_the_background_with_a_link_when_ready(
    browser, scenario, monkeypatch
):
    # "Large" is 3 rows here, so that Marie's 11 notes take the background path.
    monkeypatch.setattr(export_callbacks, "JOB_THRESHOLD", 3)
    on_notes(browser, scenario.people["marie"])
    wait_for_total(browser, MARIE_DEFAULT_TOTAL)
    WebDriverWait(browser.driver, 10).until(
        lambda _driver: (
            browser.driver.find_element("id", "export-xlsx").get_attribute("href") is None
        ),
        message="the XLSX button still downloads directly",
    )
    browser.click("export-xlsx")
    link = WebDriverWait(browser.driver, 20).until(
        EC.element_to_be_clickable((By.ID, "export-job-link")),
        message="the download link never appeared",
    )
    assert link.text == "Télécharger relance-notes-2026-11-23.xlsx"
    response = fetch(browser, link.get_attribute("href").removeprefix(browser.base_url))
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == MARIE_DEFAULT_TOTAL + 1
    assert browser.no_severe_logs()
