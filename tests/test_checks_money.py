"""Money is in an ISO 4217 currency, and a finding about it never shows the amount."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from brm_build.checks.money import CURRENCIES

from .casebuilder import BASE, build, codes, run_check

FINANCE = (BASE / "records/customers/finance.yaml").read_text()


def test_the_list_holds_currency_codes() -> None:
    assert all(re.fullmatch(r"[A-Z]{3}", code) for code in CURRENCIES)
    assert {"EUR", "USD", "GBP", "CHF", "SEK", "NOK", "DKK", "PLN", "JPY", "CNY"} <= CURRENCIES
    assert not {"EUT", "ABC", "EURO"} & CURRENCIES


@pytest.mark.parametrize(("currency", "warned"), [("EUR", False), ("SEK", False), ("EUT", True)])
def test_it_budget_currency(tmp_path: Path, currency: str, warned: bool) -> None:
    text = FINANCE + f"it_budget:\n  amount: 2400000\n  currency: {currency}\n"
    result = run_check(build(tmp_path, {"records/customers/finance.yaml": text}))
    expected = [("currency-unknown", "records/customers/finance.yaml", "it_budget.currency")]
    assert codes(result) == (expected if warned else [])


def test_the_finding_hides_the_restricted_value(tmp_path: Path) -> None:
    text = FINANCE + "it_budget:\n  amount: 2400000\n  currency: XYZ\n"
    [finding] = run_check(build(tmp_path, {"records/customers/finance.yaml": text})).findings
    assert (finding.line, finding.column, finding.quote) == (13, 13, False)
    assert "XYZ" not in finding.message and "2400000" not in finding.message
