"""My day (`/`): the overdue and today lists, the notifications, the exports of my tasks,
and the incoming activities."""

from __future__ import annotations

from components import ids
from tests.browser.pages.activities import Activities
from tests.browser.pages.base import Browser, Page

MY_TASKS_EXPORTS = {"csv": ids.EXPORT_MY_TASKS_CSV, "xlsx": ids.EXPORT_MY_TASKS_XLSX}
# Each list: (its rows' container, the count above it).
LISTS = {
    "overdue": (ids.MYDAY_OVERDUE, ids.MYDAY_OVERDUE_COUNT),
    "today": (ids.MYDAY_TODAY, ids.MYDAY_TODAY_COUNT),
}


class MyDayPage(Page):
    PATH = "/"

    def __init__(self, browser: Browser) -> None:
        super().__init__(browser)
        self.activities = Activities(browser)

    def wait_until_loaded(self, timeout: float = 10) -> None:
        """Until both counts show digits (the layout starts with '…')."""
        for _list_id, count_id in LISTS.values():
            self.browser.wait_until(
                lambda cid=count_id: self.browser.text(cid).isdigit(),
                f"#{count_id} never showed a number",
                timeout,
            )

    def count(self, name: str) -> str:
        """The count above a list ('overdue' or 'today'), as shown."""
        return self.browser.text(LISTS[name][1])

    def rows(self, name: str) -> dict[int, set[str]]:
        """The task rows of a list ('overdue' or 'today'): note id -> CSS classes."""
        rows = self.browser.elements(f"#{LISTS[name][0]} .task-row")
        return {
            int(row.get_attribute("data-note-id")): set(row.get_attribute("class").split())
            for row in rows
        }

    def row_text(self, note_id: int) -> str:
        return self.browser.find(f'[data-note-id="{note_id}"]').text

    def images_in(self, name: str) -> int:
        return self.browser.count(f"#{LISTS[name][0]} img")

    def navbar_text(self) -> str:
        return self.browser.text(ids.NAVBAR)

    def wait_for_bell(self, unread: str) -> None:
        self.browser.wait_for_text(ids.NAVBAR_BELL_COUNT, unread, timeout=10)

    def wait_for_notification(self, fragment: str) -> str:
        """Until the notifications hold `fragment`; returns all of their text."""
        return self.browser.wait_for_text_containing(ids.MYDAY_NOTIFICATIONS, fragment)

    def export_link(self, fmt: str) -> str:
        """The path the 'my open tasks' download button of `fmt` (csv, xlsx) points to."""
        self.browser.duo.wait_for_element(f"#{MY_TASKS_EXPORTS[fmt]}")
        return self.browser.link(MY_TASKS_EXPORTS[fmt])
