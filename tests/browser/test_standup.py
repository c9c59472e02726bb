"""/standup in a real browser at the arranged office's frozen time (Monday 10:00 in Paris).

Team Ventes: Marie manages Paul and Lea. Paul: three overdue tasks (one with a body of
markup), one due in 10 minutes, one at 13:00. Lea: one overdue, one due in 5 minutes, one at
15:00. Omar is in team Export.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from components import ids
from data import clock
from data.models import User
from data.scope import load_viewer
from data.standup_links import create_link
from data.users import normalise_email
from tests.browser.office import XSS_BODY
from tests.browser.pages.standup import StandupPage

# Each rep's own counters (Incoming, Planned, Today), as their counter-* shows them.
PAUL = ("0", "4", "4")
LEA = ("0", "2", "2")
# Each rep's card: their counters, then overdue and done yesterday.
VENTES_CARDS = {"Lea Rep": (*LEA, "1", "0"), "Paul Rep": (*PAUL, "3", "0")}


@pytest.fixture
def world(relance_app):
    return relance_app


@pytest.fixture
def standup(browser) -> StandupPage:
    return StandupPage(browser)


def tv_link(world, email: str) -> str:
    """A TV link for the manager's team, made the way the panel makes it."""
    with world.session() as s:
        user_id = s.scalar(select(User.id).where(User.email == normalise_email(email)))
        manager = load_viewer(s, user_id)
        secret = world.app.server.config["SECRET_KEY"]
        link = create_link(s, manager, secret, manager.managed_team_ids[0], 30, "", clock.now())
    return link.token


def test_the_manager_sees_each_reps_own_counters_and_makes_a_tv_link(browser, standup, scenario):
    standup.open_as(scenario.people["marie"].email)
    standup.wait_for_cards(VENTES_CARDS)
    standup.wait_for_team("Ventes")
    assert standup.overdue_total() == "4"
    assert standup.due_today() == "4"  # 10:05, 10:10, 13:00, 15:00
    rows = standup.overdue_rows()
    assert len(rows) == 4
    assert "Paul: relancer le devis de mars" in rows[0]  # two days late: the oldest
    assert any(XSS_BODY in row for row in rows)  # markup shows as text…
    assert browser.stays_unset("window.__xss")  # …and never runs
    assert "Omar" not in standup.text()
    browser.screenshot("standup-manager")

    standup.open_links_panel()
    standup.type_label("Salle de réunion")
    standup.create_link()
    address = standup.new_link_address()
    assert address.startswith(browser.base_url + "/standup?token=")
    standup.wait_for_links(1)
    assert "Salle de réunion" in browser.text(ids.STANDUP_LINKS)
    # The label was this link's: the field is empty for the next one.
    browser.wait_until(lambda: standup.label() == "", "the label field kept the last label")
    assert browser.no_severe_logs()


def test_a_tv_opens_its_link_without_signing_in_and_sees_the_team_only(
    browser, standup, world, scenario
):
    standup.open_tv_link(tv_link(world, scenario.people["marie"].email))
    standup.wait_for_cards(VENTES_CARDS)
    standup.wait_for_team("Ventes")
    assert browser.path.startswith("/standup?token=")  # not sent to the sign-in page
    assert standup.navbars() == 0 and standup.panel_count() == 0
    assert "Mis à jour à 10:00" in standup.updated()  # Marie's language
    assert "Omar" not in browser.page_text()
    assert "standup-tv" in standup.classes()
    browser.screenshot("standup-tv")
    assert browser.no_severe_logs()


def test_a_forged_link_shows_the_403_page(browser, standup, world, scenario):
    token = tv_link(world, scenario.people["marie"].email)
    standup.open_tv_link(f"{token[:-4]}abcd")
    assert "Ce lien de stand-up n'est plus valide" in browser.page_text()
    assert "This stand-up link is no longer valid" in browser.page_text()
    assert standup.shown() == 0


def test_a_rep_is_told_not_allowed_and_sees_no_data(browser, standup, scenario):
    standup.open_as(scenario.people["paul"].email)
    standup.wait_for_not_allowed("Non autorisé")
    assert standup.rep_card_count() == 0
    assert "Lea" not in standup.text()
    assert browser.no_severe_logs()
