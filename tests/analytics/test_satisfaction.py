"""Satisfaction figures against values counted by hand."""

from __future__ import annotations

import pytest

from brm_build.analytics.satisfaction import (
    Satisfaction,
    csat_drops,
    satisfaction,
    scores,
    series,
)
from brm_build.analytics.tree import tree_order, units_upwards
from brm_build.model import Customer

from .records import answer, survey, unit

CUSTOMERS: dict[str, Customer] = {
    "finance": unit("Group Finance"),
    "controlling": unit("Group Controlling", parent="finance"),
    "payables": unit("Payables", parent="controlling"),  # two levels below finance
    "retail": unit("Retail"),
}
Q1 = survey(
    "2025-Q1",
    [
        answer("finance", 5, nps=10, service="erp", role="customer"),
        answer("controlling", 4, nps=8, service="erp", role="purchaser"),
        answer("payables", 2, nps=3, service="reporting", role="user"),
        answer("payables", 4, service="reporting", role="user"),
        answer("retail", 3, nps=9, service="pos", role="customer"),
    ],
)
DECEMBER = survey("2024-12", [answer("finance", 3)])


@pytest.fixture
def sat() -> Satisfaction:
    # Listed out of order: the month 2024-12 comes before the quarter 2025-Q1.
    return satisfaction([Q1, DECEMBER], CUSTOMERS, {}, minimum=5, organisation="Meridian")


def test_organisation_figures(sat: Satisfaction) -> None:
    assert sat.periods == ("2024-12", "2025-Q1")
    f = sat.organisation.figures[-1]
    assert (f.period, f.n, f.satisfied) == ("2025-Q1", 5, 3)
    assert f.csat == pytest.approx(60.0)
    assert f.csat_mean == pytest.approx(3.6)
    assert f.distribution == (0, 1, 1, 2, 1)
    # Four answered NPS: promoters 10 and 9, detractor 3, passive 8.
    assert (f.nps_n, f.promoters, f.detractors) == (4, 2, 1)
    assert f.nps == pytest.approx(25.0)
    assert f.low_confidence is False and f.nps_low_confidence is True
    assert f.change == pytest.approx(60.0)  # from 0% in 2024-12
    assert sat.organisation.label == "Meridian"


def test_customer_counts_purchasers_at_any_depth(sat: Satisfaction) -> None:
    finance = sat.customers["finance"].at("2025-Q1")
    assert finance is not None
    assert (finance.n, finance.satisfied) == (4, 3)  # includes both answers of payables
    assert finance.csat == pytest.approx(75.0)
    assert finance.csat_mean == pytest.approx(3.75)
    assert finance.nps == pytest.approx(0.0)  # one promoter, one detractor of three
    assert finance.low_confidence is True
    assert finance.change == pytest.approx(75.0)


def test_each_purchaser_has_its_own_figure(sat: Satisfaction) -> None:
    controlling = sat.customers["controlling"].at("2025-Q1")
    payables = sat.customers["payables"].at("2025-Q1")
    assert controlling is not None and payables is not None
    assert controlling.n == 3 and controlling.csat == pytest.approx(200 / 3)
    assert payables.n == 2 and payables.csat == pytest.approx(50.0)
    assert sat.customers["payables"].label == "Payables"


def test_first_period_of_a_group_has_no_change(sat: Satisfaction) -> None:
    retail = sat.customers["retail"]
    assert [f.period for f in retail.figures] == ["2025-Q1"]
    only = retail.figures[0]
    assert only.change is None
    assert only.csat == 0.0 and only.nps == 100.0


def test_nps_is_null_when_nobody_answered_it(sat: Satisfaction) -> None:
    december = sat.customers["finance"].at("2024-12")
    assert december is not None
    assert december.nps is None and december.nps_ci95 is None and december.nps_n == 0


def test_services_and_roles(sat: Satisfaction) -> None:
    services = {k: s.figures[-1].csat for k, s in sat.services.items()}
    assert services == {"erp": 100.0, "pos": 0.0, "reporting": 50.0}
    roles = {k: (s.figures[-1].n, s.figures[-1].csat) for k, s in sat.roles.items()}
    assert roles == {"customer": (2, 50.0), "purchaser": (1, 100.0), "user": (2, 50.0)}
    assert [s.label for s in sat.roles.values()] == ["Customers", "Purchasers", "Users"]


