"""axe-core in the test browser: the WCAG 2.1 A and AA rules run on the page as it stands.

axe-core is not part of the repository: `make axe` (a step of `make test`) installs it from
the npm registry into the virtual environment; RELANCE_AXE_JS names another copy. The script
goes into the page through WebDriver, which the Content-Security-Policy does not govern: the
policy stays as strict as production's while the page is checked.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
AXE_JS = Path(
    os.environ.get(
        "RELANCE_AXE_JS", ROOT / ".venv" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
    )
)
# WCAG 2.0 and 2.1, levels A and AA (axe's tags for them).
WCAG_21_AA = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
# What the issue holds the screens to: none of these may remain.
BLOCKING = ("serious", "critical")

RUN_AXE = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
  .then((results) => done(results.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => ({target: n.target.join(' '), summary: n.failureSummary})),
  }))))
  .catch((error) => done({error: String(error)}));
"""


@dataclass(frozen=True)
class Violation:
    rule: str
    impact: str
    help: str
    targets: tuple[str, ...]  # a CSS selector per element that breaks the rule
    summaries: tuple[str, ...]

    def describe(self) -> str:
        lines = [f"{self.impact}: {self.rule} ({self.help}), {len(self.targets)} element(s)"]
        for target, summary in list(zip(self.targets, self.summaries, strict=True))[:8]:
            lines.append(f"    {target}: {' '.join(summary.split())[:200]}")
        if len(self.targets) > 8:
            lines.append(f"    … and {len(self.targets) - 8} more")
        return "\n".join(lines)


@cache
def axe_source() -> str:
    if not AXE_JS.is_file():
        raise FileNotFoundError(
            f"axe-core is missing at {AXE_JS}: run `make axe` (or set RELANCE_AXE_JS)"
        )
    return AXE_JS.read_text(encoding="utf-8")


def violations(driver, tags: tuple[str, ...] = WCAG_21_AA) -> list[Violation]:
    """Every violation of the rules tagged `tags` on the current page."""
    if not driver.execute_script("return typeof window.axe === 'object'"):
        driver.execute_script(axe_source())
    driver.set_script_timeout(60)
    found = driver.execute_async_script(RUN_AXE, list(tags))
    if isinstance(found, dict):
        raise RuntimeError(f"axe-core failed on the page: {found['error']}")
    return [
        Violation(
            rule=v["id"],
            impact=v["impact"] or "",
            help=v["help"],
            targets=tuple(n["target"] for n in v["nodes"]),
            summaries=tuple(n["summary"] or "" for n in v["nodes"]),
        )
        for v in found
    ]


# axe leaves text of one character "incomplete" (it cannot tell it is text), so a counter
# showing "4" goes unchecked; badges (counters, the bell, column counts) are measured here:
# the text colour on the badge's own, opaque background.
BADGE_CONTRASTS = """
const channels = (css) => css.match(/[\\d.]+/g).map(Number);
const luminance = ([r, g, b]) => [r, g, b]
  .map((c) => c / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
  .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
const out = [];
for (const el of document.querySelectorAll(arguments[0])) {
  const style = getComputedStyle(el);
  const bg = channels(style.backgroundColor);
  if (!el.offsetParent || !el.innerText.trim() || (bg.length > 3 && bg[3] < 1)) { continue; }
  const [a, b] = [luminance(channels(style.color)), luminance(bg)];
  const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  out.push([el.id || el.className, el.innerText.trim(), Math.round(ratio * 100) / 100]);
}
return out;
"""


def low_contrast_badges(driver, selector: str = ".badge") -> list[tuple[str, str, float]]:
    """(id or class, text, contrast ratio) of each shown badge under 4.5:1."""
    found = driver.execute_script(BADGE_CONTRASTS, selector)
    return [(who, text, ratio) for who, text, ratio in found if ratio < 4.5]


def accessible_name(driver, selector: str) -> str:
    """The name Chromium gives the element to assistive technology (its accessibility tree)."""
    root = driver.execute_cdp_cmd("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    node = driver.execute_cdp_cmd("DOM.querySelector", {"nodeId": root, "selector": selector})
    tree = driver.execute_cdp_cmd(
        "Accessibility.getPartialAXTree", {"nodeId": node["nodeId"], "fetchRelatives": False}
    )
    return " ".join(str(tree["nodes"][0].get("name", {}).get("value", "")).split())


def labelled_dropdowns(driver) -> dict[str, str]:
    """Each dcc.Dropdown that a <label for> names: its id -> the label's text."""
    return driver.execute_script(
        """
        const out = {};
        for (const label of document.querySelectorAll('label[for]')) {
          const target = document.getElementById(label.htmlFor);
          if (target && target.matches('button.dash-dropdown') && label.offsetParent) {
            out[target.id] = label.innerText.trim();
          }
        }
        return out;
        """
    )


def blocking(found: list[Violation]) -> list[Violation]:
    return [v for v in found if v.impact in BLOCKING]


def elements_by_impact(found: list[Violation]) -> dict[str, int]:
    """How many elements break a rule, per impact (an element counts once per rule)."""
    counts: Counter[str] = Counter()
    for violation in found:
        counts[violation.impact] += len(violation.targets)
    return dict(counts)


def record(where: str, found: list[Violation]) -> None:
    """With RELANCE_AXE_RECORD set, appends what a page holds to that file (one JSON line:
    elements per impact and per rule), to measure a change of the screens."""
    path = os.environ.get("RELANCE_AXE_RECORD")
    if not path:
        return
    line = {
        "page": where,
        "by_impact": elements_by_impact(found),
        "by_rule": {f"{v.rule} ({v.impact})": len(v.targets) for v in found},
    }
    with open(path, "a", encoding="utf-8") as out:
        out.write(json.dumps(line) + "\n")


def report(found: list[Violation]) -> str:
    """A readable assertion message: each rule, its impact and the elements that break it."""
    if not found:
        return "no violation"
    return "\n".join(violation.describe() for violation in found)
