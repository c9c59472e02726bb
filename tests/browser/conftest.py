"""Browser tests: headless Debian Chromium for `dash_duo`, one arranged Relance per test, and
the fixtures every story shares (the world it runs in, a browser on it).

Chromium runs headless by default (no display needed, root is fine); set RELANCE_HEADED=1
to watch it on a display. `--headless` on the command line is accepted and changes nothing.
"""

from __future__ import annotations

import os

import pytest
from selenium.webdriver.chrome.options import Options as ChromeOptions

from tests.browser.office import World, arrange_notes, arrange_office, serve
from tests.browser.pages.base import Browser
from tests.browser.pages.myday import MyDayPage
from tests.browser.pages.notes import NotesPage

CHROMIUM = os.environ.get("DASH_TEST_CHROMEPATH", "/usr/bin/chromium")
# Dash's Browser already adds --no-sandbox, --disable-gpu and --disable-dev-shm-usage;
# they are repeated here so that the list reads as the whole set we rely on.
CHROMIUM_ARGS = (
    "--no-sandbox",  # root in a container: the sandbox cannot start
    "--disable-gpu",
    "--disable-dev-shm-usage",  # a small /dev/shm in containers crashes tabs
    "--disable-background-networking",  # no internet here: no update or safe-browsing calls
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--window-size=1280,900",
)


def pytest_setup_options():
    """Called by dash.testing before it starts the webdriver (see dash/testing/newhooks.py)."""
    options = ChromeOptions()
    options.binary_location = CHROMIUM
    if not os.environ.get("RELANCE_HEADED"):
        options.add_argument("--headless")
    for arg in CHROMIUM_ARGS:
        options.add_argument(arg)
    return options


@pytest.fixture
def relance_app(tmp_path, monkeypatch):
    """A Relance Dash app over a fresh, migrated SQLite file holding the stories' data."""
    app, scenario = serve(tmp_path, monkeypatch, arrange_office)
    world = World(app, scenario)
    yield world
    world.dispose()


@pytest.fixture
def relance_notes_app(tmp_path, monkeypatch):
    """`relance_app`'s data plus statuses, actions, categories and variables for /notes."""
    app, (scenario, settings) = serve(tmp_path, monkeypatch, arrange_notes)
    world = World(app, scenario, settings)
    yield world
    world.dispose()


@pytest.fixture
def world(relance_notes_app) -> World:
    """The world a story runs in; a module whose stories need less overrides it."""
    return relance_notes_app


@pytest.fixture
def scenario(world):
    return world.scenario


@pytest.fixture
def settings(world):
    return world.settings


@pytest.fixture
def browser(dash_duo, world) -> Browser:
    """A French-speaking browser on the world's server, not signed in."""
    return Browser(dash_duo, world.app)


@pytest.fixture
def my_day(browser) -> MyDayPage:
    return MyDayPage(browser)


@pytest.fixture
def notes(browser) -> NotesPage:
    return NotesPage(browser)
