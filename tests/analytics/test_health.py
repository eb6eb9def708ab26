"""Relationship health: each signal at the edges of its rule, and a customer as a whole."""

from __future__ import annotations

import datetime as dt

import pytest

from brm_build.analytics import signals as s
from brm_build.analytics.health import (
    HealthInputs,
    customer_health,
    health_index,
    health_rules,
    purchaser_health,
    relationship_health,
    worst,
)
from brm_build.analytics.satisfaction import Series, satisfaction, series
from brm_build.analytics.service_levels import attainment
from brm_build.model.settings import Thresholds

from .records import agreement, answer, feedback, level, meeting, report, survey, unit

TODAY = dt.date(2026, 6, 15)
T = Thresholds()


def _series(*periods: tuple[str, int, int]) -> tuple[Series, list[str]]:
    """A series from (period, satisfied, n) triples."""
    by_period = {p: [answer("a", 5)] * k + [answer("a", 1)] * (n - k) for p, k, n in periods}
    names = [p for p, _, _ in periods]
    return series("a", "A", by_period, names, T.survey_min_responses), names


@pytest.mark.parametrize(
    ("satisfied", "n", "status"),
    [(4, 5, "good"), (15, 19, "watch"), (3, 5, "watch"), (2, 5, "act"), (0, 2, "watch")],
)
def test_satisfaction_level(satisfied: int, n: int, status: str) -> None:
    # 80% good; 79% and 60% watch; 40% act; 0% from two responses is too few to rate.
    figures, periods = _series(("2026-Q1", satisfied, n))
    assert s.rate_satisfaction(figures, periods)[0] == status


def test_satisfaction_without_answers_is_watch() -> None:
    assert s.rate_satisfaction(None, ["2026-Q1"]) == ("watch", "no survey answers")


@pytest.mark.parametrize(
    ("before", "after", "status"),
    [
        ((5, 5), (5, 5), "good"),
        ((9, 10), (8, 10), "watch"),  # down exactly 10 points
        ((5, 5), (4, 5), "act"),  # down 20
        ((5, 5), (0, 4), "watch"),  # too few in the latest period
    ],
)
def test_satisfaction_trend(before: tuple[int, int], after: tuple[int, int], status: str) -> None:
    figures, periods = _series(("2026-Q1", *before), ("2026-Q2", *after))
    assert s.rate_trend(figures, periods, T.csat_drop_points)[0] == status


def test_service_levels_use_the_recent_periods_of_active_agreements() -> None:
    months = {f"2026-0{m}": {"up": 100.0 if m != 2 else 0.0} for m in range(1, 6)}
    months["2026-07"] = {"up": 0.0}  # after today: not counted yet
    agreements = {"a": agreement("c", [level("up", 99)]), "old": agreement("c", [], "expired")}
    met = attainment(agreements, {"a": report("a", months)})
    rating = s.rate_service_levels(list(met.values()), TODAY)
    assert rating == ("good", "100% met (3 of 3 recent results)")  # March to May
    months["2026-05"] = {"up": 0.0}
    met = attainment(agreements, {"a": report("a", months)})
    assert s.rate_service_levels(list(met.values()), TODAY)[0] == "act"  # 2 of 3
    assert s.rate_service_levels([], TODAY)[0] == "watch"


def test_overdue_actions() -> None:
    past, due_today = dt.date(2026, 6, 1), TODAY
    m = meeting(past, ["c"], [("open", past), ("done", past), ("open", due_today)])
    assert s.rate_actions(m.actions, TODAY)[0] == "watch"
    three = meeting(past, ["c"], [("open", past)] * 3)
    assert s.rate_actions(three.actions, TODAY)[0] == "act"
    assert s.rate_actions([], TODAY) == ("good", "none overdue")


def test_open_complaints_and_escalations() -> None:
    day30, day31 = TODAY - dt.timedelta(days=30), TODAY - dt.timedelta(days=31)
    assert s.rate_feedback([feedback("complaint", day30, "c")], TODAY, 30)[0] == "watch"
    assert s.rate_feedback([feedback("complaint", day31, "c")], TODAY, 30)[0] == "act"
    assert s.rate_feedback([feedback("escalation", TODAY, "c")], TODAY, 30)[0] == "act"
    quiet = [feedback("compliment", day31, "c"), feedback("complaint", day31, "c", "resolved")]
    assert s.rate_feedback(quiet, TODAY, 30)[0] == "good"


