"""The incoming activities, listed on My day: each is closed or turned into a task."""

from __future__ import annotations

from components import ids
from tests.browser.pages.base import Browser


class Activities:
    def __init__(self, browser: Browser) -> None:
        self.browser = browser

    def shown(self) -> list[str]:
        """The activity ids listed, newest first."""
        return [
            item.get_attribute("data-activity-id")
            for item in self.browser.elements(f"#{ids.ACTIVITIES_LIST} .activity-item")
        ]

    def wait_for_count(self, count: str) -> None:
        """Until the list's badge shows `count`."""
        self.browser.wait_for_text(ids.ACTIVITIES_COUNT, count)

    def wait_for_listed(self, how_many: int) -> list[str]:
        self.browser.wait_until(
            lambda: len(self.shown()) == how_many, f"{how_many} activities never listed"
        )
        return self.shown()

    def _press(self, activity_id: str, what: str) -> None:
        control = self.browser.find(f"[data-activity-id='{activity_id}'] {what}")
        self.browser.scroll_to(control)
        control.click()

    def close(self, activity_id: str) -> None:
        """The activity's close button."""
        self._press(activity_id, "button")

    def make_a_task_of(self, activity_id: str) -> None:
        """The activity's 'task' link: /notes opens the note form prefilled from it."""
        self._press(activity_id, "a")

    def feedback(self) -> str:
        """What the last close (or its undo) answered, above the list."""
        return self.browser.text(ids.ACTIVITIES_MESSAGE)

    def wait_for_feedback(self, fragment: str) -> str:
        return self.browser.wait_for_text_containing(ids.ACTIVITIES_MESSAGE, fragment)

    def can_undo(self) -> bool:
        return self.browser.element(ids.ACTIVITIES_UNDO).is_displayed()

    def undo(self) -> None:
        self.browser.scroll_to(self.browser.element(ids.ACTIVITIES_UNDO))
        self.browser.click(ids.ACTIVITIES_UNDO)
