"""The rules of what needs attention: each boundary day on both sides."""

from __future__ import annotations

import datetime as dt
from typing import Any

from brm_build.attention import rules
from brm_build.model import Agreement, Feedback, Survey
from brm_build.model.kinds import Action, Plan

TODAY = dt.date(2026, 11, 26)
DAY = dt.timedelta(days=1)


def _action(status: str = "open", due: dt.date | None = TODAY) -> Action:
    return Action.model_validate(
        {"text": "Send the plan", "owner": "Ann", "status": status, "due": due}
    )


def _feedback(kind: str = "complaint", status: str = "open", days: int = 0) -> Feedback:
    return Feedback.model_validate(
        {
            "type": kind,
            "date": TODAY - dt.timedelta(days=days),
            "customer": "sales",
            "summary": "Slow service desk",
            "status": status,
        }
    )


def _agreement(**fields: Any) -> Agreement:
    base = {"title": "Desk", "customer": "sales", "services": ["desk"], "status": "active"}
    return Agreement.model_validate({**base, "valid_from": dt.date(2025, 1, 1), **fields})


def test_an_action_is_overdue_from_the_day_after_its_due_date() -> None:
    assert not rules.action_overdue(_action(due=TODAY), TODAY)
    assert rules.action_overdue(_action(due=TODAY - DAY), TODAY)
    assert not rules.action_overdue(_action(status="done", due=TODAY - DAY), TODAY)
    assert not rules.action_overdue(_action(due=None), TODAY)


def test_an_action_due_by_a_day_counts_that_day_and_the_overdue() -> None:
    assert rules.action_due_by(_action(due=TODAY), TODAY)
    assert rules.action_due_by(_action(due=TODAY - 10 * DAY), TODAY)
    assert not rules.action_due_by(_action(due=TODAY + DAY), TODAY)
    assert not rules.action_due_by(_action(status="dropped"), TODAY)


def test_feedback_is_open_too_long_after_the_threshold_and_never_a_compliment() -> None:
    assert not rules.feedback_open_too_long(_feedback(days=30), TODAY, 30)
    assert rules.feedback_open_too_long(_feedback(days=31), TODAY, 30)
    assert rules.feedback_open_too_long(_feedback("escalation", days=31), TODAY, 30)
    assert not rules.feedback_open_too_long(_feedback("compliment", days=99), TODAY, 30)
    assert not rules.feedback_open_too_long(_feedback(status="resolved", days=99), TODAY, 30)
    assert rules.days_open(_feedback(days=31), TODAY) == 31


def test_a_meeting_is_overdue_after_the_interval_or_when_there_is_none() -> None:
    assert not rules.meeting_overdue(TODAY - 90 * DAY, TODAY, 90)
    assert rules.meeting_overdue(TODAY - 91 * DAY, TODAY, 90)
    assert rules.meeting_overdue(None, TODAY, 90)


def test_an_agreement_ends_within_the_notice_window_up_to_its_last_day() -> None:
    assert rules.ends_within(_agreement(valid_until=TODAY + 60 * DAY), TODAY, 60)
    assert not rules.ends_within(_agreement(valid_until=TODAY + 61 * DAY), TODAY, 60)
    assert not rules.ends_within(_agreement(), TODAY, 60)
    assert rules.past_end(_agreement(valid_until=TODAY - DAY), TODAY)
    assert not rules.past_end(_agreement(valid_until=TODAY), TODAY)


def test_few_responses_is_below_the_minimum() -> None:
    assert rules.few_responses(4, 5)
    assert not rules.few_responses(5, 5)


def _survey(period: str, closed: dt.date | None) -> Survey:
    return Survey.model_validate(
        {"title": "Round", "period": period, "closed": closed, "responses": []}
    )


def test_a_plan_counts_for_the_year_its_period_lies_in() -> None:
    plans = [Plan.model_validate({"period": p, "summary": "Grow"}) for p in ("2026-Q4", "2027")]
    assert rules.has_plan_for(plans, 2026) and rules.has_plan_for(plans, 2027)
    assert not rules.has_plan_for(plans, 2025)
    assert rules.has_plan_for([Plan.model_validate({"period": "2025-07", "summary": "X"})], 2025)


def test_a_years_plan_is_due_on_the_last_day_of_its_first_review_days() -> None:
    assert rules.plan_due_day(2027, 90) == dt.date(2027, 3, 31)
    assert rules.plan_due_day(2028, 90) == dt.date(2028, 3, 30)  # a leap year
    assert rules.plan_due_day(2027, 1) == dt.date(2027, 1, 1)
    assert rules.plan_due_day(9999, 366) == dt.date.max


def test_the_next_survey_round_is_due_one_period_after_the_last_closed() -> None:
    assert rules.next_survey_day(_survey("2026-Q3", dt.date(2026, 10, 15))) == dt.date(2027, 1, 15)
    assert rules.next_survey_day(_survey("2026-12", dt.date(2027, 1, 31))) == dt.date(2027, 2, 28)
    assert rules.next_survey_day(_survey("2026", None)) == dt.date(2027, 12, 31)
    assert rules.survey_closing_day(_survey("2026-Q1", None)) == dt.date(2026, 3, 31)
    assert rules.survey_closing_day(_survey("2026-02", None)) == dt.date(2026, 2, 28)
    assert rules.next_survey_day(_survey("2199", dt.date(9999, 12, 1))) == dt.date.max
