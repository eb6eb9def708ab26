"""The site's review packs are the packs brm report writes: the same page but for where
its style sheet and charts are (files on the site, inline in the mailed page), linked
from each customer and purchaser page for the latest four quarters."""

from __future__ import annotations

import base64
import datetime as dt
import posixpath
import re
from pathlib import Path

import pytest

from brm_build.analytics.stats import compute_stats
from brm_build.check import check
from brm_build.cli import main
from brm_build.report.html import pack_style
from brm_build.report.site import STYLESHEET, pack_path, site_packs, site_quarters

from ..conftest import ROOT, settings_for

IMAGE = re.compile(r'<img src="([^"]+)"')
DATA = "data:image/svg+xml;base64,"


def test_the_latest_four_quarters() -> None:
    labels = [s.label for s in site_quarters(dt.date(2026, 2, 3))]
    assert labels == ["2026-Q1", "2025-Q4", "2025-Q3", "2025-Q2"]
    assert site_quarters(dt.date(2026, 12, 31))[0].label == "2026-Q4"


@pytest.fixture(scope="module")
def packs() -> dict[str, str]:
    settings = settings_for(ROOT)
    repo = check(settings).repository
    return site_packs(repo, settings, compute_stats(repo, settings))


def _cli_html(tmp_path: Path, unit: str, period: str) -> str:
    out = tmp_path / "pack.html"
    argv = ["report", unit, "--period", period, "--format", "html", "--out", str(out)]
    assert main([*argv, "--root", str(ROOT), "--today", "2026-11-26"]) == 0
    return out.read_text(encoding="utf-8")


@pytest.mark.parametrize("unit", ["payroll", "finance"])
def test_the_site_pack_is_the_cli_pack(unit: str, packs: dict[str, str], tmp_path: Path) -> None:
    """The same page, each chart the same SVG; only the head, the link back to the unit's
    page and the charts' addresses differ."""
    span = site_quarters(dt.date(2026, 11, 26))[1]
    path = pack_path(unit, span)
    site, mailed = packs[path], _cli_html(tmp_path, unit, span.label)
    site_images, mailed_images = IMAGE.findall(site), IMAGE.findall(mailed)
    assert len(site_images) == len(mailed_images) >= 2
    for address, inline in zip(site_images, mailed_images, strict=True):
        assert not address.startswith("data:") and inline.startswith(DATA)
        chart = posixpath.normpath(posixpath.join(posixpath.dirname(path), address))
        assert packs[chart].encode("utf-8") == base64.b64decode(inline[len(DATA) :])

    def body(page: str) -> str:
        text = page.split("<body>\n", 1)[1]
        text = re.sub(r'^<nav class="pack-nav".*?</nav>\n', "", text)
        return IMAGE.sub('<img src=""', text)

    assert body(site) == body(mailed)


def test_site_packs_have_no_inline_style_or_data_address(packs: dict[str, str]) -> None:
    pages = {p: t for p, t in packs.items() if p.endswith(".html")}
    units = {posixpath.basename(p).rsplit("-", 2)[0] for p in pages}
    assert {"payroll", "finance"} <= units and len(pages) == 4 * len(units)
    for path, text in pages.items():
        assert "<style" not in text and "data:" not in text and " style=" not in text, path
        assert f'href="../{STYLESHEET}"' in text
        assert '<a href="../customers/' in text
    assert packs[STYLESHEET] == pack_style()
