"""The practice's charts: one line per figure over the quarters, a gap for a share of none,
alt text that gives the latest quarter, and the counts behind every share in the table."""

from __future__ import annotations

import datetime as dt

from brm_build.analytics.practice import Practice
from brm_build.charts.draw import draw_svg
from brm_build.charts.model import QuartersSpec
from brm_build.charts.practice import OPEN, REQUIREMENTS, SHARES, practice_charts


def _quarter(q: str, day: dt.date, customers: int, met: int, raised: int) -> Practice:
    return Practice(
        quarter=q,
        as_of=day,
        customers=customers,
        customers_met=met,
        agreements_active=2,
        agreements_reviewed_12m=1,
        plans_current=0,
        requirements_raised=raised,
        requirements_delivered=1,
        requirements_delivered_undated=0,
        delivery_days_median=30.0,
        overdue_actions=3,
        open_complaints=0,
        open_escalations=1,
    )


PRACTICE = {
    "2026-Q1": _quarter("2026-Q1", dt.date(2026, 3, 31), 0, 0, 4),
    "2026-Q2": _quarter("2026-Q2", dt.date(2026, 6, 15), 4, 3, 2),
}


def test_no_figures_no_charts() -> None:
    assert practice_charts(None) == [] and practice_charts({}) == []


def test_shares_with_their_counts_and_a_gap_for_none() -> None:
    shares, requirements, still_open = practice_charts(PRACTICE)
    assert [c.name for c in (shares, requirements, still_open)] == [SHARES, REQUIREMENTS, OPEN]
    assert isinstance(shares.spec, QuartersSpec) and shares.spec.percent
    assert shares.spec.values[0] == (None, 75.0)  # no customers in 2026-Q1: nothing to share
    assert shares.table.rows[0] == ("2026-Q1", "–", "50% (1 of 2)", "–")
    assert shares.table.rows[1] == ("2026-Q2", "75% (3 of 4)", "50% (1 of 2)", "0% (0 of 4)")
    assert shares.alt == (
        "Customers met, agreements reviewed, plans current, in 2026-Q2: Customers met 75% "
        "(3 of 4); Agreements reviewed in 12 months 50% (1 of 2); Plans for the year 0% "
        "(0 of 4) (quarters 2026-Q1..2026-Q2)"
    )
    assert isinstance(requirements.spec, QuartersSpec) and not requirements.spec.percent
    assert requirements.spec.values == ((4.0, 2.0), (1.0, 1.0))
    assert still_open.table.headers == (
        "Quarter",
        "Overdue actions",
        "Open complaints",
        "Open escalations",
    )


def test_drawn_as_text_with_a_legend() -> None:
    for chart in practice_charts(PRACTICE):
        svg = draw_svg(chart.spec).decode("utf-8")
        assert svg.startswith("<?xml")
        assert isinstance(chart.spec, QuartersSpec)
        for label in chart.spec.labels:
            assert label in svg
        assert draw_svg(chart.spec).decode("utf-8") == svg  # the same bytes every time
