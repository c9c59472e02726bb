"""/board: six columns of cards, their counts, and the "Move to" menu of each card."""

from __future__ import annotations

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.wait import WebDriverWait

from components import ids
from tests.browser.pages.base import Page, xpath_text

COLUMNS = ("overdue", "today", "this-week", "next-week", "later", "no-date")


def column_id(column: str) -> str:
    """A column's element (no constant: one per column, `board-col-<column>`)."""
    return f"board-col-{column}"


class BoardPage(Page):
    PATH = "/board"

    def column_counts(self) -> tuple[str, ...]:
        """The count at the head of each column, left to right."""
        return tuple(self.browser.text(f"{column_id(c)}-count") for c in COLUMNS)

    def wait_for_columns(self, expected: tuple[str, ...]) -> None:
        self.browser.wait_until(
            lambda: self.column_counts() == expected,
            f"the column counts never became {expected}",
        )

    def cards_in(self, column: str) -> list[str]:
        """The note ids of a column's cards, top to bottom."""
        return [
            card.get_attribute("data-note-id")
            for card in self.browser.elements(f"#{column_id(column)} .board-card")
        ]

    def move(self, note_id: int, label: str) -> None:
        """Open the card's "Move to" menu (the board's one shared menu, opened under the
        card) and pick a column, as a user does."""
        toggle = self.browser.find(f"#{ids.BOARD} [data-note-id='{note_id}'] .board-move")
        self.browser.scroll_to(toggle)
        toggle.click()
        item = WebDriverWait(self.driver, 5).until(
            EC.element_to_be_clickable(
                (
                    By.XPATH,
                    f"//*[@id='{ids.BOARD_MOVE_MENU}']//*[contains(@class, 'dropdown-item')]"
                    f"[normalize-space(.)={xpath_text(label)}]",
                )
            )
        )
        item.click()

    def move_with_keys(self, note_id: int, steps_down: int) -> str:
        """Open the card's menu with Enter, go down `steps_down` items with the arrow key and
        pick with Enter, as a keyboard user does; returns the label picked."""
        toggle = self.browser.find(f"#{ids.BOARD} [data-note-id='{note_id}'] .board-move")
        self.browser.scroll_to(toggle)
        toggle.send_keys(Keys.ENTER)
        menu = f"#{ids.BOARD_MOVE_MENU}"
        self.browser.wait_until(
            lambda: self.driver.switch_to.active_element.get_attribute("data-to") is not None,
            "the menu never took the focus",
        )
        for _ in range(steps_down):
            self.driver.switch_to.active_element.send_keys(Keys.ARROW_DOWN)
        picked = self.driver.switch_to.active_element
        label = picked.text
        assert self.browser.find(menu).is_displayed()
        picked.send_keys(Keys.ENTER)
        return label

    def menu_shown(self) -> bool:
        return "show" in (self.browser.find(f"#{ids.BOARD_MOVE_MENU}").get_attribute("class"))

    def message(self) -> str:
        return self.browser.text(ids.BOARD_MESSAGE)

    def wait_for_message(self, fragment: str) -> str:
        return self.browser.wait_for_text_containing(ids.BOARD_MESSAGE, fragment)

    def undo(self) -> None:
        """The undo button in the last move's message."""
        self.browser.click(ids.BOARD_UNDO)

    def card_link(self, note_id: int) -> str:
        return self.browser.find(
            f"#{ids.BOARD} [data-note-id='{note_id}'] a.board-open"
        ).get_attribute("href")

    def open_card(self, note_id: int) -> None:
        """Click a card's customer and text, as a user opens its note."""
        link = self.browser.find(f"#{ids.BOARD} [data-note-id='{note_id}'] a.board-open")
        self.browser.scroll_to(link)
        link.click()

    def employees_grid(self):
        self.browser.duo.wait_for_element(f"#{ids.EMPLOYEE_COUNTERS} .ag-row", timeout=10)
        return self.browser.element(ids.EMPLOYEE_COUNTERS)

    def employee_pill(self, column: str):
        """The first row's count of one counter ('incoming', 'planned', 'today')."""
        return self.browser.find(f"#{ids.EMPLOYEE_COUNTERS} .ag-cell[col-id='{column}'] .badge")
