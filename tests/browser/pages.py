"""A page object for Relance: tests read as a user's steps, Selenium details live here."""

from __future__ import annotations

import os
import time
from pathlib import Path
from urllib.parse import urlsplit

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.wait import WebDriverWait

FRENCH_BROWSER = "fr-FR,fr"
ENGLISH_BROWSER = "en-US,en"
# Console noise that says nothing about the app; nothing is filtered today.
IGNORED_LOG_FRAGMENTS: tuple[str, ...] = ()


class RelanceBrowser:
    """Wraps `dash_duo`: signs in through the real /login form and reads "My day"."""

    def __init__(self, dash_duo, app, accept_language: str = FRENCH_BROWSER) -> None:
        self.duo = dash_duo
        self.driver = dash_duo.driver
        # The sign-in page is a Flask route, not Dash: do not wait for the Dash renderer.
        dash_duo.start_server(app, navigate=False)
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
