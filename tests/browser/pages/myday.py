"""My day (`/`): my Planned and Today lists, a manager's team lists, the notifications, the
exports of my tasks, and the incoming activities."""

from __future__ import annotations

from components import ids
from tests.browser.pages.activities import Activities
from tests.browser.pages.base import Browser, Page

MY_TASKS_EXPORTS = {"csv": ids.EXPORT_MY_TASKS_CSV, "xlsx": ids.EXPORT_MY_TASKS_XLSX}
# Each list: (its rows' container, the count above it). Mine are always there; the team's
# only for a manager or an admin.
LISTS = {
    "planned": (ids.MYDAY_PLANNED, ids.MYDAY_PLANNED_COUNT),
    "today": (ids.MYDAY_TODAY, ids.MYDAY_TODAY_COUNT),
    "team-overdue": (ids.MYDAY_TEAM_OVERDUE, ids.MYDAY_TEAM_OVERDUE_COUNT),
    "team-today": (ids.MYDAY_TEAM_TODAY, ids.MYDAY_TEAM_TODAY_COUNT),
}
MINE = ("planned", "today")


class MyDayPage(Page):
    PATH = "/"

    def __init__(self, browser: Browser) -> None:
        super().__init__(browser)
        self.activities = Activities(browser)

    def wait_until_loaded(self, timeout: float = 10) -> None:
        """Until my two counts show digits (the layout starts with '…')."""
        for _list_id, count_id in (LISTS[name] for name in MINE):
            self.browser.wait_until(
                lambda cid=count_id: self.browser.text(cid).isdigit(),
                f"#{count_id} never showed a number",
                timeout,
            )

    def count(self, name: str) -> str:
        """The count above a list (a name of LISTS), as shown."""
        return self.browser.text(LISTS[name][1])

    def has_team_lists(self) -> bool:
        return self.browser.count(f"#{ids.MYDAY_TEAM_OVERDUE}") == 1

    def open_task(self, note_id: int) -> None:
        """Click a task row (its link covers the row), as a user opens it."""
        link = self.browser.find(f'.task-row[data-note-id="{note_id}"] a')
        self.browser.scroll_to(link)
        link.click()

    def task_link(self, note_id: int) -> str:
        return self.browser.find(f'.task-row[data-note-id="{note_id}"] a').get_attribute("href")

    def see_all(self, name: str) -> str:
        """The "showing n of N · see all" line under a list: its text, then a click on it."""
        line = self.browser.find(f"#{LISTS[name][0]} .shown-of-total")
        text = line.text
        self.browser.scroll_to(line)
        line.click()
        return text

    def notification_links(self) -> list[str]:
        return [
            (a.get_attribute("href") or "").removeprefix(self.browser.base_url)
            for a in self.browser.elements(f"#{ids.MYDAY_NOTIFICATIONS} a.notification-item")
        ]

    def bell_badge(self) -> tuple[str, bool]:
        """The bell's count as the page holds it, and whether a person sees the badge."""
        badge = self.browser.element(ids.NAVBAR_BELL_COUNT)
        size = badge.size
        return badge.get_attribute("textContent"), size["width"] > 2 and size["height"] > 2

    def rows(self, name: str) -> dict[int, set[str]]:
        """The task rows of a list (a name of LISTS): note id -> CSS classes."""
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
