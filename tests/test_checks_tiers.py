"""Tiers: a customer's tier sets how often it is met, its purchasers follow it, and a tier
that brm.yaml does not define, or one set on a purchaser, is an error at its line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from brm_build.attention.cadence import tier_of
from brm_build.findings import Severity
from brm_build.settings import load_config

from .casebuilder import build, codes, customer, run_check

FINANCE = "records/customers/finance.yaml"
HR = "records/customers/hr.yaml"
TIERS = (
    "tiers:\n"
    "  strategic:\n"
    "    relationship_review_days: 25\n"
    "    service_review_days: 20\n"
    "  standard:\n"
    "    meeting_interval_days: 200\n"
)
FINANCE_TEXT = (
    "name: Group Finance\nrole: customer\n"
    "manager:\n  name: Martin Keller\n  email: martin.keller@meridian.example\n"
    "relationship_manager:\n  name: Anna Lind\n  email: anna.lind@meridian.example\n"
)


def meeting(date: str, unit: str, kind: str) -> dict[str, str]:
    """A meeting file of ``kind`` held with ``unit`` on ``date``."""
    path = f"records/meetings/{date[:4]}/{date}-{unit}-{kind}.md"
    text = f"---\ntitle: Review\ndate: {date}\ncustomers: [{unit}]\ntype: {kind}\n---\nNotes.\n"
    return {path: text}


def test_without_tiers_the_default_interval_applies(tmp_path: Path) -> None:
    # the base's relationship review of 2026-05-20 is 26 days before today, 2026-06-15
    files = {"brm.yaml": TIERS, HR: customer("Human Resources", role="customer")}
    files |= meeting("2026-01-10", "hr", "planning")  # 156 days ago
    result = run_check(build(tmp_path, files))
    assert codes(result) == [("customer-no-recent-meeting", HR, "name")]
    assert "meet at least every 90 days" in result.findings[0].message


@pytest.mark.parametrize(("tier", "warned"), [("standard", False), ("strategic", True)])
def test_a_tier_changes_which_customers_warn(tmp_path: Path, tier: str, warned: bool) -> None:
    hr = customer("Human Resources", role="customer") + f"tier: {tier}\n"
    files = {"brm.yaml": TIERS, HR: hr} | meeting("2026-01-10", "hr", "planning")
    found = codes(run_check(build(tmp_path, files)))
    # standard: any meeting within 200 days; strategic: reviews of both kinds, none held
    expected = [("customer-no-recent-meeting", HR, "name")] * 2 if warned else []
    assert found == expected


@pytest.mark.parametrize(("today", "warned"), [("2026-06-19", False), ("2026-06-20", True)])
def test_a_tier_counts_only_meetings_of_its_type(tmp_path: Path, today: str, warned: bool) -> None:
    files = {"brm.yaml": TIERS, FINANCE: FINANCE_TEXT + "tier: strategic\n"}
    files |= meeting("2026-05-30", "finance", "service-review")
    files |= meeting("2026-06-10", "finance", "planning")  # counts for neither review
    result = run_check(build(tmp_path, files), dt.date.fromisoformat(today))
    messages = [f.message for f in result.findings]
    relationship = (
        "no relationship-review with this customer or its purchasers since 2026-05-20, "
        f"{(dt.date.fromisoformat(today) - dt.date(2026, 5, 20)).days} days ago: its tier "
        "strategic asks for one at least every 25 days; hold it and record it in "
        "records/meetings/ with type relationship-review"
    )
    assert relationship in messages  # 25 days after 2026-05-20 is 2026-06-14
    service = [m for m in messages if m.startswith("no service-review")]
    assert bool(service) is warned  # 20 days after 2026-05-30 is 2026-06-19
    assert all(f.severity is Severity.WARNING for f in result.findings)


def test_purchasers_follow_their_customers_tier(tmp_path: Path) -> None:
    files = {
        "brm.yaml": TIERS,
        FINANCE: FINANCE_TEXT + "tier: strategic\n",
        "records/customers/treasury.yaml": customer("Treasury", parent="finance"),
        "records/customers/cash.yaml": customer("Cash management", parent="treasury"),
    }
    files |= meeting("2026-06-01", "cash", "service-review")
    files |= meeting("2026-06-02", "treasury", "relationship-review")
    result = run_check(build(tmp_path, files))
    assert codes(result) == []  # the purchasers' reviews count for finance's tier
    units = {cid: e.record for cid, e in result.repository.customers.items()}
    tiers = [tier_of(units, u) for u in ("finance", "treasury", "cash", "nowhere")]
    assert tiers == [("strategic", "finance")] * 3 + [(None, None)]


def test_an_unknown_tier_is_an_error_with_a_suggestion(tmp_path: Path) -> None:
    files = {"brm.yaml": TIERS, FINANCE: FINANCE_TEXT + "cost_center: CC-1\ntier: strategc\n"}
    result = run_check(build(tmp_path, files))
    assert codes(result) == [("tier-unknown", FINANCE, "tier")]
    (finding,) = result.findings
    assert (finding.line, finding.column, finding.severity) == (10, 7, Severity.ERROR)
    assert "unknown tier 'strategc'" in finding.message
    assert "did you mean 'strategic'?" in finding.message


def test_a_tier_when_brm_yaml_defines_none(tmp_path: Path) -> None:
    result = run_check(build(tmp_path, {FINANCE: FINANCE_TEXT + "tier: gold\n"}))
    assert codes(result) == [("tier-unknown", FINANCE, "tier")]
    assert "brm.yaml defines no tiers" in result.findings[0].message


def test_a_tier_on_a_purchaser_is_an_error(tmp_path: Path) -> None:
    treasury = customer("Treasury", parent="finance") + "tier: standard\n"
    files = {
        "brm.yaml": TIERS,
        FINANCE: FINANCE_TEXT + "tier: strategic\n",
        "records/customers/treasury.yaml": treasury,
    }
    files |= meeting("2026-06-01", "finance", "service-review")
    files |= meeting("2026-06-02", "finance", "relationship-review")
    result = run_check(build(tmp_path, files))
    assert codes(result) == [("tier-purchaser", "records/customers/treasury.yaml", "tier")]
    assert "'finance' (tier strategic)" in result.findings[0].message
    assert result.findings[0].line == 7


def test_a_misspelt_interval_in_a_tier_gets_a_suggestion(tmp_path: Path) -> None:
    root = build(tmp_path, {"brm.yaml": TIERS.replace("service_review_days", "service_reviews")})
    _, problems = load_config(str(root))
    assert [(f.code, f.line, f.field) for f in problems] == [
        ("schema-unknown-field", 4, "tiers.strategic.service_reviews")
    ]
    assert "did you mean 'service_review_days'?" in problems[0].message
