"""Every screen, as each role that sees it, holds no serious or critical WCAG 2.1 A/AA
violation that axe-core finds (contrast, names and labels, landmarks, ARIA structure).

Each screen is checked once it has loaded its data: the notes in the grid, the board's
cards, the charts, the stand-up cards; /notes once more with the note form open.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from selenium.webdriver.common.keys import Keys

from components import ids
from tests.browser import axe
from tests.browser.pages.analytics import CHARTS, AnalyticsPage
from tests.browser.pages.base import LOGIN_PATH, NAVBAR_USER, Browser, Page
from tests.browser.pages.board import BoardPage
from tests.browser.pages.myday import MyDayPage
from tests.browser.pages.notes import NotesPage
from tests.browser.pages.settings import SettingsPage
from tests.browser.pages.standup import StandupPage
from tests.browser.test_standup import tv_link


def settled(browser: Browser, quiet: float = 0.6, timeout: float = 15) -> None:
    """Until no Dash component has been loading for `quiet` seconds (callbacks answered)."""
    deadline = time.monotonic() + timeout
    calm_since = time.monotonic()
    while time.monotonic() < deadline:
        if browser.count("[data-dash-is-loading='true']"):
            calm_since = time.monotonic()
        elif time.monotonic() - calm_since >= quiet:
            return
        time.sleep(0.1)
    raise AssertionError("the page never stopped loading")


def my_day(browser: Browser, email: str) -> None:
    MyDayPage(browser).open_as(email)


def notes(browser: Browser, email: str) -> NotesPage:
    page = NotesPage(browser).open_as(email)
    page.grid.wait_until(lambda rows: len(rows) > 0, "the grid never showed a row")
    return page


def note_form_new(browser: Browser, email: str) -> None:
    notes(browser, email).form.start_new()


def note_form_task(browser: Browser, email: str) -> None:
    """An open task: the form with its complete buttons and the reassignment fields."""
    page = notes(browser, email)
    page.open_note(next(iter(page.grid.rows())))


def board(browser: Browser, email: str) -> None:
    page = BoardPage(browser).open_as(email)
    browser.wait_until(
        lambda: all(count.isdigit() for count in page.column_counts()),
        "the board's counts never arrived",
    )


def analytics(browser: Browser, email: str) -> None:
    AnalyticsPage(browser).open_as(email)
    browser.wait_until(lambda: browser.count(".main-svg") > 0, "no chart was drawn")


def standup(browser: Browser, email: str) -> None:
    page = StandupPage(browser).open_as(email)
    page.wait_for_team("Ventes")
    browser.wait_until(lambda: page.rep_card_count() > 0, "no rep card")


def user_menu(browser: Browser, email: str) -> None:
    """My day with the navbar's user menu open (its e-mail, role, settings, sign-out)."""
    my_day(browser, email)
    browser.find(f"#{NAVBAR_USER} .dropdown-toggle").click()
    browser.wait_until(lambda: browser.count(".dropdown-menu.show") == 1, "the menu never opened")


def board_menu(browser: Browser, email: str) -> None:
    """The board with a card's "Move to" menu open."""
    board(browser, email)
    browser.find(f"#{ids.BOARD} .board-move").click()
    browser.wait_until(
        lambda: browser.count(f"#{ids.BOARD_MOVE_MENU}.show") == 1, "the menu never opened"
    )


def standup_phone(browser: Browser, email: str) -> None:
    """The stand-up on a 390 px wide phone: its columns overflow the dark screen."""
    browser.driver.set_window_size(390, 844)
    standup(browser, email)


def settings(browser: Browser, email: str) -> None:
    SettingsPage(browser).open_as(email)
    browser.duo.wait_for_element(f"#{ids.NAVBAR}")


# (screen, who) -> how to get there; who is a person of the arranged office.
SCREENS: dict[tuple[str, str], Callable[[Browser, str], None]] = {
    ("my-day", "paul"): my_day,
    ("my-day", "marie"): my_day,
    ("notes", "paul"): notes,
    ("notes", "marie"): notes,
    ("note-form-new", "paul"): note_form_new,
    ("note-form-task", "marie"): note_form_task,
    ("board", "paul"): board,
    ("board", "marie"): board,
    ("analytics", "marie"): analytics,
    ("standup", "marie"): standup,
    ("user-menu", "paul"): user_menu,
    ("board-menu", "marie"): board_menu,
    ("standup-phone", "marie"): standup_phone,
    ("settings", "paul"): settings,
    ("settings", "marie"): settings,
}


