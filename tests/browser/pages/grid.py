"""A dash-ag-grid as a user sees it: its rendered rows and cells, a click, a tick."""

from __future__ import annotations

import time

from selenium.common.exceptions import ElementClickInterceptedException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.wait import WebDriverWait

from components import ids
from tests.browser.pages.base import Browser


class Grid:
    """The rows a dash-ag-grid has rendered, read from the DOM (row id = the note id).

    Only the centre container is read (the pinned state column lives in another one), and
    rows still loading (infinite row model) are left out. AG Grid renders only the columns
    in view: `cell` scrolls a column into view through the grid API before reading it.
    """

    ROWS = "#{grid} .ag-center-cols-container .ag-row[row-id]:not(.ag-row-loading)"

    def __init__(self, browser: Browser, grid_id: str = ids.NOTES_GRID) -> None:
        self.browser = browser
        self.driver = browser.driver
        self.grid_id = grid_id

    def rows(self) -> dict[int, str]:
        """Note id -> the text of the row's rendered cells (one snapshot, no stale elements)."""
        pairs = self.driver.execute_script(
            "return Array.from(document.querySelectorAll(arguments[0]))"
            ".map(r => [r.getAttribute('row-id'), r.innerText]);",
            self.ROWS.format(grid=self.grid_id),
        )
        return {int(row_id): text for row_id, text in pairs if row_id.isdigit()}

    def in_order(self) -> list[int]:
        """The rendered rows' note ids, top to bottom (the grid's row index)."""
        pairs = self.driver.execute_script(
            "return Array.from(document.querySelectorAll(arguments[0]))"
            ".map(r => [Number(r.getAttribute('row-index')), r.getAttribute('row-id')]);",
            self.ROWS.format(grid=self.grid_id),
        )
        return [int(row_id) for _index, row_id in sorted(pairs) if row_id.isdigit()]

    def sort_by(self, col_id: str) -> None:
        """Click a column's header, as a user sorts by it (ascending, then descending)."""
        self.show_column(col_id)
        self.browser.find(
            f"#{self.grid_id} .ag-header-cell[col-id='{col_id}'] .ag-header-cell-label"
        ).click()

    def header_sort(self, col_id: str) -> str | None:
        """The arrow a column's header shows: "ascending", "descending" or None."""
        sort = self.browser.find(
            f"#{self.grid_id} .ag-header-cell[col-id='{col_id}']"
        ).get_attribute("aria-sort")
        return sort if sort in ("ascending", "descending") else None

    def wait_for_rows(self, expected: set[int], timeout: float = 10) -> dict[int, str]:
        """Until exactly the notes `expected` are rendered."""
        self.browser.wait_until(
            lambda: set(self.rows()) == set(expected),
            f"grid rows never became {sorted(expected)}",
            timeout,
        )
        return self.rows()

    def wait_until(self, predicate, message: str, timeout: float = 10) -> dict[int, str]:
        """Until `predicate(rows)` holds for the rendered rows."""
        self.browser.wait_until(lambda: predicate(self.rows()), message, timeout)
        return self.rows()

    def _cell_selector(self, row_id: int, col_id: str) -> str:
        return (
            f"#{self.grid_id} .ag-center-cols-container .ag-row[row-id='{row_id}'] "
            f".ag-cell[col-id='{col_id}']"
        )

    def show_column(self, col_id: str) -> None:
        self.driver.execute_script(
            "dash_ag_grid.getApi(arguments[0]).ensureColumnVisible(arguments[1]);",
            self.grid_id,
            col_id,
        )

    def bring_to_middle(self, row_id: int) -> None:
        """Scroll the grid's own viewport to the row: AG Grid renders only the rows in view."""
        self.driver.execute_script(
            "const api = dash_ag_grid.getApi(arguments[0]);"
            "const node = api.getRowNode(String(arguments[1]));"
            "if (node) { api.ensureNodeVisible(node, 'middle'); }",
            self.grid_id,
            row_id,
        )

    def cell(self, row_id: int, col_id: str, timeout: float = 5) -> str:
        """The text of one cell, once it is rendered (scrolled into view first)."""
        self.show_column(col_id)
        self.bring_to_middle(row_id)
        selector = self._cell_selector(row_id, col_id)
        self.browser.wait_until(
            lambda: self.browser.count(selector) == 1,
            f"cell {col_id} of row {row_id} never rendered",
            timeout,
        )
        return self.driver.execute_script(
            "return document.querySelector(arguments[0]).innerText;", selector
        )

    def wait_for_cell(self, row_id: int, col_id: str, text: str, timeout: float = 10) -> None:
        self.browser.wait_until(
            lambda: self.cell(row_id, col_id) == text,
            f"cell {col_id} of row {row_id} never showed {text!r}",
            timeout,
        )

    def click(self, row_id: int, col_id: str = "body") -> None:
        """Click a cell of a row, as a user opens a note."""
        self.show_column(col_id)
        self.bring_to_middle(row_id)
        selector = self._cell_selector(row_id, col_id)
        cell = WebDriverWait(self.driver, 5).until(
            EC.element_to_be_clickable((By.CSS_SELECTOR, selector))
        )
        # The page may scroll (filter panel, bulk bar): bring the row to the middle first.
        self.browser.scroll_to(cell)
        # A scroll of the page or the grid may still be settling: retry a click it intercepts.
        for attempt in range(5):
            try:
                cell.click()
                return
            except ElementClickInterceptedException:
                if attempt == 4:
                    raise
                time.sleep(0.3)
                cell = self.driver.find_element(By.CSS_SELECTOR, selector)

    def tick(self, row_id: int) -> None:
        """Tick a row's checkbox (AG Grid's selection column), as a user picks it."""
        self.bring_to_middle(row_id)
        box = WebDriverWait(self.driver, 5).until(
            EC.element_to_be_clickable(
                (
                    By.CSS_SELECTOR,
                    f"#{self.grid_id} .ag-row[row-id='{row_id}'] "
                    ".ag-selection-checkbox .ag-checkbox-input-wrapper",
                )
            ),
            message=f"row {row_id} has no checkbox",
        )
        self.browser.scroll_to(box)
        box.click()

    def ticked(self) -> set[int]:
        """The note ids the grid reports as selected (its `selectedRows`)."""
        rows = self.browser.prop(self.grid_id, "selectedRows") or []
        return {int(row["id"]) for row in rows}

    def wait_for_ticked(self, expected: set[int], message: str, timeout: float = 5) -> None:
        """Until exactly the rows `expected` are selected."""
        self.browser.wait_until(lambda: self.ticked() == expected, message, timeout)

    def count(self, selector: str) -> int:
        """How many elements match `selector` inside the grid."""
        return self.browser.count(f"#{self.grid_id} {selector}")
