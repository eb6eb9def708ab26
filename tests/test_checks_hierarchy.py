"""The customer structure: purchasers under customers, no cycles, agreements with customers."""

from __future__ import annotations

from pathlib import Path

from .casebuilder import build, codes, customer, run_check

CUSTOMERS = "records/customers/"


def test_purchasers_two_levels_deep_are_fine(tmp_path: Path) -> None:
    files = {
        CUSTOMERS + "treasury.yaml": customer("Treasury", parent="finance"),
        CUSTOMERS + "payments.yaml": customer("Payments", parent="treasury"),
    }
    assert codes(run_check(build(tmp_path, files))) == []


def test_a_cycle_is_reported_once_and_names_every_file_on_it(tmp_path: Path) -> None:
    files = {
        CUSTOMERS + "a.yaml": customer("A", parent="b"),
        CUSTOMERS + "b.yaml": customer("B", parent="c"),
        CUSTOMERS + "c.yaml": customer("C", parent="a"),
        CUSTOMERS + "d.yaml": customer("D", parent="a"),  # hangs below the cycle, not on it
    }
    [finding] = run_check(build(tmp_path, files)).findings
    assert (finding.code, finding.path, finding.field) == (
        "hierarchy-cycle",
        CUSTOMERS + "a.yaml",
        "parent",
    )
    assert finding.related == tuple(CUSTOMERS + f"{c}.yaml" for c in "abc")
    assert "a → b → c → a" in finding.message


def test_two_cycles_are_two_findings(tmp_path: Path) -> None:
    files = {
        CUSTOMERS + "a.yaml": customer("A", parent="b"),
        CUSTOMERS + "b.yaml": customer("B", parent="a"),
        CUSTOMERS + "x.yaml": customer("X", parent="y"),
        CUSTOMERS + "y.yaml": customer("Y", parent="x"),
    }
    assert codes(run_check(build(tmp_path, files))) == [
        ("hierarchy-cycle", CUSTOMERS + "a.yaml", "parent"),
        ("hierarchy-cycle", CUSTOMERS + "x.yaml", "parent"),
    ]


def test_a_cycle_through_a_customer(tmp_path: Path) -> None:
    finance = customer("Group Finance", role="customer", parent="treasury")
    files = {
        CUSTOMERS + "finance.yaml": finance,
        CUSTOMERS + "treasury.yaml": customer("Treasury", parent="finance"),
    }
    finding = run_check(build(tmp_path, files)).findings[0]
    assert finding.code == "hierarchy-cycle"
    assert set(finding.related) == {CUSTOMERS + "finance.yaml", CUSTOMERS + "treasury.yaml"}


def test_own_parent_names_its_own_file(tmp_path: Path) -> None:
    files = {CUSTOMERS + "treasury.yaml": customer("Treasury", parent="treasury")}
    [finding] = run_check(build(tmp_path, files)).findings
    assert finding.code == "hierarchy-cycle"
    assert finding.related == (CUSTOMERS + "treasury.yaml",)


def test_a_purchaser_needs_a_parent_and_a_customer_a_relationship_manager(
    tmp_path: Path,
) -> None:
    files = {
        CUSTOMERS + "treasury.yaml": customer("Treasury"),
        CUSTOMERS + "finance.yaml": customer("Group Finance", role="purchaser", parent=None),
    }
    assert codes(run_check(build(tmp_path, files))) == [
        ("hierarchy-parent-missing", CUSTOMERS + "finance.yaml", "role"),
        ("hierarchy-parent-missing", CUSTOMERS + "treasury.yaml", "role"),
    ]


def test_agreement_with_a_purchaser_names_the_customer_above_it(tmp_path: Path) -> None:
    agreement = (
        "title: Payments on Core ERP\ncustomer: payments\nservices: [erp]\n"
        "status: draft\nvalid_from: 2026-07-01\n"
    )
    files = {
        CUSTOMERS + "treasury.yaml": customer("Treasury", parent="finance"),
        CUSTOMERS + "payments.yaml": customer("Payments", parent="treasury"),
        "records/agreements/payments-erp.yaml": agreement,
    }
    [finding] = run_check(build(tmp_path, files)).findings
    assert finding.code == "agreement-party-role"
    assert finding.message.endswith("name its customer 'finance'")
    assert finding.related == (CUSTOMERS + "payments.yaml",)
