"""/analytics: the summary, seven charts with a CSV link each, the period and its errors."""

from __future__ import annotations

from components import ids
from components.analytics import GRAPH_IDS
from tests.browser.pages.base import Page

# Each chart's name (as its CSV route names it) and its element.
CHARTS = GRAPH_IDS
DATES = {"from": ids.ANALYTICS_FROM, "to": ids.ANALYTICS_TO}
DATE_ERRORS = {"from": ids.ANALYTICS_FROM_ERROR, "to": ids.ANALYTICS_TO_ERROR}


def csv_link_id(chart: str) -> str:
    return f"{ids.ANALYTICS_CSV}-{chart}"


class AnalyticsPage(Page):
    PATH = "/analytics"

    def summary(self) -> list[str]:
        """The numbers of the summary badges, left to right."""
        return [badge.text for badge in self.browser.elements(f"#{ids.ANALYTICS_SUMMARY} .badge")]

    def wait_for_summary(self, first: str) -> list[str]:
        self.browser.wait_until(
            lambda: self.summary()[:1] == [first], f"the summary never started with {first}"
        )
        return self.summary()

    def bars(self, chart: str) -> int:
        return self.browser.count(f"#{CHARTS[chart]} .bars path")

    def wait_for_bars(self, chart: str) -> None:
        self.browser.wait_until(lambda: self.bars(chart) > 0, f"no {chart} bars")

    def plots(self, chart: str) -> int:
        """How many drawn plots (Plotly's .main-svg) the chart holds."""
        return self.browser.count(f"#{CHARTS[chart]} .main-svg")

    def shown(self, chart: str) -> int:
        """How many of the chart's element the page holds (0 or 1)."""
        return self.browser.count(f"#{CHARTS[chart]}")

    def chart_text(self, chart: str) -> str:
        return self.browser.text(CHARTS[chart])

    def csv_link(self, chart: str) -> str:
        """Where a chart's "Download the data (CSV)" link points (the whole address)."""
        return self.browser.attribute(csv_link_id(chart), "href")

    def csv_link_text(self, chart: str) -> str:
        return self.browser.text(csv_link_id(chart))

    def wait_for_csv_link(self, chart: str, fragment: str) -> None:
        self.browser.wait_until(
            lambda: fragment in self.csv_link(chart),
            f"the {chart} CSV link never held {fragment!r}",
        )

    def set_date(self, which: str, iso_day: str) -> None:
        """The custom period's 'from' or 'to' day."""
        self.browser.set_date(DATES[which], iso_day)

    def date_classes(self, which: str) -> str:
        """The CSS classes of a date field ('is-invalid' when it is refused)."""
        return self.browser.attribute(DATES[which] + "-wrapper", "class")

    def date_error(self, which: str) -> str:
        return self.browser.text(DATE_ERRORS[which])

    def wait_for_date_error(self, which: str, fragment: str) -> str:
        return self.browser.wait_for_text_containing(DATE_ERRORS[which], fragment)

    def wait_for_error(self, fragment: str) -> str:
        """The page's own message: not allowed, or a team, person or period refused."""
        return self.browser.wait_for_text_containing(ids.ANALYTICS_ERROR, fragment)