def assert_no_blocking_violation(browser: Browser, where: str) -> None:
    """axe's WCAG 2.1 A/AA rules on the page as it stands: nothing serious or critical."""
    settled(browser)
    found = axe.violations(browser.driver)
    axe.record(where, found)
    blocking = axe.blocking(found)
    assert not blocking, f"{where}: serious or critical WCAG 2.1 AA violations\n" + axe.report(
        blocking
    )
    assert axe.low_contrast_badges(browser.driver) == [], f"{where}: badges under 4.5:1"
    assert browser.no_severe_logs()  # the CSP let the page run whole, axe included


@pytest.mark.parametrize(("screen", "who"), list(SCREENS), ids=[f"{s}-{w}" for s, w in SCREENS])
def test_each_screen_has_no_serious_violation(browser, scenario, screen, who):
    SCREENS[screen, who](browser, scenario.people[who].email)
    assert_no_blocking_violation(browser, f"{screen} as {who}")


def test_the_sign_in_page_has_no_serious_violation(browser):
    browser.open(LOGIN_PATH)
    browser.duo.wait_for_element("#login-submit")
    assert_no_blocking_violation(browser, "the sign-in page")
    Page(browser).open()  # a wrong password: the page again, with its message
    browser.sign_in("nobody@test.relance", "wrong")
    browser.duo.wait_for_element("#login-message")
    assert_no_blocking_violation(browser, "the sign-in page with its message")


def test_the_standup_tv_view_has_no_serious_violation(browser, world, scenario):
    page = StandupPage(browser)
    page.open_tv_link(tv_link(world, scenario.people["marie"].email))
    page.wait_for_team("Ventes")
    assert_no_blocking_violation(browser, "the stand-up on a TV")


@pytest.mark.parametrize("screen", ["note-form-new", "settings"])
def test_a_dropdown_is_named_by_its_label(browser, scenario, screen):
    """dcc.Dropdown names its button after the value alone ("Tous"): a screen reader must
    hear the field's label first ("Statut Tous")."""
    SCREENS[screen, "paul"](browser, scenario.people["paul"].email)
    settled(browser)
    labelled = axe.labelled_dropdowns(browser.driver)
    assert len(labelled) >= (8 if screen == "note-form-new" else 1), labelled
    names = {d: axe.accessible_name(browser.driver, f"#{d}") for d in labelled}
    unnamed = {
        d: (names[d], label) for d, label in labelled.items() if not names[d].startswith(label)
    }
    assert unnamed == {}, "dropdowns whose name does not start with their label (name, label)"


def test_each_chart_is_a_figure_named_by_its_title(browser, scenario):
    """A Plotly chart is SVG: a screen reader hears the figure's name, then its CSV link."""
    analytics(browser, scenario.people["marie"].email)
    settled(browser)
    figures = browser.elements("figure")
    assert len(figures) == len(CHARTS)
    named = [axe.accessible_name(browser.driver, f"figure:has(#{CHARTS[c]})") for c in CHARTS]
    assert all(named) and len(set(named)) == len(CHARTS), named


def test_a_keyboard_user_tabs_through_the_filter_dropdowns_and_opens_one(browser, scenario):
    """Each dropdown's own button is its tab stop, both ways; Enter opens its list, Escape
    closes it and leaves the focus on it. (Dash's hidden stand-in did the same: this guards
    assets/a11y.js, which took the stand-in out of the tab order, against losing any of it.)"""
    notes(browser, scenario.people["paul"].email)
    settled(browser)

    def focused() -> str:
        return browser.driver.execute_script("return document.activeElement.id")

    browser.element(ids.FILTER_TEXT).click()
    browser.driver.switch_to.active_element.send_keys(Keys.TAB)
    assert focused() == ids.FILTER_STATUS
    browser.driver.switch_to.active_element.send_keys(Keys.TAB)
    assert focused() == ids.FILTER_ACTION
    browser.driver.switch_to.active_element.send_keys(Keys.SHIFT, Keys.TAB)
    assert focused() == ids.FILTER_STATUS
    browser.driver.switch_to.active_element.send_keys(Keys.ENTER)
    browser.wait_until(lambda: browser.count(".dash-dropdown-options") == 1, "no list opened")
    browser.driver.switch_to.active_element.send_keys(Keys.ESCAPE)
    browser.wait_until(lambda: focused() == ids.FILTER_STATUS, "the focus left the dropdown")
    assert browser.attribute(ids.FILTER_STATUS, "aria-expanded") == "false"
