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


def test_an_overdue_card_moved_to_today_is_due_later_today_and_the_move_can_be_undone(
    browser, scenario, settings
):
    """Issue 18, point 7: kept at its past time it would stay overdue and vanish from Today."""
    overdue = settings.notes["Paul: rappeler la gérante"]  # due 09:00, it is 10:00
    board = BoardPage(browser).open_as(scenario.people["paul"].email)
    board.wait_for_columns(("3", "2", "1", "0", "0", "0"))

    board.move(overdue, "Aujourd'hui")

    board.wait_for_columns(("2", "3", "1", "0", "0", "0"))
    assert str(overdue) in board.cards_in("today")
    said = board.wait_for_message("Aujourd'hui")
    assert f"Tâche n°{overdue} déplacée vers Aujourd'hui" in said and "10:15" in said
    board.counters.wait_for(("0", "3", "4"))

    board.undo()

    board.wait_for_columns(("3", "2", "1", "0", "0", "0"))
    assert str(overdue) in board.cards_in("overdue")
    assert "Déplacement annulé" in board.wait_for_message("annulé")
    board.counters.wait_for(("0", "4", "4"))
    assert browser.no_severe_logs()


def test_a_manager_sees_the_employees_counters_first_in_the_counters_colours(browser, scenario):
    board = BoardPage(browser).open_as(scenario.people["marie"].email)
    grid = board.employees_grid()

    columns = browser.element("board")
    assert grid.location["y"] < columns.location["y"]  # above the columns
    colours = {
        column: board.employee_pill(column).value_of_css_property("background-color")
        for column in ("incoming", "planned", "today")
    }
    chips = {
        column: browser.find(f".counter-chip #counter-{column}").value_of_css_property(
            "background-color"
        )
        for column in ("incoming", "planned", "today")
    }
    assert len(set(colours.values())) == 3  # green, red, orange: one colour per counter
    assert colours == chips
    assert browser.no_severe_logs()
