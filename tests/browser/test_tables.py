"""Tables as a reader sees them: the dashboard's fit a desktop (1400 px) without sideways
scrolling; on a phone (375 px) tables of many columns become cards, no cell of any kind
of page grows taller than 400 px, the filter still hides rows, and the cards stay
axe-core clean in both schemes."""

from __future__ import annotations

from pathlib import Path

import pytest

from .axe import CONTRAST_RULES, audit
from .conftest import OpenPage, Scheme
from .kinds import THEMED, example
from .test_accessibility import _report
from .test_customer_pages import _TALL_CELLS, MAX_CELL_PX, NARROW, WIDE
from .tools import axe_source

# Per table in the article: how much wider it is than the box that shows it, and its
# first header, so that a failure names the table.
_CLIPPED = """() => Array.from(document.querySelectorAll("article table")).map(t => {
  const box = t.closest(".md-typeset__scrollwrap") || t.parentElement;
  const article = document.querySelector("article").getBoundingClientRect();
  const r = t.getBoundingClientRect();
  const hidden = Math.max(box.scrollWidth - box.clientWidth, r.right - article.right, 0);
  const head = t.querySelector("th");
  return [Math.round(hidden), head ? head.textContent.trim() : ""];
}).filter(([hidden]) => hidden > 1)"""

# Per table: whether it is a stack of cards (its header row out of sight, its rows as
# wide as the article), and a labelled cell's label as the reader sees it.
_CARDS = """() => Array.from(document.querySelectorAll("article table")).map(t => {
  const head = t.tHead ? t.tHead.getBoundingClientRect() : null;
  const row = t.tBodies[0] && t.tBodies[0].rows[0];
  const cell = row ? row.querySelector("td[data-label]:not(:first-child)") : null;
  const label = cell ? getComputedStyle(cell, "::before").content : "";
  const article = document.querySelector("article").getBoundingClientRect();
  return {
    columns: t.tHead ? t.tHead.rows[0].cells.length : 0,
    cards: t.hasAttribute("data-brm-cards"),
    sorts: t.closest(".brm-filter") !== null,
    headSeen: head ? head.width > 1 && head.height > 1 : false,
    rowWidth: row ? row.getBoundingClientRect().width / article.width : 0,
    label: label,
  };
})"""


def test_no_dashboard_table_needs_sideways_scrolling_on_a_desktop(open_page: OpenPage) -> None:
    page = open_page("index.html", WIDE)
    assert page.locator("article table").count() >= 5
    assert page.evaluate(_CLIPPED) == []


def test_the_dashboard_opens_with_health_and_what_needs_attention(open_page: OpenPage) -> None:
    page = open_page("index.html", WIDE)
    headings = [h.rstrip("¶") for h in page.locator("article h2").all_inner_texts()]
    assert headings[:2] == ["Relationship health", "Needs attention"], headings
    assert headings[-1] == "The records in numbers"
    top = page.locator("article h2", has_text="Relationship health").bounding_box()
    assert top is not None and top["y"] < 900 / 2, "the health table starts in the first screen"


def test_the_check_shows_a_clipped_table(open_page: OpenPage) -> None:
    page = open_page("index.html", WIDE)
    page.add_style_tag(content="article table td:first-child { min-width: 2000px; }")
    assert page.evaluate(_CLIPPED), "a table wider than its box counts as clipped"


def test_no_table_cell_of_any_kind_of_page_grows_tall_on_a_phone(
    open_page: OpenPage, built_site: Path
) -> None:
    problems = []
    for kind in THEMED:
        path = example(built_site, kind)
        page = open_page(path, NARROW)
        for height, text in page.evaluate(_TALL_CELLS, MAX_CELL_PX):
            problems.append(f"{path}: a cell {height:.0f} px tall: {text!r}")
        page.context.close()
    assert problems == []


@pytest.mark.parametrize("path", ["index.html", "changes.html", "customers.html"])
def test_tables_of_many_columns_are_cards_on_a_phone(open_page: OpenPage, path: str) -> None:
    tables = open_page(path, NARROW).evaluate(_CARDS)
    wide = [t for t in tables if t["columns"] >= 4]
    assert wide, f"{path} has a table of four columns or more"
    for t in wide:
        # a register's headers stay in sight, as buttons that sort the cards
        assert t["cards"] and t["headSeen"] == t["sorts"], t
        assert t["rowWidth"] > 0.95, t
        assert t["label"].startswith('"') and t["label"].endswith(': "'), t


def test_a_table_of_many_columns_keeps_its_columns_on_a_desktop(open_page: OpenPage) -> None:
    tables = open_page("changes.html", WIDE).evaluate(_CARDS)
    assert tables and all(t["headSeen"] and t["label"] in ("", "none") for t in tables)


def test_the_filter_hides_rows_of_cards_and_their_headers_sort_them(open_page: OpenPage) -> None:
    page = open_page("customers.html", NARROW)
    names = page.locator(".brm-filter table tbody tr td:first-child")
    before = names.all_inner_texts()
    page.locator(".brm-filter table thead th").first.click()
    assert names.all_inner_texts() == sorted(before, key=str.casefold) != before
    rows = page.locator(".brm-filter table tbody tr")
    total = rows.count()
    page.locator(".brm-filter-bar input").fill("Group Finance")
    shown = [r for r in rows.all() if r.is_visible()]
    assert 0 < len(shown) < total


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["index.html", "changes.html", "customers.html"])
def test_cards_are_axe_clean(open_page: OpenPage, path: str, scheme: Scheme) -> None:
    page = open_page(path, NARROW, scheme)
    violations = audit(page, axe_source(), CONTRAST_RULES if scheme == "dark" else ())
    assert not violations, f"{page.url}:\n{_report(violations)}"
