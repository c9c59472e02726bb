"""A page object for Relance: tests read as a user's steps, Selenium details live here."""

from __future__ import annotations

import os
import time
from pathlib import Path
from urllib.parse import urlsplit

from selenium.common.exceptions import ElementClickInterceptedException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.wait import WebDriverWait

FRENCH_BROWSER = "fr-FR,fr"
ENGLISH_BROWSER = "en-US,en"
# Console noise that says nothing about the app; nothing is filtered today.
IGNORED_LOG_FRAGMENTS: tuple[str, ...] = ()
# Two checkouts can run their browser tests at once, each on its own port.
PORT = int(os.environ.get("RELANCE_TEST_PORT", "8050"))


class RelanceBrowser:
    """Wraps `dash_duo`: signs in through the real /login form and reads "My day"."""

    def __init__(self, dash_duo, app, accept_language: str = FRENCH_BROWSER) -> None:
        self.duo = dash_duo
        self.driver = dash_duo.driver
        # The sign-in page is a Flask route, not Dash: do not wait for the Dash renderer.
        dash_duo.start_server(app, navigate=False, port=PORT)
        self.base_url = dash_duo.server.url.rstrip("/")
        self.set_language(accept_language)

    # -- navigation ---------------------------------------------------------------------
    def set_language(self, accept_language: str) -> None:
        """What the browser sends as Accept-Language (Chromium ignores --lang on Linux)."""
        agent = self.driver.execute_script("return navigator.userAgent")
        self.driver.execute_cdp_cmd(
            "Emulation.setUserAgentOverride",
            {"userAgent": agent, "acceptLanguage": accept_language},
        )

    def open(self, path: str) -> None:
        self.driver.get(self.base_url + path)

    @property
    def path(self) -> str:
        """The current path and query string, e.g. '/login?next=%2F'."""
        parts = urlsplit(self.driver.current_url)
        return parts.path + (f"?{parts.query}" if parts.query else "")

    def wait_for_path(self, prefix: str, timeout: float = 10) -> str:
        """Until the path and query start with `prefix` ('/' alone means exactly the home page)."""
        WebDriverWait(self.driver, timeout).until(
            lambda _driver: self.path == "/" if prefix == "/" else self.path.startswith(prefix),
            message=f"URL never matched {prefix!r}",
        )
        return self.path

    def stays_unset(self, expression: str, seconds: float = 1.0) -> bool:
        """True when the JavaScript `expression` is null/undefined throughout `seconds`."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            value = self.driver.execute_script(f"return {expression}")
            assert value is None, f"{expression} became {value!r}"
            time.sleep(0.1)
        return True

    # -- sign-in ------------------------------------------------------------------------
    def login(self, email: str, password: str) -> None:
        """Fill and submit the real sign-in form; returns once the next page has loaded."""
        if not self.path.startswith("/login"):
            self.open("/login")
        form = self.driver.find_element(By.ID, "login-submit")
        email_input = self.driver.find_element(By.ID, "email")
        email_input.clear()
        email_input.send_keys(email)
        self.driver.find_element(By.ID, "password").send_keys(password)
        form.click()
        WebDriverWait(self.driver, 10).until(EC.staleness_of(form))

    def login_message(self) -> str:
        return self.text("login-message")

    def sign_out(self) -> None:
        """Through the user menu in the navbar, as a user does it."""
        self.driver.execute_script("window.scrollTo(0, 0);")  # the navbar is at the top
        self.driver.find_element(By.CSS_SELECTOR, "#navbar-user .dropdown-toggle").click()
        link = WebDriverWait(self.driver, 5).until(
            EC.element_to_be_clickable((By.ID, "navbar-logout"))
        )
        link.click()
        self.wait_for_path("/login")

    # -- reading the page ---------------------------------------------------------------
    def text(self, element_id: str) -> str:
        return self.driver.find_element(By.ID, element_id).text

    def wait_for_text(self, element_id: str, text: str, timeout: float | None = None) -> None:
        self.duo.wait_for_text_to_equal(f"#{element_id}", text, timeout=timeout)

    def wait_for_my_day(self, timeout: float = 10) -> None:
        """Until both counts show digits (the layout starts with '…')."""
        for count_id in ("myday-overdue-count", "myday-today-count"):
            WebDriverWait(self.driver, timeout).until(
                lambda _driver, cid=count_id: self.text(cid).isdigit(),
                message=f"#{count_id} never showed a number",
            )

    def rows(self, list_id: str) -> dict[int, set[str]]:
        """Task rows of a list: note id -> CSS classes."""
        rows = self.driver.find_elements(By.CSS_SELECTOR, f"#{list_id} .task-row")
        return {
            int(row.get_attribute("data-note-id")): set(row.get_attribute("class").split())
            for row in rows
        }

    def row_text(self, note_id: int) -> str:
        return self.driver.find_element(By.CSS_SELECTOR, f'[data-note-id="{note_id}"]').text

    def page_text(self) -> str:
        return self.driver.find_element(By.TAG_NAME, "body").text

    def count(self, selector: str) -> int:
        """How many elements match now (no implicit wait, unlike find_elements)."""
        return self.driver.execute_script(
            "return document.querySelectorAll(arguments[0]).length", selector
        )

    def screenshot(self, name: str) -> Path | None:
        """Saved under $RELANCE_SCREENSHOTS (e.g. `screenshots`, git-ignored) when it is set."""
        folder = os.environ.get("RELANCE_SCREENSHOTS")
        if not folder:
            return None
        path = Path(folder) / f"{name}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        self.driver.save_screenshot(str(path))
        return path

    # -- Dash components ----------------------------------------------------------------
    def choose(self, dropdown_id: str, label: str, timeout: float = 5) -> None:
        """Open a dcc.Dropdown (Dash 4) and pick the option labelled `label`; a multi
        dropdown stays open after a pick, so it is closed with Escape."""
        self.driver.find_element(By.ID, dropdown_id).click()
        option_xpath = (
            "//*[contains(concat(' ', normalize-space(@class), ' '), ' dash-dropdown-option ')]"
            f"[normalize-space(.)={_xpath_text(label)}]"
        )
        option = WebDriverWait(self.driver, timeout).until(
            EC.element_to_be_clickable((By.XPATH, option_xpath)),
            message=f"#{dropdown_id} has no option {label!r}",
        )
        option.click()
        if self.count(".dash-dropdown-options"):
            self.driver.switch_to.active_element.send_keys(Keys.ESCAPE)
        WebDriverWait(self.driver, timeout).until(
            lambda _driver: self.count(".dash-dropdown-options") == 0,
            message=f"#{dropdown_id} stayed open",
        )

    def dropdown_text(self, dropdown_id: str) -> str:
        """What a dcc.Dropdown shows as its value ('' while it shows its placeholder)."""
        shown = self.driver.find_element(By.ID, f"{dropdown_id}-value")
        if "dash-dropdown-placeholder" in (shown.get_attribute("class") or "").split():
            return ""
        return shown.text

    def set_date(self, input_id: str, iso_day: str) -> None:
        """Fill an <input type=date> with 'YYYY-MM-DD'.

        Typed keys follow the browser's locale format (mm/dd/yyyy under en-US, and a
        six-digit year field swallows the rest), so the value is set the way React
        expects it: through the native setter, then an `input` event.
        """
        self.driver.execute_script(
            """
            const input = document.getElementById(arguments[0]);
            const setter = Object.getOwnPropertyDescriptor(
                HTMLInputElement.prototype, 'value').set;
            setter.call(input, arguments[1]);
            input.dispatchEvent(new Event('input', {bubbles: true}));
            input.dispatchEvent(new Event('change', {bubbles: true}));
            """,
            input_id,
            iso_day,
        )

    def prop(self, component_id: str, name: str):
        """A Dash component's property as the renderer holds it (window.store)."""
        return self.driver.execute_script(
            """
            const state = window.store.getState();
            const path = state.paths.strs[arguments[0]];
            if (!path) { return null; }
            let node = state.layout;
            for (const key of path) { node = node[key]; }
            const value = node.props[arguments[1]];
            return value === undefined ? null : value;
            """,
            component_id,
            name,
        )

    def modal_open(self) -> bool:
        # dbc.Modal puts the id on .modal-dialog, inside the .modal that gets "show".
        return self.count(".modal.show #note-modal") == 1

    def wait_for_modal(self, open_: bool = True, timeout: float = 10) -> None:
        WebDriverWait(self.driver, timeout).until(
            lambda _driver: self.modal_open() == open_,
            message="the note form never " + ("opened" if open_ else "closed"),
        )

    def click(self, element_id: str, timeout: float = 5) -> None:
        WebDriverWait(self.driver, timeout).until(
            EC.element_to_be_clickable((By.ID, element_id)),
            message=f"#{element_id} never became clickable",
        ).click()

    def wait_for_text_containing(self, element_id: str, fragment: str, timeout: float = 10):
        WebDriverWait(self.driver, timeout).until(
            lambda _driver: fragment in self.text(element_id),
            message=f"#{element_id} never contained {fragment!r}",
        )
        return self.text(element_id)

    # -- console ------------------------------------------------------------------------
    def severe_logs(self) -> list[dict]:
        return [
            entry
            for entry in self.duo.get_logs()
            if entry["level"] == "SEVERE"
            and not any(fragment in entry["message"] for fragment in IGNORED_LOG_FRAGMENTS)
        ]

    def no_severe_logs(self) -> bool:
        """True when the browser console holds no SEVERE entry; the entries show on failure."""
        logs = self.severe_logs()
        assert logs == [], logs
        return True