@pytest.mark.parametrize(
    ("days", "status"), [(60, "good"), (61, "watch"), (90, "watch"), (91, "act")]
)
def test_last_meeting(days: int, status: str) -> None:
    assert s.rate_meetings(TODAY - dt.timedelta(days=days), TODAY, 90)[0] == status


def test_no_meeting_is_act() -> None:
    assert s.rate_meetings(None, TODAY, 90) == ("act", "no meeting on record")


def test_agreements_expiring() -> None:
    def rate(status: str, days: int) -> str:
        a = agreement("c", [], status, valid_until=TODAY + dt.timedelta(days=days))
        return s.rate_agreements([a], TODAY, 60)[0]

    assert (rate("active", 61), rate("active", 60), rate("active", -1)) == ("good", "watch", "act")
    assert rate("expired", -1) == "good"


def test_worst_status() -> None:
    assert worst(["good", "act", "watch"]) == "act"
    assert worst([]) == "good"


def test_customer_health_counts_purchasers() -> None:
    customers = {
        "finance": unit("Group Finance"),
        "controlling": unit("Controlling", parent="finance"),
        "payables": unit("Payables", parent="controlling"),
        "retail": unit("Retail"),
    }
    overdue = TODAY - dt.timedelta(days=5)
    meetings = [
        meeting(TODAY - dt.timedelta(days=10), ["payables"], [("open", overdue)]),
        meeting(TODAY + dt.timedelta(days=3), ["finance"]),  # planned, not held yet
        meeting(TODAY - dt.timedelta(days=200), ["retail"]),
    ]
    complaints = [feedback("complaint", TODAY - dt.timedelta(days=3), "controlling")]
    sat = satisfaction(
        [survey("2026-Q1", [answer("payables", 5)] * 5)], customers, {}, T.survey_min_responses
    )
    data = HealthInputs(customers, sat, {}, {}, meetings, complaints)
    health = customer_health("finance", data, T, TODAY)
    statuses = {sig.key: sig.status for sig in health.signals}
    assert statuses == {
        "satisfaction": "good",
        "satisfaction-trend": "watch",
        "service-levels": "watch",
        "actions": "watch",
        "feedback": "watch",
        "meetings": "good",
        "agreements": "good",
    }
    assert health.status == "watch" and health.name == "Group Finance"
    meetings_signal = next(sig for sig in health.signals if sig.key == "meetings")
    assert meetings_signal.value == "10 days (last on 2026-06-05)"
    everyone = relationship_health(data, T, TODAY)
    assert list(everyone) == ["finance", "retail"]  # customers only, not purchasers
    assert everyone["retail"].status == "act"


def test_a_meeting_with_two_purchasers_counts_once_for_the_unit_above() -> None:
    customers = {
        "finance": unit("Group Finance"),
        "payables": unit("Payables", parent="finance"),
        "receivables": unit("Receivables", parent="finance"),
        "retail": unit("Retail"),
    }
    overdue = TODAY - dt.timedelta(days=5)
    both = meeting(TODAY - dt.timedelta(days=10), ["payables", "receivables"], [("open", overdue)])
    shared = meeting(TODAY - dt.timedelta(days=20), ["retail", "payables"])
    sat = satisfaction([], customers, {}, T.survey_min_responses)
    data = HealthInputs(customers, sat, {}, {}, [both, shared], [])
    index = health_index(data)
    assert index.meetings["finance"] == [both, shared]  # record order, each once
    assert index.meetings["retail"] == [shared] and "payables" in index.meetings
    health = customer_health("finance", data, T, TODAY, index)
    actions = next(sig for sig in health.signals if sig.key == "actions")
    assert actions.status == "watch" and actions.value.startswith("1 ")
    assert health == customer_health("finance", data, T, TODAY)  # the index is optional


def test_the_index_keeps_agreements_and_feedback_with_their_own_units() -> None:
    customers = {"finance": unit("Group Finance"), "payables": unit("Payables", "finance")}
    ours, theirs = agreement("finance", [level("up", 99)]), agreement("payables", [])
    complaint = feedback("complaint", TODAY, "payables")
    met = attainment({"a": ours}, {})
    sat = satisfaction([], customers, {}, T.survey_min_responses)
    data = HealthInputs(customers, sat, met, {"a": ours, "b": theirs}, [], [complaint])
    index = health_index(data)
    assert index.agreements == {"finance": [ours], "payables": [theirs]}
    assert [a.id for a in index.attainment["finance"]] == ["a"]
    assert index.feedback == {"finance": [complaint], "payables": [complaint]}