def test_no_responses() -> None:
    assert scores("2025-Q1", [], 5) is None
    sat = satisfaction([survey("2025-Q1", [])], CUSTOMERS, {}, 5)
    assert sat.periods == ("2025-Q1",)
    assert sat.organisation.figures == ()
    assert sat.organisation.latest is None
    assert sat.customers == {} and sat.services == {} and sat.roles == {}


def test_one_response_is_low_confidence_with_a_wide_interval() -> None:
    f = scores("2025-Q1", [answer("finance", 4, nps=9)], 5)
    assert f is not None
    assert (f.csat, f.nps, f.low_confidence) == (100.0, 100.0, True)
    assert f.csat_ci95 == pytest.approx((16.75, 100.0), abs=0.01)


def test_change_is_counted_from_the_figure_before() -> None:
    before = scores("2025-Q1", [answer("finance", 5), answer("finance", 1)], 5)
    after = scores("2025-Q2", [answer("finance", 5)] * 3 + [answer("finance", 2)], 5, before)
    assert before is not None and after is not None
    assert (before.change, after.change) == (None, 25.0)  # 50% -> 75%


def test_all_detractors() -> None:
    f = scores("2025-Q1", [answer("finance", 1, nps=v) for v in (0, 3, 5, 6)], 5)
    assert f is not None
    assert (f.nps, f.csat, f.csat_mean) == (-100.0, 0.0, 1.0)
    assert f.nps_ci95 == pytest.approx((-100.0, -6.94), abs=0.01)


def test_surveys_of_the_same_period_pool() -> None:
    a = survey("2025-Q1", [answer("finance", 5)])
    b = survey("2025-Q1", [answer("finance", 1)])
    sat = satisfaction([a, b], CUSTOMERS, {}, 5)
    assert sat.periods == ("2025-Q1",)
    assert sat.organisation.figures[0].n == 2


def test_units_upwards_stops_at_a_cycle() -> None:
    looped = {"a": unit("A", parent="b"), "b": unit("B", parent="a")}
    assert units_upwards("a", looped) == ["a", "b"]
    assert units_upwards("unknown", looped) == ["unknown"]


def test_tree_order_puts_units_under_their_parents() -> None:
    assert tree_order(CUSTOMERS) == [
        ("finance", 0),
        ("controlling", 1),
        ("payables", 2),
        ("retail", 0),
    ]


def test_a_chain_deeper_than_the_stack_is_walked() -> None:
    depth = 5_000  # Python's recursion limit is 1,000
    chain = {f"u{i}": unit(f"U{i}", parent=f"u{i - 1}" if i else None) for i in range(depth)}
    assert tree_order(chain) == [(f"u{i}", i) for i in range(depth)]
    assert len(units_upwards(f"u{depth - 1}", chain)) == depth


def _figures(*answers_by_period: tuple[str, list[int]]) -> list[str]:
    periods = [p for p, _ in answers_by_period]
    by_period = {p: [answer("finance", v) for v in values] for p, values in answers_by_period}
    drops = csat_drops(series("finance", "F", by_period, periods, 5), periods, 10)
    return [f"{d.before.period}>{d.after.period}:{d.points:.0f}" for d in drops]


def test_drops_need_more_than_the_threshold() -> None:
    # 5 of 5 satisfied (100%) then 4 of 5 (80%): a fall of 20 points.
    assert _figures(("2025-Q1", [5, 5, 5, 5, 5]), ("2025-Q2", [5, 5, 5, 5, 1])) == [
        "2025-Q1>2025-Q2:20"
    ]
    # 9 of 10 (90%) then 8 of 10 (80%): exactly 10 points is not more than 10.
    assert _figures(("2025-Q1", [5] * 9 + [1]), ("2025-Q2", [5] * 8 + [1, 1])) == []


def test_drops_need_enough_responses_in_both_periods() -> None:
    assert _figures(("2025-Q1", [5, 5, 5, 5, 5]), ("2025-Q2", [1, 1, 1, 1])) == []
    assert _figures(("2025-Q1", [5, 5]), ("2025-Q2", [1, 1, 1, 1, 1])) == []


def test_drops_compare_consecutive_periods_only() -> None:
    # The middle period has no answers: Q1 and Q3 are not consecutive.
    assert _figures(("2025-Q1", [5] * 5), ("2025-Q2", []), ("2025-Q3", [1] * 5)) == []
