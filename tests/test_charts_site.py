"""Charts on the site: rendered through the cache under the records, shown with their data."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from brm_build.analytics.stats import compute_stats
from brm_build.charts import build_charts, render_charts
from brm_build.charts.figures import CACHE_FOLDER, site_figures
from brm_build.check import check
from brm_build.model.settings import CacheSettings, Settings
from brm_build.site.build import site_data
from brm_build.site.context import environment
from brm_build.site.pages import generate

from .analytics.test_stats_command import AGREEMENT, Q1, Q4, REPORT
from .casebuilder import TODAY, build, customer
from .conftest import settings_for


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    root = build(
        tmp_path / "repo",
        {
            "records/agreements/finance-erp.yaml": AGREEMENT,
            "records/reports/finance-erp.yaml": REPORT,
            "records/surveys/q1.yaml": Q1,
            "records/surveys/q4.yaml": Q4,
        },
    )
    cache = CacheSettings(str(root / ".brm-cache" / "check"), str(tmp_path / "home" / "key"))
    return dataclasses.replace(settings_for(root, TODAY), cache=cache)


def test_a_rebuild_with_unchanged_data_draws_nothing(settings: Settings) -> None:
    repo = check(settings).repository
    first = site_figures(repo, settings, workers=1)
    assert set(first.drawn) == set(first.charts) and first.drawn
    assert (Path(settings.root) / CACHE_FOLDER).is_dir()
    second = site_figures(repo, settings, workers=1)
    assert second.drawn == ()
    assert second.svgs == first.svgs


def test_without_the_cache_every_chart_is_drawn_and_none_is_kept(settings: Settings) -> None:
    uncached = dataclasses.replace(settings, cache=None)
    repo = check(uncached).repository
    for _ in range(2):
        figures = site_figures(repo, uncached, workers=1)
        assert set(figures.drawn) == set(figures.charts)
    assert not (Path(settings.root) / CACHE_FOLDER).exists()


def test_an_unwritable_cache_falls_back_to_drawing_everything(settings: Settings) -> None:
    blocked = Path(settings.root) / CACHE_FOLDER
    blocked.parent.mkdir(parents=True, exist_ok=True)
    blocked.write_text("a file where the cache folder would be")
    figures = site_figures(check(settings).repository, settings, workers=1)
    assert set(figures.drawn) == set(figures.charts)


def _cells(*cells: str) -> str:
    """The start of a row of a chart's data table, as the page carries it (ready-made HTML)."""
    return "<tr>\n" + "".join(f"<td>{c}</td>\n" for c in cells)


def test_pages_show_charts_with_alt_text_and_data(settings: Settings) -> None:
    result = check(settings)
    pages = generate(site_data(settings, result), environment())
    assert pages["charts/csat-organisation.svg"].startswith("<?xml")
    satisfaction = pages["satisfaction.md"]
    assert '<img src="charts/csat-organisation.svg" alt="Our organisation CSAT fell from' in (
        satisfaction
    )
    assert _cells("2026-Q1", "5", "80%", "36–98%", "4.00", "0") + "</tr>" in satisfaction
    customer = pages["customers/finance.md"]
    assert '<img src="../charts/csat-customer-finance.svg"' in customer
    assert '<img src="../charts/sl-agreement-finance-erp.svg"' in customer
    assert "../charts/sl-attainment-by-customer.svg" not in customer
    assert '<img src="charts/sl-attainment-by-customer.svg"' in pages["service-levels.md"]
    assert "## Relationship health" in pages["index.md"]
    rules = pages["health.md"]
    assert "### Service levels met" in rules and "Good: 95% or more met" in rules


def test_a_purchaser_shows_its_figures_as_a_table_without_a_chart(tmp_path: Path) -> None:
    survey = "title: Survey\nperiod: 2026-Q1\nresponses:\n  - {customer: payroll, csat: 4}\n"
    root = build(
        tmp_path,
        {
            "records/customers/payroll.yaml": customer("Payroll", parent="finance"),
            "records/surveys/q1.yaml": survey,
        },
    )
    settings = settings_for(root, TODAY)
    result = check(settings)
    assert result.errors == 0, result.findings
    pages = generate(site_data(settings, result), environment())
    assert "charts/csat-customer-payroll.svg" not in pages
    assert "charts/csat-customer-finance.svg" in pages, "the customer above it keeps its chart"
    payroll = pages["customers/payroll.md"]
    assert "csat-customer-payroll.svg" not in payroll
    head = ("Period", "n", "CSAT", "95% interval", "Mean score", "NPS")
    assert "<tr>\n" + "".join(f"<th>{h}</th>\n" for h in head) + "</tr>" in payroll
    assert _cells("2026-Q1", "1 (low)", "100%") in payroll


def test_every_chart_is_byte_identical_when_drawn_again(settings: Settings, tmp_path: Path) -> None:
    charts = build_charts(compute_stats(check(settings).repository, settings))
    kinds = {type(c.spec).__name__ for c in charts}
    assert kinds == {
        "TrendSpec",
        "NpsSpec",
        "DistributionSpec",
        "ComparisonSpec",
        "AgreementSpec",
        "HeatmapSpec",
    }
    first = render_charts(charts, str(tmp_path / "one"), workers=1, secret=bytes(32))
    second = render_charts(charts, str(tmp_path / "two"), workers=2, secret=bytes(32))
    assert len(first.drawn) == len(second.drawn) == len(charts)
    assert first.svgs == second.svgs
