"""/settings in a real browser: a bad threshold is refused next to the field; a good one
moves the counters at once (Paul, Monday 10:00 Paris: planned 4 with 15 minutes; with four
hours his 13:00 task counts too)."""

from __future__ import annotations

from tests.browser.pages.settings import SettingsPage


def test_the_planned_threshold_moves_the_counter_at_once(browser, scenario):
    page = SettingsPage(browser).open_as(scenario.people["paul"].email)
    page.counters.wait_for(("0", "4", "4"))

    page.type_threshold("0")
    page.save()
    page.wait_for_field_error("threshold", "de 1 à 1440")
    assert "Rien n'a été enregistré" in page.message()
    page.counters.wait_for(("0", "4", "4"))

    page.type_threshold("240")
    page.save()
    page.wait_for_message("Paramètres enregistrés.")
    assert page.field_error("threshold") == ""
    page.counters.wait_for(("0", "5", "4"))
    assert browser.no_severe_logs()
