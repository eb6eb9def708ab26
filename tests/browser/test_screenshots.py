"""The main pages on a desktop and a phone, light and dark: nothing wider than the
window, wide tables scrolling in their own box, images loaded. Each is saved as a
screenshot under test-artifacts/screenshots/ for a person to look at."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from ..conftest import ROOT
from .conftest import DESKTOP, PHONE, OpenPage, Scheme, Screen
from .layout import layout_problems, load_images

SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"

PAGES = {
    "dashboard": "index.html",
    "directory": "customers.html",
    "customer": "customers/finance.html",
    "agreement": "agreements/finance-erp-2025.html",
    "satisfaction": "satisfaction.html",
    "pack": "packs/finance-2026-Q3.html",
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    "screen", [pytest.param(DESKTOP, id="desktop"), pytest.param(PHONE, id="phone")]
)
@pytest.mark.parametrize("name", PAGES)
def test_pages_fit_the_screen(
    open_page: OpenPage, name: str, screen: Screen, scheme: Scheme
) -> None:
    page = open_page(PAGES[name], screen, scheme)
    load_images(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}-{screen.name}-{scheme}.png", full_page=True)
    assert layout_problems(page) == []


def test_the_layout_check_reports_what_overflows(browser: Browser) -> None:
    page = browser.new_page(viewport={"width": 400, "height": 600})
    wide = "<table><tr><td style='min-width: 900px'>wide</td></tr></table>"
    try:
        page.set_content(
            f"<!doctype html><html><body><article style='width: 300px'>{wide}"
            f"<div style='overflow-x: auto'>{wide}</div></article></body></html>"
        )
        problems = layout_problems(page)
        assert len(problems) == 2, problems
        assert problems[0].startswith("the page is ")
        assert "<table> is " in problems[1] and "does not scroll" in problems[1]
    finally:
        page.close()
