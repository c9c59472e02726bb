"""/notes filters say what applies and keep what the user gave; a sort is kept by the URL
and the exports.

Marie manages Paul and Lea (11 notes by default, 3 of them "En cours"); Paul is the account
rep of Boulangerie Martin, where a story gives Lea a task he therefore sees.
"""

from __future__ import annotations

import csv
import io
import time
from datetime import timedelta

import openpyxl
from selenium.webdriver.common.action_chains import ActionChains

from components import ids
from data.models import Customer, User
from tests import factories as f
from tests.browser.office import MARIE_DEFAULT_TOTAL
from tests.browser.pages.notes import NotesPage

# Long enough for the filter lists to arrive and the panel to catch up with them.
SETTLE_SECONDS = 1.5


def plain(text: str) -> str:
    """Text as a user reads it: French puts a no-break space before ':' and inside « »."""
    return text.replace("\u00a0", " ")


def csv_ids(response) -> list[int]:
    rows = csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))
    return [int(row["id"]) for row in rows]


def csv_rows(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def xlsx_ids(response) -> list[int]:
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]


def in_progress_of(settings) -> set[int]:
    return {settings.notes[body] for body in settings.by_status["En cours"]}


# -- point 3: filters that silently widen ------------------------------------------------------


def test_unknown_ids_in_the_url_are_named_and_kept_while_the_rest_applies(
    notes, scenario, settings
):
    status_id = settings.statuses["En cours"]
    query = f"?rep=12345&status=999&status={status_id}"
    notes.open_as(scenario.people["marie"].email, query=query)
    notes.filters.wait_for_lists(len(settings.statuses))
    in_progress = in_progress_of(settings)
    notes.wait_for_total(len(in_progress))
    notes.grid.wait_for_rows(in_progress)

    time.sleep(SETTLE_SECONDS)  # the panel has its lists: nothing widened in the meantime
    error = plain(notes.filters.error())
    assert "Assignée à : personne inconnue (12345)" in error
    assert "Statut : statut inconnu (999)" in error
    assert notes.browser.path == NotesPage.PATH + query
    assert notes.filters.shown("status") == "En cours"  # what applies
    assert notes.filters.shown("rep") == ""
    assert notes.total() == str(len(in_progress))
    assert set(notes.grid.rows()) == in_progress

    # The user changes the filter: the URL holds the new one, the message goes.
    notes.show_overdue()
    notes.wait_for_total(1)  # "Paul: relancer le devis de mars", overdue and "En cours"
    notes.browser.wait_until(
        lambda: notes.query() == {"status": [str(status_id)], "overdue": ["1"]},
        "the URL never took the user's new filter",
    )
    notes.browser.wait_until(lambda: notes.filters.error() == "", "the message stayed")
    assert notes.browser.no_severe_logs()


def test_a_rep_filters_on_a_colleague_whose_task_they_see_and_the_export_agrees(
    browser, notes, world, scenario, settings
):
    lea_id = settings.users["lea@test.relance"]
    with world.session() as s:
        lea, bakery = s.get(User, lea_id), s.get(Customer, settings.customers["Boulangerie Martin"])
        task = f.note(
            s,
            lea,
            "Lea: remplacer Paul chez Martin",
            customer=bakery,
            assignee=lea,
            due_in=timedelta(days=1),
        )
        task_id = task.id
    query = f"?rep={lea_id}"

    notes.open_as(scenario.people["paul"].email, query=query)
    notes.filters.wait_for_lists(len(settings.statuses))
    notes.wait_for_total(1)
    notes.grid.wait_for_rows({task_id})

    time.sleep(SETTLE_SECONDS)
    people = {o["label"] for o in browser.prop(ids.FILTER_REP, "options")}
    assert {"Paul Rep", "Lea Rep"} <= people
    assert not people & {"Omar Other", "Marie Manager"}
    assert notes.filters.shown("rep") == "Lea Rep"
    assert notes.browser.path == NotesPage.PATH + query
    assert notes.filters.error() == ""
    assert set(notes.grid.rows()) == {task_id}
    assert notes.exports.link("csv") == f"/export/notes.csv{query}"
    assert csv_ids(browser.download(notes.exports.link("csv"))) == [task_id]
    assert notes.browser.no_severe_logs()


# -- point 4: the sort ------------------------------------------------------------------------


