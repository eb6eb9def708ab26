"""The site as a reader walks it, on a desktop and on a phone: from the dashboard through
search to a customer, its agreement and a meeting; the directory sorted and filtered.
Every page opened must log no error and ask no host but the site for anything (the
``open_page`` fixture fails the test otherwise)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .conftest import DESKTOP, PHONE, OpenPage, Screen
from .reading import follow, navigate, open_result, search, visible_column

SCREENS = [pytest.param(DESKTOP, id="desktop"), pytest.param(PHONE, id="phone")]

CUSTOMER = "Human Resources"
CUSTOMER_PAGE = "customers/human-resources.html"


@pytest.mark.parametrize("screen", SCREENS)
def test_a_reader_finds_a_customer_and_follows_its_records(
    open_page: OpenPage, screen: Screen
) -> None:
    page = open_page("index.html", screen)
    expect(page.locator("article h1")).to_contain_text("customer directory")

    results = search(page, screen, CUSTOMER)
    open_result(results, CUSTOMER_PAGE, CUSTOMER)
    expect(page).to_have_url(re.compile(re.escape(CUSTOMER_PAGE)))
    expect(page.locator("article h1")).to_have_text(re.compile(rf"^{CUSTOMER}"))

    content = page.locator("article")
    agreement = content.locator('a[href^="../agreements/"]').first
    follow(page, agreement, "agreements")
    page.go_back()
    expect(page).to_have_url(re.compile(re.escape(CUSTOMER_PAGE)))
    meeting = content.locator('a[href^="../meetings/"]').first
    follow(page, meeting, "meetings")
    # A meeting page leads back to the customers it was held with.
    expect(page.locator("article").get_by_role("link", name=CUSTOMER).first).to_be_visible()


@pytest.mark.parametrize("screen", SCREENS)
def test_the_directory_sorts_and_filters_its_table(open_page: OpenPage, screen: Screen) -> None:
    page = open_page("index.html", screen)
    navigate(page, screen, "Customers", "Directory")
    expect(page).to_have_url(re.compile(r"/customers\.html"))
    box = page.locator(".brm-filter").first
    table = box.locator("table")
    everyone = visible_column(table, 0)
    roles = visible_column(table, 1)
    assert len(everyone) >= 20 and {"customer", "purchaser"} <= set(roles)

    header = table.locator("thead th").first
    header.click()
    expect(header).to_have_attribute("aria-sort", "ascending")
    ascending = visible_column(table, 0)
    assert ascending == sorted(everyone, key=str.casefold) != everyone
    header.click()
    expect(header).to_have_attribute("aria-sort", "descending")
    assert visible_column(table, 0) == ascending[::-1]

    box.get_by_role("searchbox").fill("anna lind")
    kept = visible_column(table, 7)
    assert kept and set(kept) == {"Anna Lind"} and len(kept) < len(everyone)
    expect(box.locator(".brm-filter-count")).to_have_text(f"{len(kept)} of {len(everyone)} rows")
    box.get_by_role("searchbox").fill("")
    box.get_by_role("combobox", name="Show only rows with this Role").select_option("purchaser")
    assert visible_column(table, 1) == ["purchaser"] * roles.count("purchaser")
    box.get_by_role("combobox", name="Show only rows with this Role").select_option("")
    box.get_by_role("combobox", name="Show only rows with this Health").select_option("act")
    rated = visible_column(table, 2)
    assert rated and set(rated) == {"act"} and len(rated) < len(everyone)


@pytest.mark.parametrize("screen", SCREENS)
def test_every_section_of_the_navigation_opens(open_page: OpenPage, screen: Screen) -> None:
    page = open_page("index.html", screen)
    for section, item, path in [
        ("Agreements", "Service levels", "service-levels.html"),
        ("Meetings", "Meetings", "meetings.html"),
        ("Satisfaction", "Satisfaction", "satisfaction.html"),
        ("Changes", "Writing records", "writing.html"),
    ]:
        navigate(page, screen, section, item)
        expect(page).to_have_url(re.compile(re.escape(path)))
        expect(page.locator("article h1")).to_be_visible()
