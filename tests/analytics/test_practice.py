"""The practice's figures by quarter, on a small repository whose git history was made
commit by commit on known days; every expected value is counted by hand below."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from brm_build.analytics.practice import Practice, practice_figures
from brm_build.changes.versions import Versions
from brm_build.cli import main

from ..casebuilder import build, commit, customer, git_init, run_check

TODAY = dt.date(2026, 6, 15)
FINANCE = customer("Group Finance", "customer") + 'plans:\n  - {period: "2026", summary: Close.}\n'
HR = customer("People", "customer")
RETIRED = HR + "status: retired\nretired_on: 2026-02-01\n"
AGREEMENT = """title: ERP for Finance
customer: finance
services: [erp]
status: active
valid_from: 2025-10-01
review_by: {review_by}
"""
NOVEMBER = """---
title: Payroll review
date: 2025-11-10
customers: [payroll]
type: service-review
actions:
  - {{text: Send the export, owner: Anna Lind, due: 2025-12-01, status: {action}}}
requirements:
  - {{text: Payroll export, status: {requirement}}}
---
"""
FEBRUARY = """---
title: Agreement review
date: 2026-02-20
customers: [finance]
type: relationship-review
agreements: [finance-erp]
---
"""
MAY = """---
title: Relationship review
date: 2026-05-20
customers: [finance]
type: relationship-review
requirements:
  - {text: Close calendar, status: delivered}
