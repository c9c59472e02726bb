"""The bulk bar on /notes: reassign the ticked tasks (or all matching the filter) at once."""

from __future__ import annotations

from components import ids
from tests.browser.pages.base import Browser

# The error shown next to each field.
BULK_ERRORS = {"rep": ids.BULK_REP_ERROR, "date": ids.BULK_DATE_ERROR}


class BulkBar:
    def __init__(self, browser: Browser) -> None:
        self.browser = browser

    def wait_for_people(self, at_least: int, timeout: float = 10) -> None:
        """Until the list of people to hand tasks to has arrived."""
        self.browser.wait_until(
            lambda: len(self.browser.prop(ids.BULK_REP, "options") or []) >= at_least,
            "the bulk assignee list never loaded",
            timeout,
        )

    def selected(self) -> str:
        """How many tasks the bar says are selected."""
        return self.browser.text(ids.BULK_SELECTED)

    def selected_label(self) -> str:
        """The word beside the count: ticked, or matching the filter."""
        return self.browser.text(ids.BULK_SELECTED_LABEL)

    def result(self) -> str:
        return self.browser.text(ids.BULK_RESULT)

    def all_matching(self) -> None:
        """Select every task matching the filter rather than the ticked ones."""
        self.browser.click(ids.BULK_ALL_MATCHING)

    def hand_to(self, person: str) -> None:
        self.browser.choose(ids.BULK_REP, person)

    def set_date(self, iso_day: str) -> None:
        self.browser.set_date(ids.BULK_DATE, iso_day)

    def preview(self) -> None:
        self.browser.click(ids.BULK_PREVIEW)

    def submit(self) -> None:
        self.browser.click(ids.BULK_SUBMIT)

    def undo(self) -> None:
        self.browser.click(ids.BULK_UNDO)

    def wait_for_result(self, fragment: str) -> str:
        return self.browser.wait_for_text_containing(ids.BULK_RESULT, fragment)

    def wait_for_error(self, field: str, fragment: str) -> str:
        """Until the error next to `field` ('rep' or 'date') holds `fragment`."""
        return self.browser.wait_for_text_containing(BULK_ERRORS[field], fragment)

    def error(self, field: str) -> str:
        return self.browser.text(BULK_ERRORS[field])
