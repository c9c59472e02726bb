"""The browser of a test and what every screen shares: sign-in, navigation, Dash components,
the console. A screen's page object (`Page`) adds what only that screen has."""

from __future__ import annotations

import os
import time
from pathlib import Path
from urllib.parse import urlsplit

import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.wait import WebDriverWait

from components import ids
from tests.factories import PASSWORD

FRENCH_BROWSER = "fr-FR,fr"
ENGLISH_BROWSER = "en-US,en"
# Console noise that says nothing about the app; nothing is filtered today.
IGNORED_LOG_FRAGMENTS: tuple[str, ...] = ()
# Two checkouts can run their browser tests at once, each on its own port.
PORT = int(os.environ.get("RELANCE_TEST_PORT", "8050"))

# The sign-in page is a Flask template, not a Dash layout: its ids have no constants.
LOGIN_PATH = "/login"
LOGIN_EMAIL = "email"
LOGIN_PASSWORD = "password"
LOGIN_SUBMIT = "login-submit"
LOGIN_MESSAGE = "login-message"
NAVBAR_USER = "navbar-user"
NAVBAR_LOGOUT = "navbar-logout"
# Which counter element holds which count: Incoming, Planned, Today.
COUNTERS = {
    "incoming": ids.COUNTER_INCOMING,
    "planned": ids.COUNTER_PLANNED,
    "today": ids.COUNTER_TODAY,
}


