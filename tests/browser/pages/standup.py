"""/standup: each rep's counters, the team's oldest overdue tasks, and the TV links panel;
opened with a TV link, the same screen without the navbar or the panel."""

from __future__ import annotations

from components import ids
from tests.browser.pages.base import Page

# The screen's parts that have no constant.
STANDUP_NOT_ALLOWED = "standup-not-allowed"
STANDUP_OVERDUE = "standup-overdue"
STANDUP_OVERDUE_TOTAL = "standup-overdue-total"
STANDUP_DUE_TODAY = "standup-due-today"
STANDUP_LINKS_PANEL = "standup-links-panel"


class StandupPage(Page):
    PATH = "/standup"

    def open_tv_link(self, token: str) -> None:
        """Open the screen as a TV does: with its link's token, nobody signed in."""
        self.open(f"?token={token}")

    def rep_cards(self) -> dict[str, tuple[str, ...]]:
        """Name -> (Incoming, Planned, Today, overdue, done yesterday) as each card shows them."""
        cards = self.driver.execute_script(
            """
            const out = {};
            for (const card of document.querySelectorAll(arguments[0])) {
              const read = (sel) => card.querySelector(sel).innerText.trim();
              out[read('.standup-rep-name')] = [
                read('.standup-counter-incoming .standup-num'),
                read('.standup-counter-planned .standup-num'),
                read('.standup-counter-today .standup-num'),
                read('.standup-rep-overdue'),
                read('.standup-rep-done-yesterday'),
              ];
            }
            return out;
            """,
            f"#{ids.STANDUP} .standup-rep",
        )
        return {name: tuple(values) for name, values in cards.items()}

    def wait_for_cards(self, expected: dict[str, tuple[str, ...]], timeout: float = 10) -> None:
        self.browser.wait_until(
            lambda: self.rep_cards() == expected,
            f"the rep cards never showed {expected}",
            timeout,
        )

    def shown(self) -> int:
        """How many stand-up screens the page holds (none on an error page)."""
        return self.browser.count(f"#{ids.STANDUP}")

    def rep_card_count(self) -> int:
        return self.browser.count(".standup-rep")

    def wait_for_team(self, name: str) -> None:
        self.browser.wait_for_text(ids.STANDUP_TEAM_NAME, name)

    def overdue_total(self) -> str:
        return self.browser.text(STANDUP_OVERDUE_TOTAL)

    def due_today(self) -> str:
        return self.browser.text(STANDUP_DUE_TODAY)

    def overdue_rows(self) -> list[str]:
        """The team's oldest overdue tasks, oldest first."""
        return [row.text for row in self.browser.elements(f"#{STANDUP_OVERDUE} li")]

    def text(self) -> str:
        return self.browser.text(ids.STANDUP)

    def classes(self) -> str:
        return self.browser.attribute(ids.STANDUP, "class")

    def updated(self) -> str:
        return self.browser.text(ids.STANDUP_UPDATED)

    def wait_for_not_allowed(self, fragment: str) -> str:
        return self.browser.wait_for_text_containing(STANDUP_NOT_ALLOWED, fragment)

    def panel_count(self) -> int:
        """How many TV links panels the page holds (none on a TV)."""
        return self.browser.count(f"#{STANDUP_LINKS_PANEL}")

    # -- the TV links panel ---------------------------------------------------------------
    def open_links_panel(self) -> None:
        """The panel sits below the screen: scroll to it, then open it."""
        self.browser.scroll_to(self.browser.element(ids.STANDUP_LINKS_TOGGLE))
        self.browser.click(ids.STANDUP_LINKS_TOGGLE)
        self.browser.wait_until(
            lambda: self.browser.count(f"#{ids.STANDUP_LINKS_COLLAPSE}.show") == 1,
            "the TV links panel never opened",
            timeout=5,
        )
        self.browser.scroll_to(self.browser.element(ids.STANDUP_LINK_CREATE))

    def type_label(self, label: str) -> None:
        self.browser.type_into(ids.STANDUP_LINK_LABEL, label)

    def label(self) -> str:
        return self.browser.attribute(ids.STANDUP_LINK_LABEL, "value") or ""

    def create_link(self) -> str:
        """Make a TV link; returns the message that gives its address."""
        self.browser.click(ids.STANDUP_LINK_CREATE)
        return self.browser.wait_for_text_containing(ids.STANDUP_LINK_MESSAGE, "/standup?token=")

    def new_link_address(self) -> str:
        return self.browser.text(ids.STANDUP_LINK_URL)

    def wait_for_links(self, how_many: int) -> None:
        self.browser.wait_until(
            lambda: self.browser.count(f"#{ids.STANDUP_LINKS} .standup-link") == how_many,
            "the new link never appeared in the list",
        )
