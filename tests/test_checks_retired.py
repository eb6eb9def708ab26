"""Retired units: which references are new (dated after retired_on), and what still
stands on a retired unit."""

from __future__ import annotations

from pathlib import Path

import pytest

from .casebuilder import build, codes, customer, run_check

PAYROLL = "records/customers/payroll.yaml"
RETIRED = customer("Payroll", parent="finance") + "status: retired\nretired_on: 2026-03-31\n"


def _meeting(date: str) -> dict[str, str]:
    text = f"---\ntitle: Review\ndate: {date}\ncustomers: [finance, payroll]\ntype: other\n---\n"
    return {f"records/meetings/2026/{date}-review.md": text}


@pytest.mark.parametrize(("date", "warned"), [("2026-03-31", False), ("2026-04-01", True)])
def test_a_reference_is_new_when_dated_after_retired_on(
    tmp_path: Path, date: str, warned: bool
) -> None:
    result = run_check(build(tmp_path, {PAYROLL: RETIRED, **_meeting(date)}))
    expected = [("ref-retired", f"records/meetings/2026/{date}-review.md", "customers[1]")]
    assert codes(result) == (expected if warned else [])
    if warned:
        assert result.findings[0].related == (PAYROLL,)


@pytest.mark.parametrize(
    ("path", "text", "field"),
    [
        (
            "records/projects/payroll-move.yaml",
            "name: Move payroll\ncustomers: [payroll]\nstatus: active\nstart: 2026-05-01\n",
            "customers[0]",
        ),
        (
            "records/surveys/csat-2026-q2.yaml",
            "title: CSAT Q2\nperiod: 2026-Q2\nclosed: 2026-06-30\n"
            "responses:\n  - customer: payroll\n    csat: 4\n",
            "responses[0].customer",
        ),
        (
            "records/feedback/2026/2026-04-02-payslips.yaml",
            "type: compliment\ndate: 2026-04-02\ncustomer: payroll\nsummary: On time.\n"
            "status: open\n",
            "customer",
        ),
        (
            "records/agreements/payroll-erp.yaml",
            "title: ERP for payroll\ncustomer: payroll\nservices: [erp]\nstatus: draft\n"
            "valid_from: 2026-04-01\n",
            "customer",
        ),
    ],
)
def test_every_dated_kind_is_judged_by_its_date(
    tmp_path: Path, path: str, text: str, field: str
) -> None:
    found = codes(run_check(build(tmp_path, {PAYROLL: RETIRED, path: text})))
    assert [c for c in found if c[0] == "ref-retired"] == [("ref-retired", path, field)]


def test_an_undated_reference_is_history(tmp_path: Path) -> None:
    project = "name: Move payroll\ncustomers: [payroll]\nstatus: done\n"
    files = {PAYROLL: RETIRED, "records/projects/payroll-move.yaml": project}
    assert codes(run_check(build(tmp_path, files))) == []


def test_what_still_stands_on_a_retired_unit(tmp_path: Path) -> None:
    files = {
        PAYROLL: RETIRED,
        "records/customers/payslips.yaml": customer("Payslips", parent="payroll"),
        "records/customers/archive.yaml": customer("Archive", parent="payroll")
        + "status: retired\nretired_on: 2026-03-31\n",
    }
    assert codes(run_check(build(tmp_path, files))) == [
        ("retired-unit-active", "records/customers/payslips.yaml", "parent")
    ]
