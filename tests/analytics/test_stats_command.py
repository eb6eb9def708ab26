"""``brm stats`` end to end: JSON for BI tools, aligned text, and errors that stop it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from brm_build.cli import main

from ..casebuilder import build, commit, git_init
from ..conftest import CASES, needs_git

AGREEMENT = """\
title: Core ERP for Group Finance
customer: finance
services: [erp]
status: active
valid_from: 2025-01-01
valid_until: 2027-12-31
service_levels:
  - id: availability
    metric: Core ERP availability
    target: 99.5
    unit: percent
    direction: at_least
"""
REPORT = """\
agreement: finance-erp
measurements:
  - period: "2026-01"
    results: {availability: 99.9}
  - period: "2026-03"
    results: {availability: 99.0}
"""
Q1 = """\
title: Survey Q1 2026
period: 2026-Q1
invited: {finance: 9}
responses:
  - {customer: finance, csat: 5, nps: 9, service: erp, respondent_role: customer}
  - {customer: finance, csat: 4, nps: 7, service: erp, respondent_role: user}
  - {customer: finance, csat: 2, nps: 2, service: erp, respondent_role: user}
  - {customer: finance, csat: 5}
  - {customer: finance, csat: 4}
"""
Q4 = """\
title: Survey Q4 2025
period: 2025-Q4
responses:
  - {customer: finance, csat: 5, nps: 10}
  - {customer: finance, csat: 5, nps: 9}
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return build(
        tmp_path,
        {
            "records/agreements/finance-erp.yaml": AGREEMENT,
            "records/reports/finance-erp.yaml": REPORT,
            "records/surveys/q1.yaml": Q1,
            "records/surveys/q4.yaml": Q4,
        },
    )


