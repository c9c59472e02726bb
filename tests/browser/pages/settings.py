"""/settings: the viewer's own preferences, each refused next to its field when bad."""

from __future__ import annotations

from components import ids
from tests.browser.pages.base import Page

FIELDS = {"threshold": ids.SETTINGS_THRESHOLD}


def field_error_id(field: str) -> str:
    """The element that shows a field's error next to it (no constant: one per field)."""
    return f"settings-error-{field}"


class SettingsPage(Page):
    PATH = "/settings"

    def type_threshold(self, minutes: str) -> None:
        """The planned threshold, in minutes."""
        self.browser.type_into(FIELDS["threshold"], minutes)

    def save(self) -> None:
        self.browser.click(ids.SETTINGS_SAVE)

    def field_error(self, field: str) -> str:
        return self.browser.text(field_error_id(field))

    def wait_for_field_error(self, field: str, fragment: str) -> str:
        return self.browser.wait_for_text_containing(field_error_id(field), fragment)

    def message(self) -> str:
        return self.browser.text(ids.SETTINGS_MESSAGE)

    def wait_for_message(self, fragment: str) -> str:
        return self.browser.wait_for_text_containing(ids.SETTINGS_MESSAGE, fragment)
