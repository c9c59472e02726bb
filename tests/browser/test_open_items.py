"""Every task, card and notification opens its note in the form of /notes, and every
"showing n of N" opens the /notes filter that lists the N (issue 18, point 1)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from data.models import Note, Notification, User
from tests import factories as f
from tests.browser.pages.board import BoardPage
from tests.browser.pages.note_form import NoteForm
from tests.factories import FIXED_NOW


def person(s, email: str) -> User:
    return s.scalars(select(User).where(User.email == email)).one()


def test_a_task_on_my_day_opens_its_note_in_the_form_of_notes(browser, my_day, scenario, settings):
    catalogue = settings.notes["Paul: envoyer le catalogue"]
    my_day.open_as(scenario.people["paul"].email)
    assert my_day.task_link(catalogue).endswith(f"/notes?note={catalogue}")  # a real link

    my_day.open_task(catalogue)

    assert browser.wait_for_path("/notes").endswith(f"?note={catalogue}")
    form = NoteForm(browser)
    form.wait_until_open()
    form.wait_for_note(catalogue)
    form.wait_for_value("body", "Paul: envoyer le catalogue")
    assert str(catalogue) in form.title()
    assert browser.no_severe_logs()


def test_a_link_to_a_note_outside_the_scope_says_not_allowed_and_shows_nothing(
    browser, notes, scenario, settings
):
    omars = settings.notes["Omar: relance douane"]
    notes.open_as(scenario.people["paul"].email, query=f"?note={omars}")

    form = NoteForm(browser)
    form.wait_until_open()
    browser.wait_for_text_containing("note-message", "Non autorisé")
    assert form.value("body") in (None, "")
    assert "Omar: relance douane" not in browser.page_text()
    assert browser.no_severe_logs()


def test_see_all_under_a_list_opens_the_notes_filter_of_exactly_those(
    browser, my_day, notes, world, scenario
):
    """Paul gets 25 more overdue tasks: his Planned list shows 20 of 29, and "see all" opens
    /notes listing the 29 his Planned counter counts."""
    with world.session() as s:
        paul = person(s, scenario.people["paul"].email)
        for day in range(1, 26):
            f.note(s, paul, f"Paul: relance {day}", assignee=paul, due_in=timedelta(days=-day))
    my_day.open_as(scenario.people["paul"].email)
    my_day.counters.wait_for(("0", "29", "4"))
    assert my_day.count("planned") == "29"
    assert len(my_day.rows("planned")) == 20

    line = my_day.see_all("planned")

    assert "20" in line and "29" in line
    assert browser.wait_for_path("/notes?counter=planned")
    assert notes.wait_for_total(29) == 29
    assert browser.no_severe_logs()


def test_a_managers_team_list_opens_the_notes_filter_of_its_overdue_tasks(
    browser, my_day, notes, world, scenario
):
    with world.session() as s:
        lea = person(s, scenario.people["lea"].email)
        for hours in range(1, 13):
            f.note(s, lea, f"Lea: relance {hours}", assignee=lea, due_in=timedelta(hours=-hours))
    my_day.open_as(scenario.people["marie"].email)
    assert my_day.count("team-overdue") == "16"

    my_day.see_all("team-overdue")

    assert browser.wait_for_path("/notes?overdue=1")
    assert notes.wait_for_total(16) == 16
    assert browser.no_severe_logs()


def test_a_notification_opens_the_note_it_is_about(browser, my_day, world, scenario, settings):
    catalogue = settings.notes["Paul: envoyer le catalogue"]
    with world.session() as s:
        paul = person(s, scenario.people["paul"].email)
        marie = person(s, scenario.people["marie"].email)
        note = s.get(Note, catalogue)
        s.add(
            Notification(
                recipient_id=paul.id,
                kind="assigned",
                actor_id=marie.id,
                note_id=note.id,
                customer_id=note.customer_id,
                item_count=1,
                created_at=FIXED_NOW - timedelta(minutes=5),
            )
        )
    my_day.open_as(scenario.people["paul"].email)
    my_day.wait_for_bell("1")
    browser.wait_until(lambda: my_day.notification_links(), "no notification is a link")
    assert my_day.notification_links() == [f"/notes?note={catalogue}"]

    browser.find(".notification-item").click()

    form = NoteForm(browser)
    form.wait_until_open()
    form.wait_for_note(catalogue)
    assert browser.no_severe_logs()


def test_a_board_card_opens_its_note(browser, scenario, settings):
    catalogue = settings.notes["Paul: envoyer le catalogue"]
    board = BoardPage(browser).open_as(scenario.people["paul"].email)
    board.wait_for_columns(("3", "2", "1", "0", "0", "0"))
    assert board.card_link(catalogue).endswith(f"/notes?note={catalogue}")

    board.open_card(catalogue)

    assert browser.wait_for_path("/notes").endswith(f"?note={catalogue}")
    form = NoteForm(browser)
    form.wait_until_open()
    form.wait_for_note(catalogue)
    assert browser.no_severe_logs()