class Browser:
    """Wraps `dash_duo`: one Chromium on one Relance server, driven as a user drives it."""

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

    def reload(self) -> None:
        self.driver.refresh()

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

    # -- signing in and out ---------------------------------------------------------------
    def sign_in(self, email: str, password: str = PASSWORD) -> None:
        """Fill and submit the real sign-in form; returns once the next page has loaded."""
        if not self.path.startswith(LOGIN_PATH):
            self.open(LOGIN_PATH)
        form = self.driver.find_element(By.ID, LOGIN_SUBMIT)
        email_input = self.driver.find_element(By.ID, LOGIN_EMAIL)
        email_input.clear()
        email_input.send_keys(email)
        self.driver.find_element(By.ID, LOGIN_PASSWORD).send_keys(password)
        form.click()
        WebDriverWait(self.driver, 10).until(EC.staleness_of(form))

    def sign_in_message(self) -> str:
        return self.text(LOGIN_MESSAGE)

    def sign_out(self) -> None:
        """Through the user menu in the navbar, as a user does it."""
        self.driver.execute_script("window.scrollTo(0, 0);")  # the navbar is at the top
        self.find(f"#{NAVBAR_USER} .dropdown-toggle").click()
        self.click(NAVBAR_LOGOUT)
        self.wait_for_path(LOGIN_PATH)

    # -- reading the page ---------------------------------------------------------------
    def element(self, element_id: str):
        return self.driver.find_element(By.ID, element_id)

    def find(self, selector: str):
        """The first element matching a CSS selector."""
        return self.driver.find_element(By.CSS_SELECTOR, selector)

    def elements(self, selector: str) -> list:
        return self.driver.find_elements(By.CSS_SELECTOR, selector)

    def text(self, element_id: str) -> str:
        return self.element(element_id).text

    def attribute(self, element_id: str, name: str) -> str | None:
        return self.element(element_id).get_attribute(name)

    def link(self, element_id: str) -> str:
        """Where a link points, as a path on this server."""
        return (self.attribute(element_id, "href") or "").removeprefix(self.base_url)

    def cookies(self) -> dict[str, str]:
        return {c["name"]: c["value"] for c in self.driver.get_cookies()}

    def download(self, path: str, cookies: dict[str, str] | None = None) -> requests.Response:
        """GET `path` with the browser's cookies (its signed-in session), as a click would;
        or with `cookies` copied earlier, as someone replaying them would (no redirects)."""
        if cookies is None:
            return requests.get(self.base_url + path, cookies=self.cookies(), timeout=10)
        return requests.get(
            self.base_url + path, cookies=cookies, timeout=10, allow_redirects=False
        )

    def page_text(self) -> str:
        return self.driver.find_element(By.TAG_NAME, "body").text

    def count(self, selector: str) -> int:
        """How many elements match now (no implicit wait, unlike find_elements)."""
        return self.driver.execute_script(
            "return document.querySelectorAll(arguments[0]).length", selector
        )

    def wait_until(self, condition, message: str, timeout: float = 10):
        """Until `condition()` holds; returns what it returned."""
        return WebDriverWait(self.driver, timeout).until(
            lambda _driver: condition(), message=message
        )

    def wait_for_text(self, element_id: str, text: str, timeout: float | None = None) -> None:
        self.duo.wait_for_text_to_equal(f"#{element_id}", text, timeout=timeout)

    def wait_for_text_containing(self, element_id: str, fragment: str, timeout: float = 10):
        self.wait_until(
            lambda: fragment in self.text(element_id),
            f"#{element_id} never contained {fragment!r}",
            timeout,
        )
        return self.text(element_id)

    def screenshot(self, name: str) -> Path | None:
        """Saved under $RELANCE_SCREENSHOTS (e.g. `screenshots`, git-ignored) when it is set."""
        folder = os.environ.get("RELANCE_SCREENSHOTS")
        if not folder:
            return None
        path = Path(folder) / f"{name}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        self.driver.save_screenshot(str(path))
        return path

    # -- acting -------------------------------------------------------------------------
    def click(self, element_id: str, timeout: float = 5) -> None:
        WebDriverWait(self.driver, timeout).until(
            EC.element_to_be_clickable((By.ID, element_id)),
            message=f"#{element_id} never became clickable",
        ).click()

    def scroll_to(self, element) -> None:
        """Bring an element to the middle of the window (the page may have scrolled)."""
        self.driver.execute_script(
            "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", element
        )

    def type_into(self, element_id: str, text: str) -> None:
        """Replace what a text input holds, keystroke by keystroke."""
        field = self.element(element_id)
        field.clear()
        field.send_keys(text)

    # -- Dash components ----------------------------------------------------------------
    def choose(self, dropdown_id: str, label: str, timeout: float = 5) -> None:
        """Open a dcc.Dropdown (Dash 4) and pick the option labelled `label`; a multi
        dropdown stays open after a pick, so it is closed with Escape."""
        self.element(dropdown_id).click()
        option_xpath = (
            "//*[contains(concat(' ', normalize-space(@class), ' '), ' dash-dropdown-option ')]"
            f"[normalize-space(.)={xpath_text(label)}]"
        )
        option = WebDriverWait(self.driver, timeout).until(
            EC.element_to_be_clickable((By.XPATH, option_xpath)),
            message=f"#{dropdown_id} has no option {label!r}",
        )
        option.click()
        if self.count(".dash-dropdown-options"):
            self.driver.switch_to.active_element.send_keys(Keys.ESCAPE)
        self.wait_until(
            lambda: self.count(".dash-dropdown-options") == 0,
            f"#{dropdown_id} stayed open",
            timeout,
        )

    def dropdown_text(self, dropdown_id: str) -> str:
        """What a dcc.Dropdown shows as its value ('' while it shows its placeholder)."""
        shown = self.element(f"{dropdown_id}-value")
        if "dash-dropdown-placeholder" in (shown.get_attribute("class") or "").split():
            return ""
        return shown.text

    def set_date(self, input_id: str, iso_day: str) -> None:
        """Type a day 'YYYY-MM-DD' into a date picker (dcc.DatePickerSingle) the way its user
        writes a day (DD/MM/YYYY on a French page), then leave the field with Tab, which
        is when the picker reads what was typed."""
        element = self.element(input_id)
        french = self.driver.execute_script("return document.documentElement.lang") == "fr"
        year, month, day = iso_day.split("-")
        typed = f"{day}/{month}/{year}" if french else iso_day
        # The picker's text box is a React input: set it through the native setter.
        self.driver.execute_script(
            """
            const input = arguments[0];
            const setter = Object.getOwnPropertyDescriptor(
                HTMLInputElement.prototype, 'value').set;
            setter.call(input, arguments[1]);
            input.dispatchEvent(new Event('input', {bubbles: true}));
            """,
            element,
            typed,
        )
        element.send_keys(Keys.TAB)

    def open_calendar(self, picker_id: str) -> dict[str, list[str]]:
        """Open a date picker's calendar; what it shows: the month names of its month list
        and the day names heading its weeks, in order. Escape closes it again."""
        self.element(picker_id).click()
        self.wait_until(
            lambda: self.count(".dash-datepicker-calendar thead th span") > 0,
            f"the calendar of #{picker_id} never opened",
        )
        shown = self.driver.execute_script(
            """
            const texts = (sel) => Array.from(document.querySelectorAll(sel),
                                             (e) => e.textContent.trim());
            return {
              months: texts('.dash-datepicker-month-sizer'),
              // The first month's week heading (a range picker shows two months).
              days: texts('.dash-datepicker-calendar')
                ? Array.from(document.querySelector('.dash-datepicker-calendar')
                  .querySelectorAll('thead tr:last-child th span'), (e) => e.textContent.trim())
                : [],
            };
            """
        )
        self.element(picker_id).send_keys(Keys.ESCAPE)
        self.wait_until(
            lambda: self.count(".dash-datepicker-calendar") == 0,
            f"the calendar of #{picker_id} never closed",
        )
        return shown

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