def stats(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> tuple[int, str, str]:
    code = main(["stats", "--root", str(root), "--today", "2026-05-30", "--no-cache", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_satisfaction(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = stats(capsys, repo, "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    organisation = data["satisfaction"]["organisation"]
    assert [row["period"] for row in organisation] == ["2025-Q4", "2026-Q1"]
    q4, q1 = data["satisfaction"]["customers"]["finance"]
    assert {k: q1[k] for k in ("period", "n", "csat", "csat_ci95", "csat_mean", "nps")} == {
        "period": "2026-Q1",
        "n": 5,
        "csat": 80.0,
        "csat_ci95": [36.0, 98.0],
        "csat_mean": 4.0,
        "nps": 0.0,
    }
    assert q1["nps_ci95"] == [-61.1, 61.1] and q1["nps_n"] == 3
    assert q1["change"] == -20.0 and q1["low_confidence"] is False
    assert q4["csat_ci95"] == [29.0, 100.0] and q4["nps"] == 100.0 and q4["low_confidence"]
    assert data["satisfaction"]["services"]["erp"][0]["n"] == 3
    assert data["satisfaction"]["roles"]["user"][0]["csat"] == 50.0


def test_json_service_levels(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(stats(capsys, repo, "--format", "json")[1])
    assert data["service_levels"]["finance-erp"]["availability"] == [
        {"period": "2026-01", "target": 99.5, "actual": 99.9, "met": True},
        {"period": "2026-02", "target": 99.5, "actual": None, "met": None},
        {"period": "2026-03", "target": 99.5, "actual": 99.0, "met": False},
    ]
    summary = data["attainment"]["finance-erp"]
    assert (summary["attainment"], summary["measured"], summary["met"]) == (50.0, 2, 1)
    assert summary["service_levels"]["availability"]["breaches"] == ["2026-03"]


def test_json_health(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(stats(capsys, repo, "--format", "json")[1])
    finance = data["health"]["finance"]
    signals = {s["signal"]: s["status"] for s in finance["signals"]}
    # Down 20 points, but 2025-Q4 had only 2 responses: too few to compare.
    assert signals["satisfaction-trend"] == "watch"
    assert signals["meetings"] == "good"  # the base meeting on 2026-05-20
    assert signals["service-levels"] == "act"  # one of two recent results met: 50%
    assert set(data["health_rules"]) == set(signals)


@needs_git
def test_the_figures_of_the_past_say_when_they_read_dates_alone(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Outside git, the health history and practice figures read the records' dates
    alone: JSON and text say so, and a checkout with commits says nothing of it."""
    data = json.loads(stats(capsys, repo, "--format", "json")[1])
    assert data["history_note"] == "the records are not in a git checkout with commits"
    assert "finance" in data["health_history"]
    text = stats(capsys, repo)[1]
    assert "(the records are not in a git checkout with commits: from the records'" in text
    git_init(repo)
    commit(repo, "2026-05-01", {})
    data = json.loads(stats(capsys, repo, "--format", "json")[1])
    assert "history_note" not in data and "finance" in data["health_history"]
    assert "not in a git checkout" not in stats(capsys, repo)[1]


def test_text_is_aligned_tables(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = stats(capsys, repo)
    assert code == 0
    lines = out.splitlines()
    header = lines.index("Satisfaction: Our organisation") + 2
    assert lines[header].split() == [
        "Period", "n", "CSAT", "95%", "CI", "Mean", "NPS", "NPS", "95%", "CI", "NPS", "n",
        "Change", "Response", "rate", "(95%", "CI)",
    ]  # fmt: skip
    assert lines[header + 2].split()[:3] == ["2025-Q4", "2*", "100%"]
    assert lines[header + 2].split()[-1] == "–"  # Q4 does not say who was invited
    assert lines[header + 3].split()[:3] == ["2026-Q1", "5", "80%"]
    assert lines[header + 3].split()[-2:] == ["56%", "(27–81%)"]  # 5 of 9, Wilson
    rates = lines.index("Response rate by customer (95% CI), where the surveys say who was invited")
    assert lines[rates + 4].split() == ["Group", "Finance", "–", "56%", "(27–81%)"]
    assert len({len(line) for line in lines[header + 1 : header + 4]}) <= 2
    assert "finance-erp: Core ERP for Group Finance (finance, active): 50% met, 1 of 2" in out
    assert "BREACHED" in out


def test_json_response_rates(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rates = json.loads(stats(capsys, repo, "--format", "json")[1])["satisfaction"]
    expected = {"responses": 5, "invited": 9, "rate": 55.6, "ci95": [26.7, 81.1]}
    assert rates["response_rates"]["organisation"] == {"2026-Q1": expected}
    assert rates["response_rates"]["customers"] == {"finance": {"2026-Q1": expected}}


def test_errors_stop_stats(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = stats(capsys, CASES / "invalid" / "hierarchy-cycle", "--format", "json")
    assert code == 1 and out == ""
    assert "error[hierarchy-cycle]" in err


def test_warnings_do_not_stop_stats(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = stats(capsys, CASES / "invalid" / "csat-drop", "--format", "json")
    assert code == 0
    finance = json.loads(out)["satisfaction"]["customers"]["finance"]
    assert [(row["period"], row["n"], row["csat"]) for row in finance] == [
        ("2025-Q2", 5, 100.0),
        ("2025-Q3", 6, 100.0),
        ("2025-10", 6, 33.3),
    ]
    assert finance[-1]["csat_ci95"] == [9.3, 70.4]


def test_numbers_that_are_not_finite_stop_stats_with_a_finding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """.nan is not a measurement: stats stops like check, and prints no invalid JSON."""
    report = REPORT.replace("{availability: 99.0}", "{availability: .nan}")
    root = build(
        tmp_path,
        {
            "records/agreements/finance-erp.yaml": AGREEMENT,
            "records/reports/finance-erp.yaml": report,
        },
    )
    code, out, err = stats(capsys, root, "--format", "json")
    assert code == 1
    assert "nan" not in out.lower()
    assert "schema-value" in err and "records/reports/finance-erp.yaml" in err