def _xpath_text(text: str) -> str:
    """`text` as an XPath string literal (labels may hold quotes)."""
    if "'" not in text:
        return f"'{text}'"
    if '"' not in text:
        return f'"{text}"'
    parts = text.split("'")
    return "concat(" + ', "\'", '.join(f"'{part}'" for part in parts) + ")"


class Grid:
    """The rows a dash-ag-grid has rendered, read from the DOM (row id = the note id).

    Only the centre container is read (the pinned state column lives in another one), and
    rows still loading (infinite row model) are left out. AG Grid renders only the columns
    in view: `cell` scrolls a column into view through the grid API before reading it.
    """

    ROWS = "#{grid} .ag-center-cols-container .ag-row[row-id]:not(.ag-row-loading)"

    def __init__(self, browser: RelanceBrowser, grid_id: str = "notes-grid") -> None:
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

    def wait_for_rows(self, expected: set[int], timeout: float = 10) -> dict[int, str]:
        """Until exactly the notes `expected` are rendered."""
        WebDriverWait(self.driver, timeout).until(
            lambda _driver: set(self.rows()) == set(expected),
            message=f"grid rows never became {sorted(expected)}",
        )
        return self.rows()

    def wait_until(self, predicate, message: str, timeout: float = 10) -> dict[int, str]:
        """Until `predicate(rows)` holds for the rendered rows."""
        WebDriverWait(self.driver, timeout).until(
            lambda _driver: predicate(self.rows()), message=message
        )
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
        WebDriverWait(self.driver, timeout).until(
            lambda _driver: self.browser.count(selector) == 1,
            message=f"cell {col_id} of row {row_id} never rendered",
        )
        return self.driver.execute_script(
            "return document.querySelector(arguments[0]).innerText;", selector
        )

    def wait_for_cell(self, row_id: int, col_id: str, text: str, timeout: float = 10) -> None:
        WebDriverWait(self.driver, timeout).until(
            lambda _driver: self.cell(row_id, col_id) == text,
            message=f"cell {col_id} of row {row_id} never showed {text!r}",
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
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", cell)
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
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", box)
        box.click()

    def ticked(self) -> set[int]:
        """The note ids the grid reports as selected (its `selectedRows`)."""
        rows = self.browser.prop(self.grid_id, "selectedRows") or []
        return {int(row["id"]) for row in rows}

    def count(self, selector: str) -> int:
        """How many elements match `selector` inside the grid."""
        return self.browser.count(f"#{self.grid_id} {selector}")
