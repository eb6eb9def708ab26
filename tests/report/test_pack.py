"""The review pack of the example organisation, compared with golden files: one customer
(rolling up its purchasers) and one purchaser, as of the example's snapshot day."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from brm_build.analytics.stats import compute_stats
from brm_build.check import check
from brm_build.cli import main
from brm_build.model.settings import Settings
from brm_build.report import build_pack, parse_period, render_markdown

from ..conftest import ROOT, settings_for
from .sections import SECTIONS

GOLDEN = ROOT / "tests" / "golden" / "report"
PACKS = [("finance", "2026-Q3"), ("payroll", "2026-Q3")]
TODAY = "2026-11-26"


def _markdown(settings: Settings, unit: str, period: str, internal: bool = False) -> str:
    span = parse_period(period)
    assert span is not None
    repo = check(settings).repository
    return render_markdown(build_pack(repo, settings, unit, span, internal=internal))


@pytest.mark.parametrize(("unit", "period"), PACKS)
def test_pack_matches_golden(
    unit: str, period: str, example_settings: Settings, update_golden: bool
) -> None:
    text = _markdown(example_settings, unit, period)
    golden = GOLDEN / f"{unit}-{period}.md"
    if update_golden:
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_every_section_is_there_and_says_when_it_is_empty(example_settings: Settings) -> None:
    """A period with nothing in it keeps every section, each saying so."""
    text = _markdown(example_settings, "payroll", "2019-Q1")
    for title in SECTIONS:
        assert f"\n## {title}\n" in text
    assert text.count("Nothing in this period.") >= 4


def test_a_customer_pack_says_it_rolls_up_its_purchasers(example_settings: Settings) -> None:
    text = _markdown(example_settings, "finance", "2026-Q3")
    assert "rolls up its 3 purchasers: Accounts Payable, Group Controlling, Group Treasury" in text


def test_the_same_records_give_the_same_bytes(example_settings: Settings) -> None:
    assert _markdown(example_settings, "finance", "2026") == _markdown(
        example_settings, "finance", "2026"
    )


def test_cli_prints_the_markdown_pack(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["report", "finance", "--period", "2026-Q3", "--root", str(ROOT), "--today", TODAY])
    out = capsys.readouterr().out
    assert code == 0
    assert out == (GOLDEN / "finance-2026-Q3.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["finance", "--period", "2026-Q5"], "'2026-Q5' is not a period"),
        (["nobody", "--period", "2026-Q3"], "no customer or purchaser 'nobody'"),
    ],
)
def test_cli_refuses_bad_arguments(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["report", *argv, "--root", str(ROOT), "--today", TODAY])
    assert code == 2
    assert message in capsys.readouterr().err


def test_months_and_years_are_periods(tmp_path: Path) -> None:
    month, year = parse_period("2026-09"), parse_period("2026")
    assert month is not None and year is not None
    assert (str(month.start), str(month.end)) == ("2026-09-01", "2026-09-30")
    assert (str(year.start), str(year.end)) == ("2026-01-01", "2026-12-31")
    assert parse_period("2026-13") is None


def _surveyed(tmp_path: Path) -> Settings:
    """The example records with Payroll invited in 2026-Q3 and a 2026-Q4 round that
    invited Group Finance and that nobody answered."""
    root = tmp_path / "records-copy"
    shutil.copytree(ROOT / "records", root / "records")
    shutil.copy(ROOT / "brm.yaml", root / "brm.yaml")
    q3 = root / "records" / "surveys" / "csat-2026-q3.yaml"
    text = q3.read_text(encoding="utf-8")
    q3.write_text(text.replace("human-resources: 15,", "human-resources: 15, payroll: 4,"))
    (root / "records" / "surveys" / "csat-2026-q4.yaml").write_text(
        'title: Q4 round\nperiod: "2026-Q4"\nclosed: 2026-11-20\n'
        "invited: {finance: 20}\nresponses: []\n",
        encoding="utf-8",
    )
    return settings_for(root)


def test_the_response_rate_is_the_analytics_one_with_its_counts(tmp_path: Path) -> None:
    settings = _surveyed(tmp_path)
    report = check(settings)
    assert not [f for f in report.findings if f.severity == "error"]
    payroll = _markdown(settings, "payroll", "2026-Q3")
    rate = compute_stats(report.repository, settings).satisfaction.rate("payroll", "2026-Q3")
    assert rate is not None and (rate.responses, rate.invited) == (1, 4)
    low, high = rate.ci95
    assert (
        f"Response rate 2026-Q3: 25% ({low:.0f}–{high:.0f}%), 1 of the 4 people invited "
        "answered." in payroll
    )
    assert "Response rate 2026-Q2: not known" in payroll
    finance = _markdown(settings, "finance", "2026-Q4")
    assert "Response rate 2026-Q4: 0% (0–16%), 0 of the 20 people invited answered." in finance
    assert "Response rate 2026-Q3: 46% (28–65%), 11 of the 24" in finance


def test_a_purchaser_pack_shows_the_analytics_health_of_the_purchaser(
    example_settings: Settings,
) -> None:
    report = check(example_settings)
    health = compute_stats(report.repository, example_settings).purchasers["payroll"]
    text = _markdown(example_settings, "payroll", "2026-Q3")
    assert f"### Health as of {TODAY}: {health.status}" in text
    for signal in health.signals:
        assert f"| {signal.label} | {signal.status} | {signal.value} |" in text
