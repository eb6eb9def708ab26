"""Accessibility in a real browser: axe-core on every kind of page, in the light and the
dark scheme; charts readable without sight; the helper itself shown to fail on a page
that has violations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from .axe import CONTRAST_RULES, Violation, audit
from .conftest import DESKTOP, PHONE, OpenPage, Screen
from .kinds import KINDS, THEMED, example, unchecked
from .layout import layout_problems, load_images
from .structure import MIN_ALT_WORDS, audit_page, audit_site
from .tools import axe_source


@pytest.fixture(scope="session")
def axe() -> str:
    """axe.min.js from node_modules; a skip (a failure in CI) when npm ci has not run."""
    return axe_source()


def _report(violations: list[Violation]) -> str:
    return "\n".join(str(v) for v in violations)


@pytest.mark.parametrize("kind", KINDS)
def test_no_serious_violation_on_any_kind_of_page(
    open_page: OpenPage, built_site: Path, axe: str, kind: str
) -> None:
    page = open_page(example(built_site, kind))
    violations = audit(page, axe)
    assert not violations, f"{page.url}:\n{_report(violations)}"


@pytest.mark.parametrize("kind", THEMED)
def test_the_dark_scheme_keeps_text_readable(
    open_page: OpenPage, built_site: Path, axe: str, kind: str
) -> None:
    page = open_page(example(built_site, kind), scheme="dark")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    violations = audit(page, axe, CONTRAST_RULES)
    assert not violations, f"{page.url}:\n{_report(violations)}"


def test_every_page_of_the_site_is_of_a_checked_kind(built_site: Path) -> None:
    assert unchecked(built_site) == [], "add the new kind of page to tests/browser/kinds.py"


def test_images_have_alt_text_tables_have_headers_and_charts_their_data(built_site: Path) -> None:
    charts, problems = audit_site(built_site)
    assert problems == []
    assert charts >= 20, "the example site shows charts on its satisfaction and service pages"


SCREENS = [pytest.param(DESKTOP, id="desktop"), pytest.param(PHONE, id="phone")]

CHART_PAGES = {
    "satisfaction.html": True,
    "service-levels.html": True,
    "customers/finance.html": True,
    "index.html": False,
}
"""Pages that show charts: True where the example must have them, False where they may
come (the dashboard shows relationship health as a table for now)."""


# Per chart on the page: its alt text, whether the image loaded, and its data table's
# header and body cells and whether the table is on screen once scrolled to.
_CHARTS = """() => Array.from(document.querySelectorAll("article .brm-chart")).map(chart => {
  const img = chart.querySelector("figure img");
  const table = chart.querySelector(".brm-chart-data table");
  const details = table ? table.closest("details") : null;
  const collapsed = !!details && !details.open;
  if (details) details.querySelector("summary").click();
  if (table) table.scrollIntoView({block: "center"});
  const r = table ? table.getBoundingClientRect() : null;
  return {
    src: img ? img.getAttribute("src") : null,
    alt: img ? img.alt : "",
    collapsed: collapsed,
    captions: chart.querySelectorAll("figcaption").length,
    loaded: !!img && img.complete && img.naturalWidth > 0,
    headers: table ? table.querySelectorAll("thead th").length : 0,
    rows: table ? table.tBodies[0].rows.length : 0,
    shown: !!r && r.width > 0 && r.height > 0 && r.top < innerHeight && r.bottom > 0,
  };
})"""


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("path", CHART_PAGES)
def test_charts_when_present_show_with_their_data_table(
    open_page: OpenPage, path: str, screen: Screen
) -> None:
    page = open_page(path, screen)
    load_images(page)
    charts: list[dict[str, Any]] = page.evaluate(_CHARTS)
    if not charts:
        assert not CHART_PAGES[path], f"{path} shows no chart"
        pytest.skip(f"{path} shows no chart yet; this test checks its charts once it does")
    for chart in charts:
        assert chart["loaded"], f"chart {chart['src']} did not load"
        assert len(chart["alt"].split()) >= MIN_ALT_WORDS, (
            f"chart {chart['src']}: alt {chart['alt']!r}"
        )
        assert chart["headers"] >= 2 and chart["rows"] >= 1, f"chart {chart['src']}: no data table"
        assert chart["collapsed"], f"chart {chart['src']}: its data table is not collapsed"
        assert chart["captions"] == 0, f"chart {chart['src']}: a caption repeats its alt text"
        assert chart["shown"], f"chart {chart['src']}: its data table is not shown when opened"
    assert layout_problems(page) == []


def test_the_axe_helper_reports_serious_violations(browser: Browser, axe: str) -> None:
    page = browser.new_page()
    try:
        page.set_content(
            "<!doctype html><html><head><title>t</title></head><body>"
            '<img src="data:,"><button></button>'
            '<p style="color:#bbb;background:#fff">faint text</p></body></html>'
        )
        rules = {v.rule for v in audit(page, axe)}
        assert {"image-alt", "button-name", "color-contrast", "html-has-lang"} <= rules
        page.set_content(
            '<!doctype html><html lang="en"><head><title>t</title></head><body><main>'
            '<h1>Fine</h1><img src="data:," alt="A fine picture"><p>Readable</p>'
            "</main></body></html>"
        )
        assert audit(page, axe) == []
    finally:
        page.close()


def test_the_structure_audit_reports_what_a_screen_reader_misses() -> None:
    page = (
        '<img src="a.png">'
        "<table><tr><td>no head</td></tr></table>"
        '<div class="brm-chart"><figure class="brm-chart-figure"><img src="c.svg" alt="c.svg">'
        "</figure></div>"
        '<div class="brm-chart"><figure><img src="d.svg" alt="Sales rose from 3 to 5"></figure>'
        "<div><table><thead><tr><th>Period</th></tr></thead><tbody><tr><td>Q1</td></tr>"
        "</tbody></table></div></div>"
    )
    assert audit_page("p.html", page) == [
        "p.html:1: <img src='a.png'> has no alt attribute",
        "p.html:1: <table> has no header cells in a <thead>",
        "p.html:1: <img src='c.svg'>: a chart's alt text must state its message",
        "p.html:1: <div>: chart c.svg has no data table beside it",
    ]
