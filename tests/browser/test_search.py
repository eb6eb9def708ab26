"""Search on the example site as a reader uses it, on a desktop (1400 px) and a phone
(375 px): a business unit's page is the first result for its name, its id, its cost
center and the name of its relationship manager; a record's page comes before the pages
that merely mention it; and each result stays short, so that several fit the box."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pytest
from playwright.sync_api import Page

from brm_build.check import check
from brm_build.model import Record
from brm_build.publication import Published, publish
from brm_build.site.relations import relationship_manager

from ..conftest import ROOT, settings_for
from .conftest import OpenPage, Screen
from .reading import first_results

WIDE = Screen("1400", {"width": 1400, "height": 900}, mobile=False)
NARROW = Screen("375", {"width": 375, "height": 812}, mobile=True)
SCREENS = [pytest.param(WIDE, id="1400"), pytest.param(NARROW, id="375")]
MAX_RESULT_PX = 320
"""The first result is at most this tall: a unit's result once took a whole screen."""


@dataclass(frozen=True)
class Query:
    """Words a reader types, and the pages any of which must be the first result."""

    words: str
    pages: frozenset[str]


@dataclass(frozen=True)
class Example:
    """What to search the example site for."""

    units: list[Query]
    """Each unit's name, id and cost center, and each relationship manager's name."""
    records: list[Query]
    """The titles of the agreements, the names of the services and projects."""


@pytest.fixture(scope="module")
def example() -> Example:
    settings = settings_for(ROOT)
    pub = publish(check(settings).repository, settings.config.publish)
    units: list[Query] = []
    managed: dict[str, set[str]] = {}
    for cid, unit in pub.customers.items():
        page = f"customers/{cid}.html"
        units += [Query(unit.record.name, frozenset({page})), Query(cid, frozenset({page}))]
        if unit.record.cost_center:
            units.append(Query(unit.record.cost_center, frozenset({page})))
        person = relationship_manager(pub, cid).person
        if person is not None:
            managed.setdefault(person.name, set()).add(page)
    units += [Query(name, frozenset(pages)) for name, pages in sorted(managed.items())]
    named: dict[str, set[str]] = {}
    for folder, field in (("agreements", "title"), ("services", "name"), ("projects", "name")):
        table: Mapping[str, Published[Record]] = pub.table(folder)
        for rid, entry in table.items():
            name = str(getattr(entry.record, field))
            named.setdefault(name, set()).add(f"{folder}/{rid}.html")
    # A project may bear the name of the service it builds: either page is the record.
    records = [Query(name, frozenset(pages)) for name, pages in sorted(named.items())]
    assert len(pub.customers) == 26 and len(managed) >= 3 and len(records) >= 20
    return Example(units, records)


def _misses(page: Page, screen: Screen, queries: list[Query]) -> tuple[list[str], list[str]]:
    """The queries whose first result is not one of their pages, and those whose first
    result is taller than MAX_RESULT_PX."""
    misses, tall = [], []
    for query in queries:
        found = first_results(page, screen, query.words)
        if not found or found[0] not in query.pages:
            misses.append(f"{query.words!r}: {found[:3]}, wanted one of {sorted(query.pages)}")
        height = page.locator(".md-search-result__item").first.evaluate(
            "e => e.getBoundingClientRect().height"
        )
        if height > MAX_RESULT_PX:
            tall.append(f"{query.words!r}: the first result is {height:.0f} px tall")
    return misses, tall


@pytest.mark.parametrize("screen", SCREENS)
def test_a_unit_is_the_first_short_result_for_its_name_id_and_relationship_manager(
    open_page: OpenPage, example: Example, screen: Screen
) -> None:
    page = open_page("index.html", screen)
    misses, tall = _misses(page, screen, example.units)
    assert (misses, tall) == ([], []), "\n".join(misses + tall)


def test_a_records_page_comes_before_the_pages_that_mention_it(
    open_page: OpenPage, example: Example
) -> None:
    page = open_page("index.html", WIDE)
    misses, tall = _misses(page, WIDE, example.records)
    assert (misses, tall) == ([], []), "\n".join(misses + tall)
