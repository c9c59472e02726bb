"""Sign-in and "My day", as the people of the arranged team live them in a real browser."""

from __future__ import annotations

import pytest

from tests.browser.pages.base import ENGLISH_BROWSER, FRENCH_BROWSER

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


def test_paul_sees_his_overdue_and_today_tasks_with_their_states(browser, my_day, scenario):
    my_day.open_as(scenario.people["paul"].email)

    browser.screenshot("myday")
    assert my_day.count("overdue") == "3"
    assert my_day.count("today") == "2"
    overdue = my_day.rows("overdue")
    today = my_day.rows("today")
    assert set(overdue) == set(scenario.overdue["paul"])
    assert set(today) == set(scenario.today["paul"])
    for rows, expected in ((overdue, scenario.overdue["paul"]), (today, scenario.today["paul"])):
        for note_id, state in expected.items():
            assert f"state-{state}" in rows[note_id], (note_id, rows[note_id])
    assert {"state-overdue", "state-due_soon", "state-today"} <= set().union(
        *overdue.values(), *today.values()
    )

    shown = set(overdue) | set(today)
    assert not shown & set(scenario.hidden["paul"])
    assert scenario.completed_note_id not in shown
    assert scenario.plain_note_id not in shown
    page = browser.page_text()
    for body in scenario.bodies["lea"] + scenario.bodies["omar"]:
        assert body not in page
    assert browser.no_severe_logs()


def test_marie_sees_her_team_but_not_another_team(browser, my_day, scenario):
    my_day.open_as(scenario.people["marie"].email)

    assert my_day.count("overdue") == "4"
    assert my_day.count("today") == "4"
    assert set(my_day.rows("overdue")) == set(scenario.overdue["marie"])
    assert set(my_day.rows("today")) == set(scenario.today["marie"])
    page = browser.page_text()
    assert "Paul Rep" in page and "Lea Rep" in page
    assert "Omar Other" not in page
    for body in scenario.bodies["omar"]:
        assert body not in page
    assert browser.no_severe_logs()


def test_a_task_body_holding_markup_is_shown_as_text_and_never_runs(browser, my_day, scenario):
    my_day.open_as(scenario.people["paul"].email)

    assert scenario.xss_note_id in my_day.rows("overdue")
    assert "<img src=x onerror=" in my_day.row_text(scenario.xss_note_id)
    assert "<img src=x onerror=" in browser.page_text()
    assert my_day.images_in("overdue") == 0
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
    ("who", "locale", "browser_language", "my_day_title", "overdue", "due_today"),
    [
        ("lea", "en", FRENCH_BROWSER, "My day", "Overdue", "Due today"),
        ("paul", "fr", ENGLISH_BROWSER, "Ma journée", "En retard", "À faire aujourd'hui"),
    ],
)
def test_my_day_speaks_the_users_language(
    browser, my_day, scenario, who, locale, browser_language, my_day_title, overdue, due_today
):
    # The browser asks for the other language: the signed-in user's own locale must win.
    person = scenario.people[who]
    assert person.locale == locale
    browser.set_language(browser_language)
    my_day.open_as(person.email)

    assert my_day_title in my_day.navbar_text()
    page = browser.page_text()
    assert overdue in page and due_today in page
    assert browser.no_severe_logs()
