"""Response rates against counts made by hand: a unit counts the units below it, and only
responses of invited units (or units below them) count towards a rate."""

from __future__ import annotations

import pytest

from brm_build.analytics.response_rate import over_invited, response_rate
from brm_build.analytics.satisfaction import EVERYONE, satisfaction
from brm_build.model import Customer, Survey

from .records import answer, survey, unit

CUSTOMERS: dict[str, Customer] = {
    "finance": unit("Group Finance"),
    "controlling": unit("Group Controlling", parent="finance"),
    "payables": unit("Payables", parent="controlling"),
    "retail": unit("Retail"),
    "hr": unit("Human Resources"),
}


def _invited(period: str, invited: dict[str, int], customers: list[str]) -> Survey:
    base = survey(period, [answer(c, 4) for c in customers])
    return base.model_copy(update={"invited": invited})


YEARLY = _invited(
    "2026",
    {"finance": 10, "payables": 4, "retail": 5},
    # hr was not invited: its response counts for CSAT, not for any response rate
    ["finance", "controlling", "payables", "payables", "payables", "retail", "hr"],
)


def test_a_unit_counts_the_invitations_and_responses_below_it() -> None:
    finance = response_rate([YEARLY], CUSTOMERS, "finance")
    assert finance is not None and (finance.responses, finance.invited) == (5, 14)
    controlling = response_rate([YEARLY], CUSTOMERS, "controlling")
    assert controlling is not None and (controlling.responses, controlling.invited) == (4, 4)
    assert response_rate([YEARLY], CUSTOMERS, "hr") is None  # nobody there was invited


def test_the_organisation_counts_only_the_responses_of_invited_units() -> None:
    everyone = response_rate([YEARLY], CUSTOMERS)
    assert everyone is not None and (everyone.responses, everyone.invited) == (6, 19)
    assert everyone.rate == pytest.approx(100 * 6 / 19)
    assert everyone.ci95 == pytest.approx((15.36, 53.99), abs=0.01)


def test_a_survey_without_invitations_has_no_rate() -> None:
    assert response_rate([survey("2026-Q1", [answer("finance", 5)])], CUSTOMERS) is None


def test_more_responses_than_invited_is_found_and_gives_no_rate() -> None:
    crowded = _invited("2026-Q2", {"controlling": 1}, ["controlling", "payables"])
    assert over_invited(crowded, CUSTOMERS) == [("controlling", 2)]
    assert response_rate([crowded], CUSTOMERS, "controlling") is None
    assert over_invited(YEARLY, CUSTOMERS) == []


def test_satisfaction_keeps_the_rates_by_period_pooling_surveys() -> None:
    spring = _invited("2026-Q1", {"retail": 5}, ["retail", "retail"])
    again = _invited("2026-Q1", {"retail": 5}, ["retail"])
    sat = satisfaction([YEARLY, spring, again], CUSTOMERS, {}, 3)
    assert sat.periods == ("2026-Q1", "2026")  # the year after its quarters
    pooled = sat.rate("retail", "2026-Q1")
    assert pooled is not None and (pooled.responses, pooled.invited) == (3, 10)
    whole = sat.rate(EVERYONE, "2026")
    assert whole is not None and (whole.responses, whole.invited) == (6, 19)
    assert sat.rate("hr", "2026") is None
