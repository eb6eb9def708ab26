"""The site's review packs are the packs brm report writes: the same bytes, linked from
each customer and purchaser page for the latest four quarters."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from brm_build.analytics.stats import compute_stats
from brm_build.check import check
from brm_build.cli import main
from brm_build.report.site import pack_path, site_packs, site_quarters
from brm_build.settings import Settings

from ..conftest import ROOT


def test_the_latest_four_quarters() -> None:
    labels = [s.label for s in site_quarters(dt.date(2026, 2, 3))]
    assert labels == ["2026-Q1", "2025-Q4", "2025-Q3", "2025-Q2"]


def test_the_site_pack_is_the_cli_pack(
    example_settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = check(example_settings).repository
    packs = site_packs(repo, example_settings, compute_stats(repo, example_settings))
    units = {path.split("/")[1] for path in packs}
    assert "payroll" in units and "finance" in units
    assert len(packs) == 4 * len(units)
    out = tmp_path / "pack.html"
    argv = ["report", "payroll", "--period", "2026-Q3", "--format", "html", "--out", str(out)]
    assert main([*argv, "--root", str(ROOT), "--today", "2026-11-26"]) == 0
    span = site_quarters(example_settings.today)[1]
    assert packs[pack_path("payroll", span)] == out.read_bytes()
