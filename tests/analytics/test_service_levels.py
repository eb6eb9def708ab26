"""Service-level attainment against results worked out by hand."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from brm_build.analytics.service_levels import (
    AgreementAttainment,
    attainment,
    by_customer_and_quarter,
)
from brm_build.analytics.targets import meets

from .records import agreement, level, report

AGREEMENTS = {
    "fin": agreement(
        "finance",
        [
            level("availability", 99.5, "at_least"),
            level("response", 4, "at_most"),
            level("changes", 90, "at_least", period="quarter"),
        ],
    ),
    "unreported": agreement("retail", [level("availability", 99.0)]),
    "no-levels": agreement("retail", []),
}
REPORTS = {
    "fin": report(
        "fin",
        {
            "2025-01": {"availability": 99.5, "response": 4.0},  # both exactly on target
            "2025-02": {"availability": 99.4, "response": 5.0},  # both breached
            # 2025-03: no report at all
            "2025-04": {"availability": 99.9},  # response not reported
            "2025-Q1": {"changes": 85.0},
            "2025-Q2": {"changes": 95.0},
        },
    )
}


@pytest.fixture
def fin() -> AgreementAttainment:
    return attainment(AGREEMENTS, REPORTS)["fin"]


def test_direction_and_equality() -> None:
    assert meets(99.5, 99.5, "at_least") and not meets(99.4, 99.5, "at_least")
    assert meets(4.0, 4.0, "at_most") and not meets(4.1, 4.0, "at_most")


def test_a_month_without_a_report_is_not_measured(fin: AgreementAttainment) -> None:
    availability = fin.levels[0]
    assert [(r.period, r.actual, r.met) for r in availability.results] == [
        ("2025-01", 99.5, True),
        ("2025-02", 99.4, False),
        ("2025-03", None, None),
        ("2025-04", 99.9, True),
    ]
    assert (len(availability.measured), availability.met) == (3, 2)
    assert availability.attainment == pytest.approx(200 / 3)
    assert [r.period for r in availability.breaches] == ["2025-02"]
    latest = availability.latest
    assert latest is not None and (latest.period, latest.actual) == ("2025-04", 99.9)
    assert availability.trend == "better"


def test_at_most_levels_and_unreported_results(fin: AgreementAttainment) -> None:
    response = fin.levels[1]
    assert [r.met for r in response.results] == [True, False, None, None]
    assert response.attainment == pytest.approx(50.0)
    latest = response.latest
    assert latest is not None and latest.period == "2025-02"
    assert response.trend == "worse"  # 5.0 hours after 4.0, where less is better


def test_quarterly_levels_list_quarters(fin: AgreementAttainment) -> None:
    changes = fin.levels[2]
    assert [(r.period, r.met) for r in changes.results] == [("2025-Q1", False), ("2025-Q2", True)]
    assert changes.trend == "better"


def test_agreement_attainment_pools_its_levels(fin: AgreementAttainment) -> None:
    assert (fin.met, fin.measured) == (4, 7)
    assert fin.attainment == pytest.approx(400 / 7)
    assert fin.customer == "finance" and fin.status == "active"


def test_agreements_without_reports_or_levels() -> None:
    result = attainment(AGREEMENTS, REPORTS)
    assert "no-levels" not in result
    unreported = result["unreported"]
    assert unreported.attainment is None and unreported.measured == 0
    level_ = unreported.levels[0]
    assert level_.results == () and level_.latest is None and level_.trend is None


def test_trend_same_and_single_result() -> None:
    flat = attainment(
        {"a": agreement("x", [level("up", 1)])},
        {"a": report("a", {"2025-01": {"up": 2.0}, "2025-02": {"up": 2.0}})},
    )["a"].levels[0]
    assert flat.trend == "same"
    single = attainment(
        {"a": agreement("x", [level("up", 1)])}, {"a": report("a", {"2025-01": {"up": 2.0}})}
    )["a"].levels[0]
    assert single.trend is None


def test_heatmap_cells_count_months_in_their_quarter(fin: AgreementAttainment) -> None:
    cells = by_customer_and_quarter([fin])
    q1, q2 = cells["finance"]["2025-Q1"], cells["finance"]["2025-Q2"]
    assert (q1.met, q1.measured) == (2, 5)  # Jan twice met, Feb twice and Q1 changes breached
    assert (q2.met, q2.measured) == (2, 2)
    assert q1.attainment == pytest.approx(40.0)


def test_numbers_that_are_not_finite_never_reach_the_analytics() -> None:
    """.nan and .inf are rejected by the model, so no target or result is ever one."""
    for value in (float("nan"), float("inf"), float("-inf")):
        with pytest.raises(ValidationError, match="finite number"):
            level("up", value)
        with pytest.raises(ValidationError, match="finite number"):
            report("a", {"2025-01": {"up": value}})
