"""The escalation channel: unique levels on a path; an escalation names a level of it."""

from __future__ import annotations

from pathlib import Path

import pytest

from .casebuilder import BASE, build, codes, customer, run_check

PATH_1_2 = """escalation:
  - level: 1
    contact: {name: Anna Lind, email: anna.lind@meridian.example}
  - level: 2
    contact: {name: Henrik Dahl, email: henrik.dahl@meridian.example}
"""
FINANCE = (BASE / "records/customers/finance.yaml").read_text()


def feedback(kind: str, customer_id: str, level: int | None) -> str:
    text = f"type: {kind}\ndate: 2026-06-03\ncustomer: {customer_id}\n"
    text += f"level: {level}\n" if level is not None else ""
    return text + "summary: The payment run failed twice.\nstatus: open\n"


ESCALATION = "records/feedback/2026/2026-06-03-payment-run.yaml"


def level_findings(tmp_path: Path, files: dict[str, str]) -> list[tuple[str, str, str]]:
    result = run_check(build(tmp_path, files))
    return [c for c in codes(result) if c[0] == "feedback-level"]


@pytest.mark.parametrize("level", [1, 2])
def test_a_level_on_the_path_is_accepted(tmp_path: Path, level: int) -> None:
    files = {
        "records/customers/finance.yaml": FINANCE + PATH_1_2,
        ESCALATION: feedback("escalation", "finance", level),
    }
    assert level_findings(tmp_path, files) == []


def test_a_level_off_the_path_is_reported_with_the_levels(tmp_path: Path) -> None:
    files = {
        "records/customers/finance.yaml": FINANCE + PATH_1_2,
        ESCALATION: feedback("escalation", "finance", 3),
    }
    result = run_check(build(tmp_path, files))
    [finding] = result.findings
    assert (finding.code, finding.field, finding.line) == ("feedback-level", "level", 4)
    assert "level 3 is not on the escalation path of 'finance', which has levels 1, 2" in (
        finding.message
    )
    assert finding.related == ("records/customers/finance.yaml",)


def test_a_purchaser_escalates_on_its_customers_path(tmp_path: Path) -> None:
    files = {
        "records/customers/finance.yaml": FINANCE + PATH_1_2,
        "records/customers/treasury.yaml": customer("Treasury", parent="finance"),
        "records/customers/payments.yaml": customer("Payments", parent="treasury"),
        ESCALATION: feedback("escalation", "payments", 4),
    }
    [(code, path, field)] = level_findings(tmp_path, files)
    assert (code, path, field) == ("feedback-level", ESCALATION, "level")


def test_a_purchasers_own_path_comes_first(tmp_path: Path) -> None:
    own = PATH_1_2.replace("level: 2", "level: 3")
    files = {
        "records/customers/finance.yaml": FINANCE + PATH_1_2,
        "records/customers/treasury.yaml": customer("Treasury", parent="finance") + own,
        ESCALATION: feedback("escalation", "treasury", 3),
    }
    assert level_findings(tmp_path, files) == []


def test_without_any_path_the_level_is_not_judged(tmp_path: Path) -> None:
    files = {ESCALATION: feedback("escalation", "finance", 7)}
    assert level_findings(tmp_path, files) == []


def test_an_escalation_without_level_names_the_levels(tmp_path: Path) -> None:
    files = {
        "records/customers/finance.yaml": FINANCE + PATH_1_2,
        ESCALATION: feedback("escalation", "finance", None),
    }
    [finding] = run_check(build(tmp_path, files)).findings
    assert (finding.code, finding.field) == ("feedback-level", "type")
    assert finding.message.endswith("('finance' has levels 1, 2)")


@pytest.mark.parametrize("kind", ["complaint", "compliment"])
def test_only_escalations_have_a_level(tmp_path: Path, kind: str) -> None:
    files = {ESCALATION: feedback(kind, "finance", 1)}
    assert level_findings(tmp_path, files) == [("feedback-level", ESCALATION, "level")]


def test_unknown_customer_is_a_reference_finding_only(tmp_path: Path) -> None:
    files = {ESCALATION: feedback("escalation", "finanse", 2)}
    result = run_check(build(tmp_path, files))
    assert codes(result) == [("ref-unknown", ESCALATION, "customer")]


def test_every_repeated_level_is_reported(tmp_path: Path) -> None:
    repeated = PATH_1_2 + PATH_1_2.split("\n", 1)[1]  # levels 1, 2, 1, 2
    files = {"records/customers/finance.yaml": FINANCE + repeated}
    result = run_check(build(tmp_path, files))
    assert [(f.code, f.field) for f in result.findings] == [
        ("escalation-level-duplicate", "escalation[2].level"),
        ("escalation-level-duplicate", "escalation[3].level"),
    ]
    assert "already item 1" in result.findings[0].message
