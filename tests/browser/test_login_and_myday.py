"""Sign-in and "My day", as the people of the arranged team live them in a real browser."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from data.models import Notification, User
from tests.browser.pages.base import ENGLISH_BROWSER, FRENCH_BROWSER
from tests.factories import FIXED_NOW

GENERIC_FAILURE = "E-mail ou mot de passe incorrect."


@pytest.fixture
def world(relance_app):
    return relance_app


def test_anonymous_visitor_is_sent_to_login_and_a_wrong_password_opens_nothing(
    browser, my_day, scenario
):
    my_day.open()
    assert browser.wait_for_path("/login").startswith("/login?next=")

    browser.sign_in(scenario.people["paul"].email, "not-his-password")

    assert browser.sign_in_message() == GENERIC_FAILURE
    # Flask keeps the CSRF token in a "session" cookie: what matters is that it opens nothing.
    assert browser.driver.get_cookie("remember_token") is None
    my_day.open()
    assert browser.wait_for_path("/login").startswith("/login?next=")
    assert browser.no_severe_logs()


def test_paul_sees_his_tasks_counted_as_his_counters_count_them(browser, my_day, scenario):
    """Planned: overdue or due within 15 minutes; Today: due today, overdue or not. Each list's
    count is the counter's number beside it."""
    my_day.open_as(scenario.people["paul"].email)

    browser.screenshot("myday")
    my_day.counters.wait_for(("0", "4", "4"))
    assert my_day.count("planned") == "4"
    assert my_day.count("today") == "4"
    planned = my_day.rows("planned")
    today = my_day.rows("today")
    soon = {i: s for i, s in scenario.today["paul"].items() if s == "due_soon"}
    assert set(planned) == set(scenario.overdue["paul"]) | set(soon)
    # Due today, overdue or not: the rest of today, and the two overdue since this morning.
    assert set(scenario.today["paul"]) <= set(today) and scenario.xss_note_id in today
    assert len(today) == 4 and set(today) - set(scenario.today["paul"]) <= set(planned)
    for note_id, state in {**scenario.overdue["paul"], **scenario.today["paul"]}.items():
        rows = planned.get(note_id) or today.get(note_id)
        assert f"state-{state}" in rows, (note_id, rows)
    assert not my_day.has_team_lists()

    shown = set(planned) | set(today)
    assert not shown & set(scenario.hidden["paul"])
    assert scenario.completed_note_id not in shown
    assert scenario.plain_note_id not in shown
    page = browser.page_text()
    for body in scenario.bodies["lea"] + scenario.bodies["omar"]:
        assert body not in page
    assert browser.no_severe_logs()


def test_marie_sees_her_own_tasks_and_her_team_apart_but_not_another_team(
    browser, my_day, scenario
):
    my_day.open_as(scenario.people["marie"].email)

    my_day.counters.wait_for(("0", "0", "0"))
    assert my_day.count("planned") == "0" and my_day.count("today") == "0"
    assert my_day.rows("planned") == {} and my_day.rows("today") == {}
    assert my_day.has_team_lists()
    assert my_day.count("team-overdue") == "4"
    assert set(my_day.rows("team-overdue")) == set(scenario.overdue["marie"])
    assert set(scenario.today["marie"]) <= set(my_day.rows("team-today"))
    assert my_day.count("team-today") == str(len(my_day.rows("team-today")))
    page = browser.page_text()
    assert "Mon équipe" in page
    assert "Paul Rep" in page and "Lea Rep" in page
    assert "Omar Other" not in page
    for body in scenario.bodies["omar"]:
        assert body not in page
    assert browser.no_severe_logs()


def test_a_task_body_holding_markup_is_shown_as_text_and_never_runs(browser, my_day, scenario):
    my_day.open_as(scenario.people["paul"].email)

    assert scenario.xss_note_id in my_day.rows("planned")
    assert "<img src=x onerror=" in my_day.row_text(scenario.xss_note_id)
    assert "<img src=x onerror=" in browser.page_text()
    assert my_day.images_in("planned") == 0
    # An onerror handler would fire once the broken image fails: give it time to.
    assert browser.stays_unset("window.__xss", seconds=1.0)
    assert browser.no_severe_logs()


def test_signing_out_from_the_user_menu_closes_the_session(browser, my_day, scenario):
    my_day.open_as(scenario.people["paul"].email)
    copied = browser.cookies()  # what someone who copied the cookie would replay
    assert browser.download("/export/notes.csv", copied).status_code == 200

    browser.sign_out()

    assert browser.path.startswith("/login")
    my_day.open()
    assert browser.wait_for_path("/login").startswith("/login?next=")
    # The session ended on the server: the copied cookie opens nothing any more.
    assert browser.download("/", copied).status_code == 302
    assert browser.download("/export/notes.csv", copied).status_code == 401
    assert browser.download("/_dash-layout", copied).status_code == 401
    assert browser.no_severe_logs()


@pytest.mark.parametrize(
    ("who", "locale", "browser_language", "my_day_title", "my_tasks", "planned"),
    [
        ("lea", "en", FRENCH_BROWSER, "My day", "My tasks", "Planned"),
        ("paul", "fr", ENGLISH_BROWSER, "Ma journée", "Mes tâches", "Prévu"),
    ],
)
def test_my_day_speaks_the_users_language(
    browser, my_day, scenario, who, locale, browser_language, my_day_title, my_tasks, planned
):
    # The browser asks for the other language: the signed-in user's own locale must win.
    person = scenario.people[who]
    assert person.locale == locale
    browser.set_language(browser_language)
    my_day.open_as(person.email)

    assert my_day_title in my_day.navbar_text()
    page = browser.page_text()
    assert my_tasks in page and planned in page
    assert browser.no_severe_logs()


def test_the_bell_shows_no_red_badge_at_zero(browser, my_day, world, scenario):
    """Issue 18, point 11: the count stays in the page (bare digits), out of sight at 0."""
    my_day.open_as(scenario.people["paul"].email)
    browser.wait_until(lambda: my_day.bell_badge() == ("0", False), "a badge shows at 0")

    with world.session() as s:
        paul = s.scalars(select(User).where(User.email == scenario.people["paul"].email)).one()
        s.add(Notification(recipient_id=paul.id, kind="mentioned", created_at=FIXED_NOW))
    browser.reload()

    browser.wait_until(lambda: my_day.bell_badge() == ("1", True), "no badge for one unread")
    assert browser.no_severe_logs()
