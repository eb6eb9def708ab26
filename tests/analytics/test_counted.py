"""Report periods before an agreement starts or not yet begun are left out of the figures,
by the rule that the check flags them with."""

from __future__ import annotations

import datetime as dt

from brm_build.analytics.counted import (
    counted_report,
    counted_reports,
    survey_copies,
    uncounted,
)
from brm_build.analytics.stats import compute_stats
from brm_build.check import check
from brm_build.publication import publish
from brm_build.site.attention import glance
from brm_build.site.relations import relate
from brm_build.site.views import agreement_line

from ..conftest import CASES, settings_for
from .records import agreement, answer, level, report, survey

TODAY = dt.date(2026, 6, 15)
OURS = agreement("finance", [level("up", 99.5)])  # valid from 2024-01-01


def test_a_period_counts_within_the_agreements_life_up_to_today() -> None:
    assert uncounted(OURS, "2023-12", TODAY) == "before-start"
    assert uncounted(OURS, "2023-Q4", TODAY) == "before-start"
    assert uncounted(OURS, "2024-01", TODAY) is None
    assert uncounted(OURS, "2026-06", TODAY) is None  # under way: it has begun
    assert uncounted(OURS, "2026-Q2", TODAY) is None
    assert uncounted(OURS, "2026-07", TODAY) == "future"
    assert uncounted(OURS, "2026-Q3", TODAY) == "future"


def test_counted_reports_drop_only_what_is_flagged() -> None:
    full = report("a", {"2023-12": {"up": 90.0}, "2024-01": {"up": 99.9}, "2027-01": {"up": 1.0}})
    kept = counted_report(OURS, full, TODAY)
    assert kept is not None and [m.period for m in kept.measurements] == ["2024-01"]
    clean = report("a", {"2024-01": {"up": 99.9}})
    assert counted_report(OURS, clean, TODAY) is clean
    assert counted_report(OURS, None, TODAY) is None
    assert counted_reports({"a": OURS}, {"a": full, "x": clean}, TODAY)["x"] is clean


def _periods(case: str) -> tuple[list[str], list[str]]:
    """The periods ``brm stats`` and the agreement page count in a case folder."""
    settings = settings_for(CASES / "invalid" / case, TODAY)
    result = check(settings)
    stats = compute_stats(result.repository, settings)
    level = stats.attainment["finance-erp-2025"].levels[0]
    line = agreement_line(publish(result.repository, []), "finance-erp-2025", TODAY, 60)
    return [r.period for r in level.measured], [row.period for row in line.attainment.rows]


def test_stats_and_the_site_leave_out_a_period_before_the_start() -> None:
    assert _periods("report-period-before-start") == (["2025-01"], ["2025-01"])


def test_stats_and_the_site_leave_out_a_period_in_the_future() -> None:
    assert _periods("report-period-future") == (["2026-05"], ["2026-05"])


def test_a_future_meeting_is_no_ones_last_meeting_for_the_check_health_or_dashboard() -> None:
    settings = settings_for(CASES / "invalid" / "meeting-in-future", TODAY)
    result = check(settings)
    (no_meeting,) = [f for f in result.findings if f.code == "customer-no-recent-meeting"]
    assert "since 2026-01-12, 154 days ago" in no_meeting.message
    (meetings,) = [
        signal
        for signal in compute_stats(result.repository, settings).health["finance"].signals
        if signal.key == "meetings"
    ]
    assert "154" in meetings.value and meetings.status == "act"
    pub = publish(result.repository, [])
    assert glance(pub, relate(pub), "finance", TODAY, 60).last_meeting == dt.date(2026, 1, 12)


def test_a_survey_with_anothers_responses_is_a_copy_whatever_its_comments() -> None:
    first = survey("2026-Q1", [answer("a", 4), answer("a", 5, nps=9)])
    commented = [r.model_copy(update={"comment": "hidden"}) for r in first.responses]
    copy = first.model_copy(update={"period": "2026-Q2", "responses": commented})
    reordered = first.model_copy(update={"responses": first.responses[::-1]})
    empty = survey("2026-Q3", [])
    longer = first.model_copy(update={"responses": [*first.responses, first.responses[0]]})
    surveys = {"b-copy": copy, "a-first": first, "c-other": reordered, "d": empty, "e": empty}
    assert survey_copies(surveys | {"f-longer": longer}) == {"b-copy": "a-first"}


def test_stats_and_the_customer_page_count_a_copied_surveys_responses_once() -> None:
    settings = settings_for(CASES / "invalid" / "survey-copy", TODAY)
    result = check(settings)
    sat = compute_stats(result.repository, settings).satisfaction
    assert sat.periods == ("2026-Q1",)
    assert [(f.period, f.n) for f in sat.organisation.figures] == [("2026-Q1", 5)]
    pub = publish(result.repository, [])
    assert list(relate(pub).responses_of["finance"]) == ["csat-2026-q1"]
