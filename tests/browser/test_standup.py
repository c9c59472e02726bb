"""/standup in a real browser at the arranged office's frozen time (Monday 10:00 in Paris).

Team Ventes: Marie manages Paul and Lea. Paul: three overdue tasks (one with a body of
markup), one due in 10 minutes, one at 13:00. Lea: one overdue, one due in 5 minutes, one at
15:00. Omar is in team Export.
"""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.wait import WebDriverWait
from sqlalchemy import select

from data import clock
from data.models import User
from data.scope import load_viewer
from data.standup_links import create_link
from data.users import normalise_email
from tests import factories as f
from tests.browser.conftest import XSS_BODY
from tests.browser.pages import RelanceBrowser

# Each rep's own counters (Incoming, Planned, Today), as their counter-* shows them.
PAUL = ("0", "4", "4")
LEA = ("0", "2", "2")


@pytest.fixture
def world(relance_app):
    return relance_app


@pytest.fixture
def browser(dash_duo, world):
    return RelanceBrowser(dash_duo, world[0])


def rep_cards(browser) -> dict[str, tuple[str, ...]]:
    """Name -> (Incoming, Planned, Today, overdue, done yesterday) as each card shows them."""
    return browser.driver.execute_script(
        """
        const out = {};
        for (const card of document.querySelectorAll('#standup .standup-rep')) {
          const read = (sel) => card.querySelector(sel).innerText.trim();
          out[read('.standup-rep-name')] = [
            read('.standup-counter-incoming .standup-num'),
            read('.standup-counter-planned .standup-num'),
            read('.standup-counter-today .standup-num'),
            read('.standup-rep-overdue'),
            read('.standup-rep-done-yesterday'),
          ];
        }
        return out;
        """
    )


def wait_for_cards(browser, expected: dict[str, tuple[str, ...]], timeout: float = 10) -> None:
    WebDriverWait(browser.driver, timeout).until(
        lambda _driver: {k: tuple(v) for k, v in rep_cards(browser).items()} == expected,
        message=f"the rep cards never showed {expected}",
    )


def overdue_rows(browser) -> list[str]:
    return [
        row.text for row in browser.driver.find_elements(By.CSS_SELECTOR, "#standup-overdue li")
    ]


def open_panel(browser) -> None:
    """The TV-links panel sits below the screen: scroll to it, then open it."""
    toggle = browser.driver.find_element(By.ID, "standup-links-toggle")
    browser.driver.execute_script(
        "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", toggle
    )
    browser.click("standup-links-toggle")
    WebDriverWait(browser.driver, 5).until(
        lambda _driver: browser.count("#standup-links-collapse.show") == 1,
        message="the TV links panel never opened",
    )
    create = browser.driver.find_element(By.ID, "standup-link-create")
    browser.driver.execute_script(
        "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", create
    )


def tv_link(app, email: str) -> str:
    """A TV link for the manager's team, made the way the panel makes it."""
    database = app.server.extensions["relance_db"]
    with database.session() as s:
        user_id = s.scalar(select(User.id).where(User.email == normalise_email(email)))
        manager = load_viewer(s, user_id)
        secret = app.server.config["SECRET_KEY"]
        link = create_link(s, manager, secret, manager.managed_team_ids[0], 30, "", clock.now())
    return link.token


def test_the_manager_sees_each_reps_own_counters_and_makes_a_tv_link(browser, world):
    _app, scenario = world
    browser.open("/standup")
    browser.login(scenario.people["marie"].email, f.PASSWORD)
    browser.wait_for_path("/standup")
    expected = {"Lea Rep": (*LEA, "1", "0"), "Paul Rep": (*PAUL, "3", "0")}
    wait_for_cards(browser, expected)
    browser.wait_for_text("standup-team-name", "Ventes")
    assert browser.text("standup-overdue-total") == "4"
    assert browser.text("standup-due-today") == "4"  # 10:05, 10:10, 13:00, 15:00
    rows = overdue_rows(browser)
    assert len(rows) == 4
    assert "Paul: relancer le devis de mars" in rows[0]  # two days late: the oldest
    assert any(XSS_BODY in row for row in rows)  # markup shows as text…
    assert browser.stays_unset("window.__xss")  # …and never runs
    assert "Omar" not in browser.text("standup")
    browser.screenshot("standup-manager")

    open_panel(browser)
    browser.click("standup-link-create")
    browser.wait_for_text_containing("standup-link-message", "/standup?token=")
    address = browser.text("standup-link-url")
    assert address.startswith(browser.base_url + "/standup?token=")
    WebDriverWait(browser.driver, 10).until(
        lambda _driver: browser.count("#standup-links .standup-link") == 1,
        message="the new link never appeared in the list",
    )
    assert browser.no_severe_logs()


def test_a_tv_opens_its_link_without_signing_in_and_sees_the_team_only(browser, world):
    app, scenario = world
    token = tv_link(app, scenario.people["marie"].email)
    browser.open(f"/standup?token={token}")
    wait_for_cards(browser, {"Lea Rep": (*LEA, "1", "0"), "Paul Rep": (*PAUL, "3", "0")})
    browser.wait_for_text("standup-team-name", "Ventes")
    assert browser.path.startswith("/standup?token=")  # not sent to the sign-in page
    assert browser.count("#navbar") == 0 and browser.count("#standup-links-panel") == 0
    assert "Mis à jour à 10:00" in browser.text("standup-updated")  # Marie's language
    assert "Omar" not in browser.page_text()
    assert "standup-tv" in browser.driver.find_element(By.ID, "standup").get_attribute("class")
    browser.screenshot("standup-tv")
    assert browser.no_severe_logs()


def test_a_forged_link_shows_the_403_page(browser, world):
    app, scenario = world
    token = tv_link(app, scenario.people["marie"].email)
    browser.open(f"/standup?token={token[:-4]}abcd")
    assert "Ce lien de stand-up n'est plus valide" in browser.page_text()
    assert "This stand-up link is no longer valid" in browser.page_text()
    assert browser.count("#standup") == 0


def test_a_rep_is_told_not_allowed_and_sees_no_data(browser, world):
    _app, scenario = world
    browser.open("/standup")
    browser.login(scenario.people["paul"].email, f.PASSWORD)
    browser.wait_for_path("/standup")
    browser.wait_for_text_containing("standup-not-allowed", "Non autorisé")
    assert browser.count(".standup-rep") == 0
    assert "Lea" not in browser.text("standup")
    assert browser.no_severe_logs()