def test_a_sorted_url_sorts_the_grid_and_its_exports(browser, notes, scenario):
    query = "?sort=-due_at"
    notes.open_as(scenario.people["marie"].email, query=query)
    notes.wait_for_total(MARIE_DEFAULT_TOTAL)
    notes.grid.wait_until(lambda rows: len(rows) == MARIE_DEFAULT_TOTAL, "11 rows")

    assert notes.grid.header_sort("due_at") == "descending"
    assert notes.exports.link("csv") == f"/export/notes.csv{query}"
    assert notes.exports.link("xlsx") == f"/export/notes.xlsx{query}"
    exported = csv_rows(browser.download(notes.exports.link("csv")))
    dated = [row["due_at"] for row in exported if row["due_at"]]
    assert dated == sorted(dated, reverse=True)
    assert [int(row["id"]) for row in exported] == notes.grid.in_order()
    assert xlsx_ids(browser.download(notes.exports.link("xlsx"))) == notes.grid.in_order()
    assert notes.browser.path == NotesPage.PATH + query
    assert notes.browser.no_severe_logs()


def test_a_header_sort_goes_into_the_url_and_the_exports_with_the_due_date_second(
    browser, notes, scenario
):
    notes.open_as(scenario.people["marie"].email)
    notes.wait_for_total(MARIE_DEFAULT_TOTAL)
    notes.grid.wait_until(lambda rows: len(rows) == MARIE_DEFAULT_TOTAL, "11 rows")
    assert notes.grid.header_sort("due_at") == "ascending"
    ticked = next(iter(notes.grid.rows()))
    notes.grid.tick(ticked)
    notes.grid.wait_for_ticked({ticked}, "the row never got ticked")

    notes.grid.sort_by("customer")

    browser.wait_until(lambda: notes.query().get("sort") == ["customer"], "no sort in the URL")
    assert notes.grid.header_sort("customer") == "ascending"
    assert notes.grid.header_sort("due_at") is None
    browser.wait_until(
        lambda: notes.exports.link("csv") == "/export/notes.csv?sort=customer",
        "the export link lost the sort",
    )
    exported = csv_rows(browser.download(notes.exports.link("csv")))
    # Each customer's notes by follow-up date, the undated last.
    keys = [(row["customer"] or "\uffff", row["due_at"] or "\uffff") for row in exported]
    assert keys == sorted(keys)
    order = [int(row["id"]) for row in exported]
    notes.grid.wait_until(lambda _rows: notes.grid.in_order() == order, "grid and CSV differ")
    assert notes.grid.ticked() == {ticked}  # a new order is not a new selection

    notes.grid.sort_by("customer")  # again: descending
    browser.wait_until(lambda: notes.query().get("sort") == ["-customer"], "not descending")
    browser.reload()
    notes.wait_for_total(MARIE_DEFAULT_TOTAL)
    notes.grid.wait_until(lambda rows: len(rows) == MARIE_DEFAULT_TOTAL, "11 rows")
    assert notes.grid.header_sort("customer") == "descending"
    exported = csv_ids(browser.download(notes.exports.link("csv")))
    notes.grid.wait_until(lambda _rows: notes.grid.in_order() == exported, "grid and CSV differ")
    assert notes.browser.no_severe_logs()


# -- smaller things -------------------------------------------------------------------------


def test_the_date_range_keeps_its_chevron_on_the_line_of_its_dates(browser, notes, scenario):
    notes.open_as(scenario.people["marie"].email, query="?from=2026-11-01&to=2026-11-30")
    notes.wait_for_total()
    for width in (1600, 1280, 390):
        browser.driver.set_window_size(width, 1000)
        start = browser.element(ids.FILTER_DATE_RANGE).rect
        wrapper = f"#{ids.FILTER_DATE_RANGE}-wrapper"
        for part in (".dash-datepicker-caret-icon", ".dash-datepicker-range-arrow"):
            shown = browser.find(f"{wrapper} {part}").rect
            middle = shown["y"] + shown["height"] / 2
            assert start["y"] <= middle <= start["y"] + start["height"], (width, part)
        end = browser.element(f"{ids.FILTER_DATE_RANGE}-end-date").rect
        assert abs(end["y"] - start["y"]) < 2, width
    assert browser.no_severe_logs()


def test_hovering_a_customer_shows_no_stray_code_over_the_rows(browser, notes, scenario):
    notes.open_as(scenario.people["marie"].email)
    notes.wait_for_total(MARIE_DEFAULT_TOTAL)
    rows = notes.grid.wait_until(lambda rows: len(rows) == MARIE_DEFAULT_TOTAL, "11 rows")
    cell = browser.find(
        f"#{ids.NOTES_GRID} .ag-center-cols-container .ag-row[row-id='{next(iter(rows))}'] "
        ".ag-cell[col-id='customer']"
    )
    ActionChains(browser.driver).move_to_element(cell).perform()
    time.sleep(1.2)  # past the grid's tooltip delay
    assert browser.count(".ag-tooltip") == 0, browser.find(".ag-tooltip").text
    assert browser.no_severe_logs()
