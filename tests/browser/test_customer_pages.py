"""The customer pages as a reader sees them: the summary in the first screen of every
customer and purchaser page on a desktop (1400 by 900 px) and a phone (375 px), no table cell
grown tall on a phone, axe-core clean in both schemes; screenshots of the first screen
saved under test-artifacts/screenshots/ for a person to look at."""

from __future__ import annotations

from pathlib import Path

import pytest

from .axe import CONTRAST_RULES, audit
from .conftest import OpenPage, Scheme, Screen
from .test_accessibility import _report
from .test_screenshots import SCREENSHOTS
from .tools import axe_source

WIDE = Screen("1400", {"width": 1400, "height": 900}, mobile=False)
NARROW = Screen("375", {"width": 375, "height": 812}, mobile=True)
MAX_CELL_PX = 400
"""A table cell taller than this on a phone is a column squeezed to a sliver."""

_SUMMARY = """() => {
  const s = document.querySelector("article .brm-summary");
  if (!s) return null;
  const r = s.getBoundingClientRect();
  return {top: r.top, bottom: r.bottom, height: window.innerHeight};
}"""

_TALL_CELLS = """limit => Array.from(document.querySelectorAll("article td, article th"))
  .map(c => [c.getBoundingClientRect().height, c.textContent.trim().slice(0, 60)])
  .filter(([h]) => h > limit)"""


def customer_pages(site: Path) -> list[str]:
    """The page of every customer and purchaser of the built site."""
    return sorted(f"customers/{p.name}" for p in (site / "customers").glob("*.html"))


@pytest.fixture(scope="module")
def pages(built_site: Path) -> list[str]:
    found = customer_pages(built_site)
    assert len(found) >= 20, "the example has 26 customers and purchasers"
    return found


def test_the_summary_fits_the_first_screen_of_every_customer_page_on_a_desktop(
    open_page: OpenPage, pages: list[str]
) -> None:
    misfits = []
    for path in pages:
        page = open_page(path, WIDE)
        box = page.evaluate(_SUMMARY)
        if box is None or box["bottom"] > box["height"]:
            misfits.append(f"{path}: {box}")
        page.context.close()
    assert misfits == []


def test_the_summary_starts_in_the_first_screen_on_a_phone_and_no_cell_grows_tall(
    open_page: OpenPage, pages: list[str]
) -> None:
    problems = []
    for path in pages:
        page = open_page(path, NARROW)
        box = page.evaluate(_SUMMARY)
        if box is None or box["top"] > box["height"] / 2:
            problems.append(f"{path}: summary at {box}")
        for height, text in page.evaluate(_TALL_CELLS, MAX_CELL_PX):
            problems.append(f"{path}: a cell {height:.0f} px tall: {text!r}")
        page.context.close()
    assert problems == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("screen", [WIDE, NARROW], ids=["1400", "375"])
def test_a_customer_and_a_purchaser_page_are_axe_clean_and_shot(
    open_page: OpenPage, screen: Screen, scheme: Scheme
) -> None:
    source = axe_source()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name in ("finance", "accounts-payable"):
        page = open_page(f"customers/{name}.html", screen, scheme)
        shot = SCREENSHOTS / f"customer-summary-{name}-{screen.name}-{scheme}.png"
        page.screenshot(path=shot)
        violations = audit(page, source, CONTRAST_RULES if scheme == "dark" else ())
        assert not violations, f"{page.url}:\n{_report(violations)}"