def test_rules_state_the_thresholds() -> None:
    rules = {r.key: r.text for r in health_rules(Thresholds(meeting_interval_days=120))}
    assert list(rules) == [
        "satisfaction",
        "satisfaction-trend",
        "service-levels",
        "actions",
        "feedback",
        "meetings",
        "agreements",
    ]
    assert "80 days or fewer" in rules["meetings"] and "more than 120 days" in rules["meetings"]
    assert "at least 5 responses" in rules["satisfaction-trend"]
    assert "60-day notice window" in rules["agreements"]


def test_a_retired_customer_has_no_health_to_watch() -> None:
    retired = unit("Retail").model_copy(update={"status": "retired"})
    customers = {"finance": unit("Group Finance"), "retail": retired}
    sat = satisfaction([], customers, {}, T.survey_min_responses)
    data = HealthInputs(customers, sat, {}, {}, [], [])
    assert list(relationship_health(data, T, TODAY)) == ["finance"]


def test_a_purchaser_is_rated_on_its_own_records_and_the_agreements_it_buys_under() -> None:
    customers = {
        "finance": unit("Group Finance"),
        "payables": unit("Payables", "finance").model_copy(update={"services": ["erp"]}),
        "treasury": unit("Treasury", "finance"),
        "old": unit("Old", "finance").model_copy(update={"status": "retired"}),
    }
    covering = agreement("finance", [level("up", 99)])
    other = agreement("finance", [level("up", 99)]).model_copy(update={"services": ["crm"]})
    months = {f"2026-0{m}": {"up": 50.0} for m in range(3, 6)}
    met = attainment({"a": covering, "b": other}, {"a": report("a", months)})
    sat = satisfaction([], customers, {}, T.survey_min_responses)
    held = meeting(TODAY - dt.timedelta(days=10), ["treasury"])
    data = HealthInputs(customers, sat, met, {"a": covering, "b": other}, [held], [])
    rated = purchaser_health(data, T, TODAY)
    assert list(rated) == ["payables", "treasury"]  # purchasers not retired
    payables = {sig.key: sig for sig in rated["payables"].signals}
    assert payables["service-levels"].status == "act"  # agreement a, which covers erp
    assert payables["meetings"].status == "act"  # treasury's meeting is not its own
    treasury = {sig.key: sig for sig in rated["treasury"].signals}
    assert treasury["service-levels"].value.startswith("no measured")  # uses no agreed service
    assert treasury["meetings"].status == "good"
    assert rated["payables"] == customer_health("payables", data, T, TODAY)
    assert list(relationship_health(data, T, TODAY)) == ["finance"]


def test_a_meeting_with_the_unit_above_counts_for_a_purchasers_last_meeting_only() -> None:
    customers = {
        "finance": unit("Group Finance"),
        "controlling": unit("Controlling", "finance"),
        "payables": unit("Payables", "controlling"),
        "receivables": unit("Receivables", "finance"),
    }
    overdue = TODAY - dt.timedelta(days=5)
    review = meeting(TODAY - dt.timedelta(days=30), ["finance"], [("open", overdue)])
    sibling = meeting(TODAY - dt.timedelta(days=3), ["receivables"])
    planned = meeting(TODAY + dt.timedelta(days=3), ["controlling"])  # not held yet
    sat = satisfaction([], customers, {}, T.survey_min_responses)
    data = HealthInputs(customers, sat, {}, {}, [review, sibling, planned], [])
    rated = purchaser_health(data, T, TODAY)
    payables = {sig.key: sig for sig in rated["payables"].signals}
    assert payables["meetings"].status == "good"
    assert payables["meetings"].value == "30 days (last on 2026-05-16)"  # not the sibling's
    assert payables["actions"].status == "good"  # the customer's actions stay its own
    alone = HealthInputs(customers, sat, {}, {}, [sibling, planned], [])
    assert customer_health("payables", alone, T, TODAY).signals[5].status == "act"


def test_the_last_meeting_is_rated_on_the_units_own_interval_where_its_tier_sets_one() -> None:
    customers = {"finance": unit("Group Finance"), "retail": unit("Retail")}
    held = [meeting(TODAY - dt.timedelta(days=50), [cid]) for cid in customers]
    sat = satisfaction([], customers, {}, T.survey_min_responses)
    data = HealthInputs(customers, sat, {}, {}, held, [], {"finance": 45})
    rated = relationship_health(data, T, TODAY)
    assert rated["finance"].signals[5].status == "act"  # past its tier's 45 days
    assert rated["retail"].signals[5].status == "good"  # within the default 90
