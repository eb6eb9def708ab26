"""The site with a keyboard only: every Tab stop is on screen and shows that it has the
focus, and the directory's table sorts and filters without a mouse."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from .conftest import OpenPage
from .keyboard import calm, focus_by_tab, tab_through
from .reading import column_index, visible_column


@pytest.mark.parametrize("path", ["index.html", "customers.html"])
def test_every_tab_stop_shows_its_focus(open_page: OpenPage, path: str) -> None:
    page = open_page(path)
    calm(page)
    stops = tab_through(page)
    assert stops, "the Tab key reached nothing"
    assert stops[0].name.startswith("a.md-skip"), "the first stop skips to the content"
    assert len(stops) >= 30, [s.name for s in stops]
    assert [problem for stop in stops if (problem := stop.problem())] == []


def test_the_directory_table_sorts_and_filters_by_keyboard(open_page: OpenPage) -> None:
    page = open_page("customers.html")
    box = page.locator(".brm-filter").first
    table = box.locator("table")
    everyone = visible_column(table, 0)
    roles = visible_column(table, 1)

    assert focus_by_tab(page, ".brm-filter-bar input"), "the filter box takes the focus"
    page.keyboard.type("anna lind")
    managers = column_index(table, "Relationship manager")
    assert set(visible_column(table, managers)) == {"Anna Lind"}
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    assert visible_column(table, 0) == everyone

    page.keyboard.press("Tab")
    menu = box.get_by_role("combobox", name="Show only rows with this Role")
    expect(menu).to_be_focused()
    page.keyboard.press("ArrowDown")
    chosen = menu.input_value()
    assert chosen in roles
    assert visible_column(table, 1) == [chosen] * roles.count(chosen)
    page.keyboard.press("ArrowUp")
    assert visible_column(table, 0) == everyone

    assert focus_by_tab(page, ".brm-filter thead th"), "the column headers take the focus"
    header = page.locator(".brm-filter thead th:focus")
    page.keyboard.press("Enter")
    expect(header).to_have_attribute("aria-sort", "ascending")
    ascending = visible_column(table, 0)
    assert ascending != everyone and sorted(ascending) == sorted(everyone)
    page.keyboard.press(" ")
    expect(header).to_have_attribute("aria-sort", "descending")
    assert visible_column(table, 0) == ascending[::-1]


def test_the_focus_check_reports_hidden_and_invisible_focus(browser: Browser) -> None:
    page = browser.new_page()
    try:
        page.set_content(
            "<!doctype html><html lang='en'><body>"
            "<a href='#a' id='a'>shows its focus</a>"
            "<a href='#b' id='b' style='outline: none'>hides its focus</a>"
            "<a href='#c' id='c' style='position: absolute; left: -9999px'>off screen</a>"
            "</body></html>"
        )
        calm(page)
        problems = [problem for stop in tab_through(page) if (problem := stop.problem())]
        assert problems == [
            'a "hides its focus": looks the same with and without the focus',
            'a "off screen": takes the focus but is not on screen',
        ]
    finally:
        page.close()
