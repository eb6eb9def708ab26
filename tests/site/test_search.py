"""The search ranking reaches the built site: each page's ``search.boost`` lands on every
entry of it in search_index.json, built afresh and through the page cache alike, and the
blocks every page shares stay out of the index."""

from __future__ import annotations

import dataclasses
import json
import shutil
from collections import defaultdict
from pathlib import Path

import pytest

from brm_build.model.settings import CacheSettings
from brm_build.site.search import (
    RECORD_BOOST,
    SERVICE_BOOST,
    UNIT_BOOST,
    search_boost,
    unit_boost,
)

from ..conftest import settings_for
from .sample import SAMPLE

DEPTHS = {"finance": 0, "sales": 0, "payables": 1, "travel-desk": 1, "scanning": 2}
"""How far below the top of the sample's structure each of its units is."""


def test_a_unit_ranks_above_services_a_service_above_other_records_and_they_above_registers() -> (
    None
):
    assert search_boost("customers/finance.md") == unit_boost(0) == UNIT_BOOST
    assert unit_boost(0) > unit_boost(1) > unit_boost(2) > unit_boost(1000) > SERVICE_BOOST
    assert search_boost("services/erp.md") == SERVICE_BOOST > RECORD_BOOST
    for page in ("agreements/a.md", "meetings/2026-01-01-review.md", "feedback/x.md"):
        assert search_boost(page) == RECORD_BOOST
    for page in ("index.md", "customers.md", "agreements.md", "health.md", "charts/x.svg"):
        assert search_boost(page) is None


def _boosts(site: Path) -> dict[str, set[object]]:
    """The boosts of the entries of every page in the site's search index."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    found: dict[str, set[object]] = defaultdict(set)
    for entry in index["docs"]:
        found[entry["location"].split("#")[0]].add(entry.get("boost"))
    return found


def _texts(site: Path) -> str:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return "\n".join(entry["text"] for entry in index["docs"])


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The sample built afresh, then again with one record changed, through the cache."""
    from brm_build.site.build import build

    tmp = tmp_path_factory.mktemp("search")
    root = tmp / "repo"
    shutil.copytree(SAMPLE, root)
    cache = CacheSettings(str(root / ".brm-cache" / "check"), str(tmp / "key"))
    settings = dataclasses.replace(settings_for(root), cache=cache)
    first = build(settings, str(tmp / "first"))
    assert first.ok and first.reused == 0, first.problems
    service = min((root / "records" / "services").glob("*.yaml"))
    service.write_text(service.read_text(encoding="utf-8") + "support_hours: 24x7\n")
    again = build(settings, str(tmp / "again"))
    assert again.ok and again.reused > 0 and again.rendered > 0, again.problems
    return tmp / "first", tmp / "again"


@pytest.mark.parametrize("which", ["afresh", "through the cache"])
def test_every_entry_of_a_page_carries_its_boost(sites: tuple[Path, Path], which: str) -> None:
    site = sites[0] if which == "afresh" else sites[1]
    boosts = _boosts(site)
    for unit, depth in DEPTHS.items():
        assert boosts[f"customers/{unit}.html"] == {unit_boost(depth)}, unit
    records = [p for p in boosts if p.split("/")[0] in ("agreements", "meetings")]
    services = [p for p in boosts if p.startswith("services/")]
    assert len(records) >= 2 and len(services) >= 2
    for page in records:
        assert boosts[page] == {RECORD_BOOST}, page
    for page in services:
        assert boosts[page] == {SERVICE_BOOST}, page
    for page in ("index.html", "customers.html", "agreements.html", "services.html"):
        assert boosts[page] == {None}, page


def test_the_summary_and_the_last_change_stay_out_of_the_index(
    sites: tuple[Path, Path],
) -> None:
    text = _texts(sites[0])
    assert "Relationship health" not in text and "Propose a change" not in text
    assert "id <code>scanning</code>" in text
    page = (sites[0] / "customers" / "scanning.html").read_text(encoding="utf-8")
    assert "Relationship health" in page and "Propose a change" in page