def xpath_text(text: str) -> str:
    """`text` as an XPath string literal (labels may hold quotes)."""
    if "'" not in text:
        return f"'{text}'"
    if '"' not in text:
        return f'"{text}"'
    parts = text.split("'")
    return "concat(" + ', "\'", '.join(f"'{part}'" for part in parts) + ")"


class Counters:
    """The Incoming, Planned and Today counters, on every screen that shows them."""

    def __init__(self, browser: Browser) -> None:
        self.browser = browser

    def shown(self) -> tuple[str, str, str]:
        return tuple(self.browser.text(element_id) for element_id in COUNTERS.values())

    def wait_for(self, expected: tuple[str, str, str]) -> None:
        self.browser.wait_until(
            lambda: self.shown() == expected, f"the counters never showed {expected}"
        )

    def link_of(self, name: str) -> str:
        """The id of the link around a counter ('planned' -> its link to /notes)."""
        return f"{COUNTERS[name]}-link"

    def follow(self, name: str) -> None:
        """Click a counter, as a user asks for the rows it counts."""
        self.browser.click(self.link_of(name))


class Page:
    """One screen of Relance at `PATH`; `browser` does what every screen shares."""

    PATH = "/"

    def __init__(self, browser: Browser) -> None:
        self.browser = browser
        self.driver = browser.driver
        self.counters = Counters(browser)

    def open(self, query: str = "") -> None:
        """Go to the screen (signed out, the browser lands on the sign-in page instead)."""
        self.browser.open(self.PATH + query)

    def open_as(self, email: str, password: str = PASSWORD, query: str = ""):
        """Open the screen signed out, sign in on the way and come back to it (with its query),
        then wait until it has loaded."""
        self.open(query)
        self.browser.sign_in(email, password)
        self.browser.wait_for_path(self.PATH + query)
        self.wait_until_loaded()
        return self

    def wait_until_loaded(self) -> None:
        """What a screen waits for once it is opened (nothing by default)."""

    def navbars(self) -> int:
        """How many navbars the page holds (none on the sign-in page or a TV)."""
        return self.browser.count(f"#{ids.NAVBAR}")

    def in_navbar(self, path: str) -> int:
        """How many navbar links lead to `path`."""
        return self.browser.count(f"#{ids.NAVBAR} a[href='{path}']")
