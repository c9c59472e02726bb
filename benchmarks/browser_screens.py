"""What benchmarks/browser.py drives: headless Chromium, signed in as one person, and for each
screen the condition that says a user has its content and can use it.

A screen is ready when its JavaScript condition holds (element ids from components/ids.py)
and, right after, a script round-trip to the page comes back within RESPONSIVE_SECONDS: a page
whose main thread is still busy (Dash wiring hundreds of components) shows content a user
cannot click yet, and that time counts.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import statistics
import time
from dataclasses import dataclass, field

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.remote_connection import RemoteConnection
from selenium.webdriver.support.wait import WebDriverWait
from urllib3.exceptions import HTTPError

from components import ids
from components.analytics import GRAPH_IDS
from data.board import COLUMNS

CHROMIUM = os.environ.get("DASH_TEST_CHROMEPATH", "/usr/bin/chromium")
WINDOW = "1600,1000"
POLL_SECONDS = 0.02
RESPONSIVE_SECONDS = 0.1
CALLBACK_PATH = "/_dash-update-component"
# What a frozen tab makes a call end with: chromedriver's own timeout, or none at all and our
# connection's read timeout (RemoteConnection.set_timeout).
STUCK = (WebDriverException, HTTPError, OSError)

# Helpers every condition may use: `num(id)` an element showing a number (not the "…" it
# shows while loading), `text(id)` an element with some text, `has(selector)`.
JS_HELPERS = """
const byId = id => document.getElementById(id);
const text = id => !!byId(id) && byId(id).textContent.trim().length > 0;
const num = id => !!byId(id) && /\\d/.test(byId(id).textContent);
const has = selector => document.querySelector(selector) !== null;
"""


def _all(function: str, values) -> str:
    return "(" + " && ".join(f"{function}({json.dumps(v)})" for v in values) + ")"


COUNTERS = (ids.COUNTER_INCOMING, ids.COUNTER_PLANNED, ids.COUNTER_TODAY)
GRID_ROW = f"#{ids.NOTES_GRID} .ag-center-cols-container .ag-row[row-id]:not(.ag-row-loading)"
BOARD_COLUMNS = [f"board-col-{c}" for c in COLUMNS]
CHART_PLACEHOLDER = "…"  # components.analytics.empty_figure's text while the data loads
CHARTS_DRAWN = (
    f"{json.dumps(list(GRAPH_IDS.values()))}.every(id => {{ const g = byId(id);"
    " return !!g && !!g.querySelector('.main-svg') && !Array.from("
    "g.querySelectorAll('.annotation-text'))"
    f".some(a => a.textContent === {json.dumps(CHART_PLACEHOLDER)}); }})"
)


@dataclass(frozen=True)
class Screen:
    name: str
    path: str
    shows: str  # what "ready" means, for the table's caption
    condition: str  # a JavaScript expression over JS_HELPERS


SCREENS = {
    s.name: s
    for s in (
        Screen(
            "myday",
            "/",
            "the three counters and both task counts show numbers",
            _all("num", (*COUNTERS, ids.MYDAY_PLANNED_COUNT, ids.MYDAY_TODAY_COUNT)),
        ),
        Screen(
            "notes",
            "/notes",
            "the first grid row is rendered and the total shows a number",
            f"has({json.dumps(GRID_ROW)}) && num({json.dumps(ids.NOTES_TOTAL)})",
        ),
        Screen(
            "board",
            "/board",
            "the six column counts show numbers and every column holds its first cards",
            _all("num", [f"{c}-count" for c in BOARD_COLUMNS])
            + " && "
            + " && ".join(f"!!byId({json.dumps(c)}).firstElementChild" for c in BOARD_COLUMNS),
        ),
        Screen(
            "analytics",
            "/analytics",
            "the summary and the seven charts are drawn (a rep: the refusal)",
            f"text({json.dumps(ids.ANALYTICS_ERROR)}) || "
            f"(text({json.dumps(ids.ANALYTICS_SUMMARY)}) && {CHARTS_DRAWN})",
        ),
        Screen(
            "standup",
            "/standup",
            "the team's figures are shown (a rep: the refusal)",
            f"has('#standup-not-allowed') || text({json.dumps(ids.STANDUP_CONTENT)})",
        ),
        Screen(
            "settings",
            "/settings",
            "the form's four fields and its Save button are there",
            _all(
                "has",
                [
                    f"#{ids.SETTINGS_TIME_ZONE}",
                    f"#{ids.SETTINGS_THRESHOLD}",
                    f"#{ids.SETTINGS_COUNTER_MODE} input",
                    f"#{ids.SETTINGS_LOCALE} input",
                    f"#{ids.SETTINGS_SAVE}",
                ],
            ),
        ),
    )
}


@dataclass
class Callback:
    """One /_dash-update-component response: what it updated, its size and server time."""

    outputs: str
    bytes: int
    server_ms: float


@dataclass
class Run:
    seconds: float | None  # None: not ready within the timeout
    callbacks: list[Callback] = field(default_factory=list)

    def heaviest(self) -> Callback | None:
        return max(self.callbacks, key=lambda c: c.bytes, default=None)


def chromium(timeout: float) -> webdriver.Chrome:
    options = Options()
    options.binary_location = CHROMIUM
    for arg in (
        "--headless",
        "--no-sandbox",  # root in a container
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--window-size={WINDOW}",
    ):
        options.add_argument(arg)
    options.page_load_strategy = "eager"  # back at DOMContentLoaded; the conditions do the rest
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    options.add_experimental_option("perfLoggingPrefs", {"enableNetwork": True})
    RemoteConnection.set_timeout(timeout + 60)  # a frozen tab must not hang us for ever
    service = Service(shutil.which("chromedriver") or "/usr/bin/chromedriver")
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_page_load_timeout(timeout)
    driver.set_script_timeout(timeout)
    return driver


class Session:
    """One Chromium signed in as one person; restarted with the same cookie after a timeout."""

    def __init__(self, base: str, email: str, password: str, timeout: float) -> None:
        self.base, self.timeout = base, timeout
        self.driver = chromium(timeout)
        self.driver.get(base + "/login")
        self.driver.find_element(By.ID, "email").send_keys(email)
        self.driver.find_element(By.ID, "password").send_keys(password)
        self.driver.find_element(By.ID, "login-submit").click()
        WebDriverWait(self.driver, timeout).until(
            lambda d: "/login" not in d.current_url, message=f"sign-in as {email} failed"
        )
        self.cookies = self.driver.get_cookies()

    def restart(self) -> None:
        self.quit()
        self.driver = chromium(self.timeout)
        self.driver.get(self.base + "/login")  # a public page of the origin, to set cookies on
        for cookie in self.cookies:
            self.driver.add_cookie(cookie)

    def quit(self) -> None:
        with contextlib.suppress(*STUCK):
            self.driver.quit()
        with contextlib.suppress(*STUCK):
            self.driver.service.stop()  # chromedriver, when quitting a frozen tab failed

    def visit(self, screen: Screen, timeout: float) -> Run:
        """Navigate to the screen and time until it is ready; None after `timeout` seconds."""
        self.driver.get_log("performance")  # drop what earlier pages logged
        started = time.perf_counter()
        try:
            self.driver.get(self.base + screen.path)
            left = timeout - (time.perf_counter() - started)
            WebDriverWait(self.driver, max(left, 0.01), poll_frequency=POLL_SECONDS).until(
                lambda d: d.execute_script(JS_HELPERS + f"return Boolean({screen.condition});")
            )
            while time.perf_counter() - started < timeout:
                probe = time.perf_counter()
                self.driver.execute_script("return 1;")
                if time.perf_counter() - probe <= RESPONSIVE_SECONDS:
                    break
            seconds = time.perf_counter() - started
        except STUCK:  # includes selenium's TimeoutException
            seconds = None
        if seconds is None or seconds > timeout:
            self.restart()  # the tab may still be frozen: start afresh, same cookie
            return Run(None)
        return Run(seconds, self.callbacks())

    def callbacks(self) -> list[Callback]:
        """The Dash callback responses of the last navigation, from Chromium's network log."""
        sent, timing, size = {}, {}, {}
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            method, params = message["method"], message.get("params", {})
            request_id = params.get("requestId")
            if method == "Network.requestWillBeSent":
                if CALLBACK_PATH in params["request"]["url"]:
                    sent[request_id] = outputs_of(params["request"].get("postData"))
            elif method == "Network.responseReceived" and request_id in sent:
                t = params["response"].get("timing") or {}
                timing[request_id] = t.get("receiveHeadersEnd", 0) - t.get("sendEnd", 0)
            elif method == "Network.loadingFinished" and request_id in sent:
                size[request_id] = int(params.get("encodedDataLength", 0))
        return [Callback(sent[r], size[r], timing.get(r, 0.0)) for r in sent if r in size]


def outputs_of(post_data: str | None) -> str:
    """A callback's outputs, short: its first output id, and how many more
    (Dash writes several as '..a.children...b.children..')."""
    try:
        output = json.loads(post_data or "")["output"]
    except (ValueError, KeyError, TypeError):
        return "?"
    if output.startswith("..") and output.endswith(".."):
        parts = output[2:-2].split("...")
    else:
        parts = [output]
    first = parts[0].rsplit(".", 1)[0]
    return f"{first} (+{len(parts) - 1})" if len(parts) > 1 else first


def percentile(samples: list[float], share: float) -> float:
    """Nearest rank: with 10 samples, p95 is the slowest."""
    ordered = sorted(samples)
    rank = max(1, -(-len(ordered) * share // 1))
    return ordered[int(rank) - 1]


def median(samples: list[float]) -> float:
    return statistics.median(samples)
