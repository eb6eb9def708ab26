"""The practice page: its charts and every quarter's counts, linked from the dashboard,
which shows the current quarter's figures."""

from __future__ import annotations

import dataclasses

from brm_build.charts.figures import site_figures
from brm_build.check import check
from brm_build.recorded import recorded
from brm_build.site import links
from brm_build.site.context import environment
from brm_build.site.pages import generate

from ..conftest import settings_for
from .sample import SAMPLE, sample_data


def _pages() -> dict[str, str]:
    settings = dataclasses.replace(settings_for(SAMPLE), cache=None)
    repo = check(settings).repository
    past = recorded(repo, settings, None)
    figures = site_figures(repo, settings, workers=1, past=past)
    return generate(dataclasses.replace(sample_data(), figures=figures), environment())


def test_the_practice_page_and_the_dashboard() -> None:
    pages = _pages()
    page = pages[links.PRACTICE]
    for chart in ("practice-shares.svg", "practice-requirements.svg", "practice-open.svg"):
        assert f'src="charts/{chart}"' in page
        assert pages[f"charts/{chart}"].startswith("<?xml")
    every = page[page.index("## Every quarter") :]
    rows = [line for line in every.splitlines() if line.startswith("| 2026-Q")]
    assert [row.split(" | ")[0] for row in rows] == ["| 2026-Q4", "| 2026-Q3", "| 2026-Q2"]
    home = pages[links.HOME]
    assert "## The practice in 2026-Q4" in home
    assert "[practice](practice.md)" in home
    assert ("Practice", links.PRACTICE) in links.NAV[0][1]


def test_without_figures_the_page_says_so() -> None:
    page = generate(sample_data(), environment())[links.PRACTICE]
    assert "No figures" in page
