"""/board in a real browser at the arranged office's frozen time (Monday 10:00 in Paris).

Paul's open tasks: three overdue, two later today (10:10 and 13:00), one on Wednesday.
"""

from __future__ import annotations

from tests.browser.pages.board import BoardPage


def test_moving_a_card_from_today_to_next_week_moves_the_counts(browser, scenario, settings):
    catalogue = settings.notes["Paul: envoyer le catalogue"]
    board = BoardPage(browser).open_as(scenario.people["paul"].email)
    board.wait_for_columns(("3", "2", "1", "0", "0", "0"))
    board.counters.wait_for(("0", "4", "4"))
    assert str(catalogue) in board.cards_in("today")

    board.move(catalogue, "Semaine prochaine")

    board.wait_for_columns(("3", "1", "1", "1", "0", "0"))
    assert board.cards_in("next-week") == [str(catalogue)]
    board.counters.wait_for(("0", "4", "3"))
    assert "Tâche n°" in board.message()
    assert browser.no_severe_logs()


def test_a_keyboard_user_moves_a_card_through_the_shared_menu(browser, scenario, settings):
    catalogue = settings.notes["Paul: envoyer le catalogue"]
    board = BoardPage(browser).open_as(scenario.people["paul"].email)
    board.wait_for_columns(("3", "2", "1", "0", "0", "0"))

    picked = board.move_with_keys(catalogue, 3)  # Today, This week, Next week, Later

    assert picked == "Plus tard"
    board.wait_for_columns(("3", "1", "1", "0", "1", "0"))
    assert board.cards_in("later") == [str(catalogue)]
    assert not board.menu_shown()
    assert browser.no_severe_logs()
