"""The counters in a real browser, at the frozen time of the arranged office (10:00 Paris).

Paul's open tasks: three overdue (2 days, 3 hours and 1 hour ago), one due in 10 minutes,
one in 3 hours, one in 2 days. Planned (before 10:15): 4. Today (Paris day): the two due
earlier this morning, the 10:10 and the 13:00 ones: 4. No incoming activity.
"""

from __future__ import annotations


def test_pauls_counters_list_exactly_what_they_count_and_follow_his_changes(
    browser, my_day, notes, scenario, settings
):
    my_day.open_as(scenario.people["paul"].email)
    my_day.counters.wait_for(("0", "4", "4"))

    my_day.counters.follow("planned")

    browser.wait_for_path("/notes?counter=planned")
    notes.wait_for_total(4)
    planned = {
        settings.notes["Paul: relancer le devis de mars"],
        settings.notes["Paul: rappeler la gérante"],
        settings.notes["Paul: confirmer la livraison"],
        scenario.xss_note_id,
    }
    assert set(notes.grid.wait_for_rows(planned)) == planned
    assert notes.filters.value("counter") == "planned"
    notes.counters.wait_for(("0", "4", "4"))

    # Completing one of them: the grid, its total and the counters follow at once.
    notes.open_note(settings.notes["Paul: relancer le devis de mars"])
    notes.form.complete()
    notes.form.wait_until_closed()
    notes.wait_for_total(3)
    notes.counters.wait_for(("0", "3", "4"))  # due two days ago: not today's
    assert browser.no_severe_logs()
