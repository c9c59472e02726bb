"""/analytics in a real browser at the arranged office's frozen time (Monday 10:00 in Paris).

Marie manages Ventes (Paul, Lea). Overdue now: Paul's three and Lea's one; open tasks:
Paul six, Lea four. Omar is in Export, which Marie does not manage.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from data.models import Team
from tests.browser.pages.analytics import CHARTS, AnalyticsPage


@pytest.fixture
def analytics(browser) -> AnalyticsPage:
    return AnalyticsPage(browser)


def test_a_manager_reads_the_charts_of_her_team(browser, analytics, scenario):
    analytics.open_as(scenario.people["marie"].email)

    assert analytics.wait_for_summary("4")[:2] == ["4", "10"]  # overdue now, open tasks
    analytics.wait_for_bars("workload")
    for chart in CHARTS:
        assert analytics.plots(chart) > 0, chart
        assert f"/export/analytics/{chart}.csv?period=30" in analytics.csv_link(chart)
    assert "Télécharger les données (CSV)" in analytics.csv_link_text("workload")
    assert "Tâches en retard par jour" in analytics.chart_text("overdue-trend")
    assert analytics.in_navbar("/analytics") == 1
    browser.screenshot("analytics")
    assert browser.no_severe_logs()


def test_bad_dates_are_named_and_change_nothing(browser, analytics, scenario):
    analytics.open_as(scenario.people["marie"].email)
    analytics.wait_for_summary("4")

    analytics.set_date("to", "2026-11-01")
    analytics.wait_for_csv_link("ageing", "to=2026-11-01")
    before = analytics.csv_link("ageing")
    analytics.set_date("from", "2026-11-20")

    analytics.wait_for_date_error("from", "la date de début suit la date de fin")
    assert "is-invalid" in analytics.date_classes("from")
    assert analytics.csv_link("ageing") == before

    analytics.set_date("from", "2026-10-01")

    analytics.wait_for_csv_link("ageing", "from=2026-10-01&to=2026-11-01")
    assert analytics.date_error("from") == ""
    assert browser.no_severe_logs()


def test_another_team_is_refused_with_a_message(browser, analytics, world, scenario):
    with world.session() as s:
        export = s.scalar(select(Team.id).where(Team.name == "Export"))
    analytics.open_as(scenario.people["marie"].email, query=f"?team={export}")
    analytics.wait_for_error("Cette équipe est hors de votre périmètre.")
    assert analytics.summary() == []
    assert analytics.bars("workload") == 0
    assert browser.no_severe_logs()


def test_a_rep_is_not_allowed(browser, analytics, scenario):
    analytics.open_as(scenario.people["paul"].email)
    analytics.wait_for_error("Non autorisé")
    assert analytics.shown("workload") == 0
    assert analytics.in_navbar("/analytics") == 0
    assert browser.no_severe_logs()