---
"""
COMPLAINT = """type: complaint
date: 2025-12-05
customer: payroll
summary: The export was late.
status: resolved
resolved_on: 2026-01-20
"""
ESCALATION = """type: escalation
date: 2026-06-01
customer: finance
level: 1
summary: The close is at risk.
status: open
"""
M_NOV = "records/meetings/2025/2025-11-10-payroll.md"
AGR = "records/agreements/finance-erp.yaml"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """Five commits from November 2025 to June 2026."""
    root = build(tmp_path / "org", {})
    (root / "records/meetings/2026/2026-05-20-finance-review.md").unlink()
    git_init(root)
    customers = "records/customers/"
    commit(
        root,
        "2025-11-15",
        {
            customers + "finance.yaml": FINANCE,
            customers + "payroll.yaml": customer("Payroll", parent="finance"),
            customers + "hr.yaml": HR,
            AGR: AGREEMENT.format(review_by="2026-03-31"),
            M_NOV: NOVEMBER.format(action="open", requirement="proposed"),
        },
    )
    commit(root, "2026-01-15", {M_NOV: NOVEMBER.format(action="done", requirement="accepted")})
    commit(
        root,
        "2026-02-10",
        {
            M_NOV: NOVEMBER.format(action="done", requirement="delivered"),
            customers + "hr.yaml": RETIRED,
            "records/feedback/2025/2025-12-05-late-export.yaml": COMPLAINT,
            "records/meetings/2026/2026-02-20-agreement.md": FEBRUARY,
        },
    )
    commit(root, "2026-04-10", {AGR: AGREEMENT.format(review_by="2026-09-30")})
    commit(
        root,
        "2026-06-02",
        {
            "records/meetings/2026/2026-05-20-finance-review.md": MAY,
            "records/feedback/2026/2026-06-01-close-at-risk.yaml": ESCALATION,
        },
    )
    return root


def _practice(root: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, dict[str, object]]:
    code = main(["stats", "--root", str(root), "--today", TODAY.isoformat(), "--format", "json"])
    out = capsys.readouterr().out
    assert code == 0, out
    practice: dict[str, dict[str, object]] = json.loads(out)["practice"]
    return practice


def test_quarters_from_the_first_dated_record_to_today(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    practice = _practice(repo, capsys)
    assert list(practice) == ["2025-Q4", "2026-Q1", "2026-Q2"]
    assert [q["as_of"] for q in practice.values()] == ["2025-12-31", "2026-03-31", "2026-06-15"]


def test_customers_met_count_a_purchaser_only_meeting(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    practice = _practice(repo, capsys)
    # 2025-Q4: finance and hr (retired only in February); the payroll meeting meets finance.
    assert practice["2025-Q4"]["customers"] == 2
    assert practice["2025-Q4"]["customers_met"] == 1
    assert practice["2025-Q4"]["customers_met_pct"] == 50.0
    # 2026-Q1 and Q2: finance alone, met in February and in May.
    for q in ("2026-Q1", "2026-Q2"):
        assert (practice[q]["customers"], practice[q]["customers_met"]) == (1, 1)


def test_reviews_by_meeting_or_a_change_of_review_by(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    practice = _practice(repo, capsys)
    reviewed = {
        q: (p["agreements_active"], p["agreements_reviewed_12m"]) for q, p in practice.items()
    }
    # No review in 2025; the February meeting references it; review_by changed in April.
    assert reviewed == {"2025-Q4": (1, 0), "2026-Q1": (1, 1), "2026-Q2": (1, 1)}


def test_plans_actions_and_feedback_as_they_stood(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    practice = _practice(repo, capsys)
    keys = ("plans_current", "overdue_actions", "open_complaints", "open_escalations")
    got = {q: tuple(p[k] for k in keys) for q, p in practice.items()}
    # The action was open and past due at the end of 2025 (done in January); the complaint
    # was resolved on 20 January; the escalation is open now. finance's plan is for 2026.
    assert got == {"2025-Q4": (0, 1, 1, 0), "2026-Q1": (1, 0, 0, 0), "2026-Q2": (1, 0, 0, 1)}


def test_requirements_raised_delivered_and_the_median(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    practice = _practice(repo, capsys)
    keys = (
        "requirements_raised",
        "requirements_delivered",
        "requirements_delivered_undated",
        "delivery_days_median",
    )
    got = {q: tuple(p[k] for k in keys) for q, p in practice.items()}
    # Raised on 10 November, delivered by the commit of 10 February: 92 days. The May
    # requirement was written delivered: counted with the quarter it was raised, undated.
    assert got == {
        "2025-Q4": (1, 0, 0, None),
        "2026-Q1": (0, 1, 0, 92),
        "2026-Q2": (1, 1, 1, None),
    }


def test_text_shows_the_quarters_newest_first(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["stats", "--root", str(repo), "--today", TODAY.isoformat()]) == 0
    text = capsys.readouterr().out
    section = text[text.index("Practice by quarter") :]
    rows = [line.split()[0] for line in section.splitlines()[3:6]]
    assert rows == ["2026-Q2", "2026-Q1", "2025-Q4"]
    assert "1 of 2" in section.splitlines()[5]


def _figures(root: Path) -> dict[str, Practice]:
    result = run_check(root, TODAY)
    assert not result.errors, result.findings
    return practice_figures(result.repository, Versions(), TODAY)


def test_no_meetings_and_no_git(tmp_path: Path) -> None:
    root = build(tmp_path, {AGR: AGREEMENT.format(review_by="2026-09-30")})
    (root / "records/meetings/2026/2026-05-20-finance-review.md").unlink()
    figures = _figures(root)
    assert list(figures) == ["2025-Q4", "2026-Q1", "2026-Q2"]
    now = figures["2026-Q2"]
    assert (now.customers, now.customers_met, now.requirements_raised) == (1, 0, 0)
    assert (now.agreements_active, now.agreements_reviewed_12m) == (1, 0)
    assert now.delivery_days_median is None


def test_a_quarter_with_no_customers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    retired = customer("Group Finance", "customer") + "status: retired\nretired_on: 2026-01-10\n"
    root = build(
        tmp_path,
        {"records/customers/finance.yaml": retired, "records/customers/hr.yaml": RETIRED},
    )
    figures = _figures(root)
    assert list(figures) == ["2026-Q2"]
    assert (figures["2026-Q2"].customers, figures["2026-Q2"].customers_met) == (0, 0)
    assert (
        main(["stats", "--root", str(root), "--today", TODAY.isoformat(), "--format", "json"]) == 0
    )
    practice = json.loads(capsys.readouterr().out)["practice"]["2026-Q2"]
    assert practice["customers_met_pct"] is None and practice["plans_current_pct"] is None


def test_a_plan_for_a_quarter_of_the_year_is_current_as_the_calendar_counts_it(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    quarterly = FINANCE.replace('period: "2026"', 'period: "2026-Q2"')
    commit(repo, "2026-06-05", {"records/customers/finance.yaml": quarterly})
    practice = _practice(repo, capsys)
    # attention.rules.has_plan_for: the year, or a quarter or month of it
    assert practice["2026-Q2"]["plans_current"] == 1


def test_an_older_agreement_does_not_start_the_quarters_when_meetings_are_recorded(
    tmp_path: Path,
) -> None:
    older = AGREEMENT.format(review_by="2026-09-30").replace(
        "valid_from: 2025-10-01", "valid_from: 2021-10-01"
    )
    assert older != AGREEMENT.format(review_by="2026-09-30")
    meeting = NOVEMBER.format(action="done", requirement="proposed").replace("payroll]", "finance]")
    root = build(tmp_path, {AGR: older, M_NOV: meeting})
    (root / "records/meetings/2026/2026-05-20-finance-review.md").unlink()
    # The first meeting is of November 2025: the years of the agreement before it hold no
    # recorded practice to measure.
    assert list(_figures(root)) == ["2025-Q4", "2026-Q1", "2026-Q2"]
