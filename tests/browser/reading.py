"""What a reader does on the site, step by step, on a desktop or a phone."""

from __future__ import annotations

import re
from urllib.parse import urlencode

from playwright.sync_api import Locator, Page, expect

from .conftest import Screen


def search(page: Page, screen: Screen, words: str) -> Locator:
    """Type ``words`` into the theme's search box; the list of results."""
    if screen.mobile:
        page.locator('label.md-header__button[for="__search"]').click()
    box = page.get_by_role("textbox", name="Search")
    box.click()
    # Key by key, as a reader types: the theme searches on key presses.
    box.press_sequentially(words)
    results = page.locator(".md-search-result__list")
    expect(results.locator(".md-search-result__link").first).to_be_visible()
    return results


def first_results(page: Page, screen: Screen, words: str) -> list[str]:
    """Search for ``words`` at once, as when they are pasted into the search box; the page
    of each result, in order (each result's link to its page, not to its sections)."""
    if screen.mobile and not page.get_by_role("textbox", name="Search").is_visible():
        page.locator('label.md-header__button[for="__search"]').click()
    box = page.get_by_role("textbox", name="Search")
    results = page.locator(".md-search-result__list")
    # The theme searches when a key is let go and redraws the list with the answer: the
    # list emptied first fills again only with the answer for these words.
    results.evaluate("list => list.replaceChildren()")
    box.fill(words)
    box.press("End")
    items = results.locator(":scope > li.md-search-result__item")
    expect(items.first).to_be_visible()
    hrefs: list[str] = items.evaluate_all(
        "items => items.map(i => new URL(i.querySelector('a').href).pathname)"
    )
    return [href.lstrip("/") for href in hrefs]


def open_result(results: Locator, page_path: str, words: str) -> None:
    """Click the result for ``words`` that is the page ``page_path`` itself, not a section
    of it. The theme redraws the list on every key and names the words it highlights in
    each link, so the link for all of ``words`` is one of the last list's."""
    highlight = urlencode({"h": words.lower()})
    link = f'a.md-search-result__link[href*="/{page_path}?{highlight}"]:not([href*="#"])'
    results.locator(link).first.click()


def follow(page: Page, link: Locator, folder: str) -> str:
    """Click ``link`` to a record page in ``folder``; check that its page opens with the
    link's text as heading, and return that text."""
    text = link.inner_text().strip()
    link.click()
    expect(page).to_have_url(re.compile(rf"/{folder}/[^/]+\.html"))
    expect(page.locator("article h1")).to_contain_text(text)
    return text


def navigate(page: Page, screen: Screen, section: str, item: str) -> None:
    """Go to page ``item`` of navigation section ``section`` (the section itself when it
    has one page): by the tabs on a desktop, through the menu drawer on a phone."""
    if not screen.mobile:
        page.locator(".md-tabs").get_by_role("link", name=section, exact=True).click()
        if item != section:
            sidebar = page.locator(".md-sidebar--primary")
            sidebar.get_by_role("link", name=item, exact=True).click()
        return
    page.locator('label.md-header__button[for="__drawer"]').click()
    nav = page.locator("nav.md-nav--primary")
    # The drawer opens on the current page's section: its title leads up to the top level.
    back = nav.locator('.md-nav__item--active > nav > label.md-nav__title[for^="__nav_"]')
    if back.count():
        back.first.click()
    if item != section:
        nav.locator("label.md-nav__link:visible", has_text=section).click()
    nav.get_by_role("link", name=item, exact=True).click()


def column_index(table: Locator, header: str) -> int:
    """The index of the column of ``table`` whose header reads ``header``."""
    headers: list[str] = table.evaluate(
        "t => Array.from(t.tHead.rows[0].cells).map(c => c.textContent.trim())"
    )
    return headers.index(header)


def visible_column(table: Locator, index: int) -> list[str]:
    """The texts of column ``index`` in the rows of ``table`` that are shown."""
    cells: list[str] = table.evaluate(
        """(t, i) => Array.from(t.tBodies[0].rows).filter(r => !r.hidden)
                          .map(r => r.cells[i].textContent.trim())""",
        index,
    )
    return cells
