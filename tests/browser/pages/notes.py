"""/notes: the total, the filter panel and its URL, the overdue section, the grid, the note
form, the bulk bar and the exports."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.wait import WebDriverWait

from components import ids
from tests.browser.pages.base import Browser, Page
from tests.browser.pages.bulk import BulkBar
from tests.browser.pages.grid import Grid
from tests.browser.pages.note_form import NoteForm

# The filter panel's fields by the name a user gives them.
FILTERS = {
    "status": ids.FILTER_STATUS,
    "rep": ids.FILTER_REP,
    "overdue": ids.FILTER_OVERDUE,
    "counter": ids.FILTER_COUNTER,
}
EXPORTS = {"csv": ids.EXPORT_CSV, "csv-excel": ids.EXPORT_CSV_EXCEL, "xlsx": ids.EXPORT_XLSX}
EXPORT_JOB_LINK = "export-job-link"  # the background export's download link, once ready


class FilterPanel:
    def __init__(self, browser: Browser) -> None:
        self.browser = browser

    def wait_for_lists(self, statuses: int, timeout: float = 10) -> None:
        """Until the panel's status list has arrived from the server (all `statuses`)."""
        self.browser.wait_until(
            lambda: len(self.browser.prop(ids.FILTER_STATUS, "options") or []) == statuses,
            "the filter lists never loaded",
            timeout,
        )

    def choose(self, name: str, label: str) -> None:
        self.browser.choose(FILTERS[name], label)

    def shown(self, name: str) -> str:
        """What a dropdown of the panel shows ('' for its placeholder)."""
        return self.browser.dropdown_text(FILTERS[name])

    def value(self, name: str):
        return self.browser.prop(FILTERS[name], "value")

    def error(self) -> str:
        return self.browser.text(ids.FILTER_ERROR)

    def wait_for_error(self, fragment: str) -> str:
        return self.browser.wait_for_text_containing(ids.FILTER_ERROR, fragment)


class Exports:
    """The download buttons: each points at the current filter's file."""

    def __init__(self, browser: Browser) -> None:
        self.browser = browser

    def link(self, name: str) -> str | None:
        """The path a button ('csv', 'csv-excel', 'xlsx') downloads, on this server."""
        return self.browser.link(EXPORTS[name])

    def wait_until_prepared_in_background(self, timeout: float = 10) -> None:
        """Until the XLSX button no longer downloads directly (the export is large)."""
        self.browser.wait_until(
            lambda: self.browser.attribute(EXPORTS["xlsx"], "href") is None,
            "the XLSX button still downloads directly",
            timeout,
        )

    def prepare_xlsx(self, timeout: float = 20):
        """Ask for the XLSX; returns the download link once the file is ready."""
        self.browser.click(EXPORTS["xlsx"])
        return WebDriverWait(self.browser.driver, timeout).until(
            EC.element_to_be_clickable((By.ID, EXPORT_JOB_LINK)),
            message="the download link never appeared",
        )


class NotesPage(Page):
    PATH = "/notes"

    def __init__(self, browser: Browser) -> None:
        super().__init__(browser)
        self.filters = FilterPanel(browser)
        self.grid = Grid(browser)
        self.form = NoteForm(browser)
        self.bulk = BulkBar(browser)
        self.exports = Exports(browser)

    def wait_until_loaded(self) -> None:
        self.wait_for_total()

    def total(self) -> str:
        """The total as the page holds it. Read from the DOM: while the note form is open
        over a page scrolled down, the body's hidden overflow makes Selenium call the
        header hidden and read ''."""
        return self.driver.execute_script(
            "const e = document.getElementById(arguments[0]); return e ? e.textContent : '';",
            ids.NOTES_TOTAL,
        )

    def wait_for_total(self, expected: int | None = None) -> int:
        """Until the total shows digits (the layout starts with '…'), or `expected`."""
        if expected is None:
            self.browser.duo.wait_for_element(f"#{ids.NOTES_TOTAL}")
            self.browser.wait_until(
                lambda: self.total().isdigit(), f"#{ids.NOTES_TOTAL} never showed a number"
            )
        else:
            self.browser.wait_until(
                lambda: self.total() == str(expected),
                f"#{ids.NOTES_TOTAL} never showed {expected}",
            )
        return int(self.total())

    def query(self) -> dict[str, list[str]]:
        """The URL's query string, parsed: the filter as a bookmark holds it."""
        return parse_qs(urlsplit(self.driver.current_url).query)

    def open_note(self, note_id: int) -> None:
        """Click the note's row; returns once the form holds it."""
        self.grid.click(note_id)
        self.form.wait_until_open()
        self.form.wait_for_note(note_id)
        assert self.form.title().endswith(str(note_id))  # "Modifier la note n°5"

    def show_overdue(self) -> None:
        """The overdue section's button: the filter becomes 'overdue'."""
        self.browser.click(ids.OVERDUE_SHOW)

    def wait_for_overdue_section(self, fragment: str) -> str:
        return self.browser.wait_for_text_containing(ids.OVERDUE_LIST, fragment)

    def images_in_overdue_section(self) -> int:
        return self.browser.count(f"#{ids.OVERDUE_LIST} img")
