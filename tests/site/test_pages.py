"""Generated pages match their golden files: one page of every kind, from the sample.

``pytest --update-golden`` rewrites tests/golden/site/ from the current output so that a
change to a template can be reviewed in the diff.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from brm_build.model.registry import KIND_BY_FOLDER
from brm_build.site.links import RECORD_FOLDERS

from ..conftest import ROOT
from .sample import history, sample_pages

GOLDEN = ROOT / "tests" / "golden" / "site"
PAGES = [
    "index.md",
    "customers.md",
    "customers/finance.md",
    "customers/scanning.md",
    "customers/travel-desk.md",
    "agreements.md",
    "agreements/finance-erp.md",
    "service-levels.md",
    "meetings.md",
    "meetings/2026-11-10-finance-review.md",
    "satisfaction.md",
    "surveys/csat-2026-q3.md",
    "services.md",
    "services/erp.md",
    "projects.md",
    "projects/erp-upgrade.md",
    "feedback.md",
    "feedback/2026-06-01-fast-fix.md",
    "requirements.md",
    "changes.md",
]


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return sample_pages(history())


@pytest.mark.parametrize("page", PAGES)
def test_page_matches_golden(page: str, pages: dict[str, str], update_golden: bool) -> None:
    golden = GOLDEN / page
    if update_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(pages[page], encoding="utf-8")
    assert pages[page] == golden.read_text(encoding="utf-8")


def test_every_golden_file_is_a_tested_page() -> None:
    files = sorted(p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*.md"))
    assert files == sorted(PAGES)


def test_every_record_has_a_page(pages: dict[str, str]) -> None:
    records = ROOT / "tests" / "site" / "sample" / "records"
    for folder in RECORD_FOLDERS:  # every kind but the one shown on its agreement's page
        kind = KIND_BY_FOLDER[folder]
        files = list((records / folder).rglob(f"*{kind.extension}"))
        assert files, folder
        for path in files:
            assert f"{folder}/{Path(path).stem}.md" in pages


def test_a_service_description_is_markdown_shown_without_its_asterisks(
    pages: dict[str, str],
) -> None:
    page = pages["services/erp.md"]
    assert "<strong>extended hours</strong>" in page and "<em>the agreement</em>" in page
    assert "&#42;" not in page


def test_every_page_writes_a_percentage_one_way(pages: dict[str, str]) -> None:
    spaced = {
        path: re.findall(r".{0,30}\d(?: |&nbsp;)%.{0,10}", text)
        for path, text in pages.items()
        if path.endswith(".md")
    }
    assert {path: found for path, found in spaced.items() if found} == {}
    assert any(re.search(r"\d%", text) for text in pages.values())
