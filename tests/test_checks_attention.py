"""Warnings as of "today": where each threshold starts to count."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from brm_build.findings import Severity

from .casebuilder import build, codes, customer, run_check

AGREEMENT = "records/agreements/finance-erp.yaml"


def agreement(valid_until: str, status: str = "active") -> str:
    return (
        "title: Core ERP for Group Finance\ncustomer: finance\nservices: [erp]\n"
        f"status: {status}\nvalid_from: 2024-01-01\nvalid_until: {valid_until}\n"
    )


@pytest.mark.parametrize(
    ("valid_until", "status", "expected"),
    [
        ("2026-06-14", "active", ["agreement-past-end"]),
        ("2026-06-15", "active", ["agreement-expiring"]),  # ends today: still valid today
        ("2026-08-14", "active", ["agreement-expiring"]),  # 60 days: within the window
        ("2026-08-15", "active", []),  # 61 days
        ("2026-03-31", "expired", []),
        ("2026-07-31", "terminated", []),
        ("2026-07-31", "draft", []),
    ],
)
def test_agreement_warnings(
    tmp_path: Path, valid_until: str, status: str, expected: list[str]
) -> None:
    result = run_check(build(tmp_path, {AGREEMENT: agreement(valid_until, status)}))
    assert [f.code for f in result.findings] == expected
    assert all(f.severity is Severity.WARNING for f in result.findings)


@pytest.mark.parametrize(("today", "warned"), [("2026-08-18", False), ("2026-08-19", True)])
def test_meeting_interval_counts_days(tmp_path: Path, today: str, warned: bool) -> None:
    # the base meeting is on 2026-05-20; 90 days later is 2026-08-18
    result = run_check(build(tmp_path, {}), dt.date.fromisoformat(today))
    assert bool(result.findings) is warned
    if warned:
        assert "since 2026-05-20, 91 days ago" in result.findings[0].message


def test_purchasers_meetings_count_for_their_customer_only(tmp_path: Path) -> None:
    meeting = (
        "---\ntitle: Treasury planning\ndate: 2026-06-01\ncustomers: [treasury]\n"
        "type: planning\n---\nNotes.\n"
    )
    files = {
        "records/customers/treasury.yaml": customer("Treasury", parent="hr"),
        "records/customers/hr.yaml": customer("Human Resources", role="customer"),
        "records/meetings/2026/2026-06-01-treasury-planning.md": meeting,
    }
    assert codes(run_check(build(tmp_path, files))) == []
    files["records/customers/treasury.yaml"] = customer("Treasury", parent="finance")
    result = run_check(build(tmp_path, files))
    assert codes(result) == [("customer-no-recent-meeting", "records/customers/hr.yaml", "name")]
    assert "on record" in result.findings[0].message


@pytest.mark.parametrize(
    ("status", "due", "warned"),
    [
        ("open", "2026-06-14", True),
        ("open", "2026-06-15", False),
        ("done", "2026-01-01", False),
        ("dropped", "2026-01-01", False),
    ],
)
def test_overdue_actions(tmp_path: Path, status: str, due: str, warned: bool) -> None:
    meeting = (
        "---\ntitle: Review\ndate: 2026-05-20\ncustomers: [finance]\ntype: other\nactions:\n"
        f"  - text: Send the rota.\n    owner: Anna Lind\n    due: {due}\n    status: {status}\n"
        "---\n"
    )
    path = "records/meetings/2026/2026-05-20-finance-review.md"
    result = run_check(build(tmp_path, {path: meeting}))
    assert codes(result) == ([("action-overdue", path, "actions[0].due")] if warned else [])


@pytest.mark.parametrize(
    ("kind", "date", "status", "warned"),
    [
        ("complaint", "2026-05-15", "open", True),  # 31 days
        ("complaint", "2026-05-16", "open", False),  # 30 days: not more than 30
        ("escalation", "2026-01-02", "open", True),
        ("compliment", "2026-01-02", "open", False),
        ("complaint", "2026-01-02", "withdrawn", False),
    ],
)
def test_feedback_open_too_long(
    tmp_path: Path, kind: str, date: str, status: str, warned: bool
) -> None:
    path = f"records/feedback/2026/{date}-slow-invoices.yaml"
    text = f"type: {kind}\ndate: {date}\ncustomer: finance\nsummary: Slow.\nstatus: {status}\n"
    text += "level: 1\n" if kind == "escalation" else ""
    result = run_check(build(tmp_path, {path: text}))
    assert codes(result) == ([("feedback-open-too-long", path, "status")] if warned else [])


@pytest.mark.parametrize(("responses", "warned"), [(4, True), (5, False)])
def test_survey_minimum_responses(tmp_path: Path, responses: int, warned: bool) -> None:
    text = "title: Pulse\nperiod: 2026-Q1\nresponses:\n"
    text += "  - {customer: finance, csat: 4}\n" * responses
    result = run_check(build(tmp_path, {"records/surveys/pulse-2026-q1.yaml": text}))
    assert [f.code for f in result.findings] == (["survey-few-responses"] if warned else [])


def test_thresholds_come_from_brm_yaml(tmp_path: Path) -> None:
    text = "title: Pulse\nperiod: 2026-Q1\nresponses:\n  - {customer: finance, csat: 4}\n"
    files = {
        "brm.yaml": "thresholds:\n  survey_min_responses: 1\n  meeting_interval_days: 10\n",
        "records/surveys/pulse-2026-q1.yaml": text,
    }
    result = run_check(build(tmp_path, files))
    assert [f.code for f in result.findings] == ["customer-no-recent-meeting"]
    assert "every 10 days" in result.findings[0].message


RETIRED = "status: retired\nretired_on: 2026-01-31\n"


def test_a_retired_customer_needs_no_meeting(tmp_path: Path) -> None:
    unit = customer("Logistics", role="customer")
    active = run_check(build(tmp_path / "active", {"records/customers/logistics.yaml": unit}))
    assert codes(active) == [
        ("customer-no-recent-meeting", "records/customers/logistics.yaml", "name")
    ]
    root = build(tmp_path / "retired", {"records/customers/logistics.yaml": unit + RETIRED})
    assert codes(run_check(root)) == []
