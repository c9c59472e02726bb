"""The frame of the screens as a user sees it at a given window size: the navbar on a phone,
what fits the width, what folds away on /notes and the room left to the grid."""

from __future__ import annotations

from components import ids
from data.preferences import FOLDABLE
from tests.browser.pages.base import Browser

PHONE = (390, 844)
DESKTOP = (1600, 1000)
FOLD_BUTTON = '[id*=\'"type":"fold"\'][id*=\'"panel":"{panel}"\']'


class Frame:
    def __init__(self, browser: Browser) -> None:
        self.browser = browser
        self.driver = browser.driver

    # -- the window ---------------------------------------------------------------------
    def resize(self, size: tuple[int, int]) -> None:
        """The page's viewport becomes `size` (CSS pixels), as on that screen."""
        width, height = size
        self.driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
        )

    def page_width(self) -> int:
        """How wide the page is: more than the window means it scrolls sideways."""
        return self.driver.execute_script("return document.documentElement.scrollWidth")

    def window_width(self) -> int:
        return self.driver.execute_script("return window.innerWidth")

    def box(self, selector: str) -> dict | None:
        """Where an element is drawn (viewport coordinates), or None when it is not drawn."""
        return self.driver.execute_script(
            "const e = document.querySelector(arguments[0]);"
            "if (!e) { return null; }"
            "const r = e.getBoundingClientRect();"
            "if (!r.width || !r.height || getComputedStyle(e).visibility === 'hidden') {"
            "  return null; }"
            "return {top: r.top, bottom: r.bottom, left: r.left, right: r.right};",
            selector,
        )

    def in_view(self, selector: str) -> bool:
        """Drawn wholly inside the window, without scrolling the page."""
        box = self.box(selector)
        width, height = self.driver.execute_script("return [window.innerWidth, window.innerHeight]")
        return bool(box) and (
            box["top"] >= 0
            and box["left"] >= 0
            and box["bottom"] <= height
            and box["right"] <= width
        )

    def drawn(self, selector: str) -> bool:
        return self.box(selector) is not None

    # -- the navbar -----------------------------------------------------------------------
    def nav_links_drawn(self) -> int:
        """How many of the navbar's screen links a user can see now."""
        return self.driver.execute_script(
            "return Array.from(document.querySelectorAll(arguments[0]))"
            ".filter(a => a.getBoundingClientRect().height > 0).length",
            f"#{ids.NAVBAR} .nav-link[href^='/']:not(#navbar-bell)",
        )

    def open_menu(self) -> None:
        self.browser.click(ids.NAVBAR_TOGGLER)
        self.browser.wait_until(lambda: self.nav_links_drawn() >= 3, "the menu never opened")

    # -- /notes: folding and the filter drawer ------------------------------------------
    def fold_button(self, panel: str):
        return self.browser.find(FOLD_BUTTON.replace("{panel}", panel))

    def fold(self, panel: str) -> None:
        """Click the part's fold button (the "Filters" button folds the panel)."""
        if panel == "notes-filters":
            self.browser.click(ids.NOTES_FILTERS_BUTTON)
        else:
            button = self.fold_button(panel)
            self.browser.scroll_to(button)
            button.click()

    def folded(self) -> list[str]:
        """The folded parts, as the page's root says."""
        classes = (self.browser.attribute(ids.NOTES_PAGE, "class") or "").split()
        return sorted(c.removeprefix("folded-") for c in classes if c.startswith("folded-"))

    def wait_until_saved(self, panels: list[str]) -> None:
        """Until the server has kept the folded parts `panels`."""
        expected = ",".join(p for p in FOLDABLE if p in panels)
        self.browser.wait_until(
            lambda: self.browser.prop(ids.NOTES_FOLDED_SAVED, "children") == expected,
            f"the folded parts {panels} were never saved",
        )

    def open_filters(self) -> None:
        self.browser.click(ids.NOTES_FILTERS_BUTTON)
        self.browser.wait_until(
            lambda: self.in_view(f"#{ids.FILTER_STATUS}"), "the filter drawer never opened"
        )

    def close_filters(self) -> None:
        self.browser.click(ids.NOTES_FILTERS_CLOSE)
        self.browser.wait_until(
            lambda: (
                not self.drawn(f"#{ids.NOTES_FILTERS_DRAWER}")
                or not self.in_view(f"#{ids.FILTER_STATUS}")
            ),
            "the filter drawer never closed",
        )

    # -- /notes: the grid's room ----------------------------------------------------------
    def grid_top(self) -> float:
        return self.box(f"#{ids.NOTES_GRID}")["top"]

    def visible_rows(self) -> int:
        """Grid rows drawn wholly inside both the grid's viewport and the window."""
        return self.driver.execute_script(
            """
            const grid = document.getElementById(arguments[0]);
            const port = grid.querySelector('.ag-body-viewport').getBoundingClientRect();
            const bottom = Math.min(port.bottom, window.innerHeight);
            return Array.from(grid.querySelectorAll(
                '.ag-center-cols-container .ag-row[row-id]:not(.ag-row-loading)'))
                .filter(r => { const b = r.getBoundingClientRect();
                               return b.top >= port.top - 1 && b.bottom <= bottom + 1; })
                .length;
            """,
            ids.NOTES_GRID,
        )
