"""The site's calendars: ``attention.ics`` and one per customer, read back with the icalendar
library, each holding the attention items of its unit and the units below it, and linked
from the dashboard and every customer page of the built site."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from pathlib import Path

import pytest
import yaml
from icalendar import Calendar

from brm_build.attention.items import Item
from brm_build.site.build import build
from brm_build.site.calendar import ORGANISATION, unit_calendar

from ..conftest import settings_for
from .sample import SAMPLE, history, sample_data, sample_pages

DOMAIN = "@attention.brm"
_ICS_LINK = re.compile(r'href="([^"]*\.ics)"')


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return sample_pages(history())


@pytest.fixture(scope="module")
def items() -> tuple[Item, ...]:
    return sample_data(history()).calendar


def _customers() -> dict[str, str | None]:
    """Each sample customer and its parent, read from the records themselves."""
    folder = SAMPLE / "records" / "customers"
    return {
        path.stem: yaml.safe_load(path.read_text(encoding="utf-8")).get("parent")
        for path in sorted(folder.glob("*.yaml"))
    }


def _below(parents: dict[str, str | None], top: str) -> set[str]:
    """``top`` and every unit whose chain of parents reaches it."""
    found = set()
    for unit in parents:
        up: str | None = unit
        while up is not None and up != top:
            up = parents.get(up)
        if up == top:
            found.add(unit)
    return found


def _uids(text: str) -> list[str]:
    """The UIDs of a calendar's events, parsed by icalendar from the bytes the site writes."""
    raw = text.encode("utf-8")
    assert raw.endswith(b"\r\n") and b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    cal = Calendar.from_ical(raw)
    events = cal.walk("VEVENT")
    assert all(e.get("dtstart").params.get("VALUE") == "DATE" for e in events)  # all-day
    return [str(e["uid"]) for e in events]


def _keys(items: Iterable[Item]) -> list[str]:
    return [f"{i.key}{DOMAIN}" for i in items if i.due is not None]


def test_the_organisation_calendar_holds_every_dated_item_by_its_key(
    pages: dict[str, str], items: tuple[Item, ...]
) -> None:
    uids = _uids(pages[ORGANISATION])
    assert uids == _keys(items) and len(uids) == len(set(uids)) > 5
    assert {i.due for i in items if i.due is not None} == {
        e.decoded("dtstart") for e in Calendar.from_ical(pages[ORGANISATION]).walk("VEVENT")
    }


def test_each_customer_calendar_holds_its_units_items_only(
    pages: dict[str, str], items: tuple[Item, ...]
) -> None:
    parents = _customers()
    assert {"finance", "payables", "scanning", "travel-desk", "sales"} <= set(parents)
    seen = set()
    for cid in parents:
        units = _below(parents, cid)
        uids = _uids(pages[unit_calendar(cid)])
        assert sorted(uids) == sorted(_keys(i for i in items if i.customer in units)), cid
        seen.update(uids)
    assert _below(parents, "finance") >= {"payables", "scanning", "travel-desk"}
    assert seen == set(_keys(items))  # every item is in some customer's calendar
    assert not set(_uids(pages[unit_calendar("scanning")])) & set(
        _uids(pages[unit_calendar("travel-desk")])
    )


def test_the_calendars_name_their_unit(pages: dict[str, str]) -> None:
    finance = Calendar.from_ical(pages[unit_calendar("finance")])
    name = yaml.safe_load((SAMPLE / "records/customers/finance.yaml").read_text())["name"]
    assert str(finance["x-wr-calname"]) == f"{name}: what is due"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("calendar-site") / "site"
    result = build(settings_for(SAMPLE), str(out))
    assert result.ok, result.problems
    return out


def _links(site: Path, page: str) -> list[Path]:
    """The files that the calendar links of built page ``page`` point to."""
    html = (site / page).read_text(encoding="utf-8")
    return [
        site / posixpath.normpath(posixpath.join(posixpath.dirname(page), href))
        for href in _ICS_LINK.findall(html)
    ]


def test_the_built_site_links_every_calendar_from_its_page(
    built: Path, pages: dict[str, str]
) -> None:
    assert _links(built, "index.html") == [built / ORGANISATION]
    assert (built / ORGANISATION).read_bytes() == pages[ORGANISATION].encode("utf-8")
    for cid in _customers():
        target = built / unit_calendar(cid)
        assert _links(built, f"customers/{cid}.html") == [target], cid
        assert target.read_bytes() == pages[unit_calendar(cid)].encode("utf-8")
    html = (built / "index.html").read_text(encoding="utf-8")
    assert "Subscribe to the calendar of what is due" in html
