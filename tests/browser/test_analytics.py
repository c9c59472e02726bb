"""/analytics in a real browser at the arranged office's frozen time (Monday 10:00 in Paris).

Marie manages Ventes (Paul, Lea). Overdue now: Paul's three and Lea's one; open tasks:
Paul six, Lea four. Omar is in Export, which Marie does not manage.
"""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.wait import WebDriverWait
from sqlalchemy import select

from data.models import Team
from tests import factories as f
from tests.browser.pages import RelanceBrowser

CHARTS = (
    "overdue-trend",
    "completion",
    "workload",
    "ageing",
    "by-status",
    "by-action",
    "by-category",
)


@pytest.fixture
def world(relance_notes_app):
    return relance_notes_app


@pytest.fixture
def browser(dash_duo, world):
    return RelanceBrowser(dash_duo, world[0])


def summary_numbers(browser) -> list[str]:
    return [
        badge.text
        for badge in browser.driver.find_elements(By.CSS_SELECTOR, "#analytics-summary .badge")
    ]


def wait_for_summary(browser, first: str) -> list[str]:
    WebDriverWait(browser.driver, 10).until(
        lambda _driver: summary_numbers(browser)[:1] == [first],
        message=f"the summary never started with {first}",
    )
    return summary_numbers(browser)


def bars(browser, chart: str) -> int:
    return browser.count(f"#analytics-{chart} .bars path")


def test_a_manager_reads_the_charts_of_her_team(browser, world):
    _app, scenario, _settings = world
    browser.open("/analytics")
    browser.login(scenario.people["marie"].email, f.PASSWORD)
    browser.wait_for_path("/analytics")

    assert wait_for_summary(browser, "4")[:2] == ["4", "10"]  # overdue now, open tasks
    WebDriverWait(browser.driver, 10).until(
        lambda _driver: bars(browser, "workload") > 0, message="no workload bars"
    )
    for chart in CHARTS:
        assert browser.count(f"#analytics-{chart} .main-svg") > 0, chart
        href = browser.driver.find_element(By.ID, f"analytics-csv-{chart}").get_attribute("href")
        assert f"/export/analytics/{chart}.csv?period=30" in href
    assert "Télécharger les données (CSV)" in browser.text("analytics-csv-workload")
    assert "Tâches en retard par jour" in browser.text("analytics-overdue-trend")
    assert browser.count("#navbar a[href='/analytics']") == 1
    browser.screenshot("analytics")
    assert browser.no_severe_logs()


def test_bad_dates_are_named_and_change_nothing(browser, world):
    _app, scenario, _settings = world
    browser.open("/analytics")
    browser.login(scenario.people["marie"].email, f.PASSWORD)
    browser.wait_for_path("/analytics")
    wait_for_summary(browser, "4")
    before = browser.driver.find_element(By.ID, "analytics-csv-ageing").get_attribute("href")

    browser.set_date("analytics-to", "2026-11-01")
    browser.set_date("analytics-from", "2026-11-20")

    browser.wait_for_text_containing("analytics-from-error", "la date de début suit la date de fin")
    assert "is-invalid" in browser.driver.find_element(By.ID, "analytics-from").get_attribute(
        "class"
    )
    assert browser.driver.find_element(By.ID, "analytics-csv-ageing").get_attribute("href") == (
        before
    )

    browser.set_date("analytics-from", "2026-10-01")

    WebDriverWait(browser.driver, 10).until(
        lambda _driver: (
            "from=2026-10-01&to=2026-11-01"
            in browser.driver.find_element(By.ID, "analytics-csv-ageing").get_attribute("href")
        ),
        message="the links never followed the valid dates",
    )
    assert browser.text("analytics-from-error") == ""
    assert browser.no_severe_logs()


def test_another_team_is_refused_with_a_message(browser, world):
    app, scenario, _settings = world
    with app.server.extensions["relance_db"].session() as s:
        export = s.scalar(select(Team.id).where(Team.name == "Export"))
    browser.open(f"/analytics?team={export}")
    browser.login(scenario.people["marie"].email, f.PASSWORD)
    browser.wait_for_path("/analytics")
    browser.wait_for_text_containing("analytics-error", "Cette équipe est hors de votre périmètre.")
    assert summary_numbers(browser) == []
    assert bars(browser, "workload") == 0
    assert browser.no_severe_logs()


def test_a_rep_is_not_allowed(browser, world):
    _app, scenario, _settings = world
    browser.open("/analytics")
    browser.login(scenario.people["paul"].email, f.PASSWORD)
    browser.wait_for_path("/analytics")
    browser.wait_for_text_containing("analytics-error", "Non autorisé")
    assert browser.count("#analytics-workload") == 0
    assert browser.count("#navbar a[href='/analytics']") == 0
    assert browser.no_severe_logs()
