"""Periods order by the calendar, whatever their grain."""

from __future__ import annotations

import datetime as dt

import pytest

from brm_build.analytics.periods import (
    MAX_FILLED,
    fill_gaps,
    grain_of,
    next_period,
    period_end,
    period_key,
    period_range,
    period_start,
    quarter_of,
    sort_periods,
)


def test_months_and_quarters_sort_by_calendar_not_text() -> None:
    # As text, "2025-10" < "2025-Q3" and "2025-Q4" > "2026-01"; by calendar it is the reverse.
    assert sort_periods(["2025-10", "2025-Q3", "2026-01", "2025-Q4", "2024-12"]) == [
        "2024-12",
        "2025-Q3",
        "2025-10",
        "2025-Q4",
        "2026-01",
    ]


def test_sort_drops_repeats() -> None:
    assert sort_periods(["2025-Q2", "2025-Q1", "2025-Q2"]) == ["2025-Q1", "2025-Q2"]


def test_grain_start_end_and_quarter() -> None:
    assert grain_of("2025-07") == "month"
    assert grain_of("2025-Q3") == "quarter"
    assert period_start("2025-Q3") == dt.date(2025, 7, 1)
    assert period_end("2025-Q3") == dt.date(2025, 9, 30)
    assert period_end("2024-02") == dt.date(2024, 2, 29)
    assert period_end("2025-12") == dt.date(2025, 12, 31)
    assert quarter_of("2025-11") == "2025-Q4"
    assert quarter_of("2025-Q2") == "2025-Q2"


def test_next_period_rolls_over_the_year() -> None:
    assert next_period("2025-12") == "2026-01"
    assert next_period("2025-Q4") == "2026-Q1"
    assert next_period("2025-03") == "2025-04"


def test_range_fills_gaps() -> None:
    assert period_range("2025-11", "2026-02") == ["2025-11", "2025-12", "2026-01", "2026-02"]
    assert period_range("2025-Q4", "2026-Q1") == ["2025-Q4", "2026-Q1"]
    assert period_range("2025-05", "2025-04") == []


def test_range_refuses_mixed_grains_and_bad_text() -> None:
    with pytest.raises(ValueError, match="one is a month"):
        period_range("2025-01", "2025-Q2")
    with pytest.raises(ValueError, match="not a period"):
        sort_periods(["2025-13"])


def test_a_bad_period_is_refused_every_time_it_is_asked_about() -> None:
    for _ in range(2):  # the answers are kept; a refusal is not
        with pytest.raises(ValueError, match="not a period"):
            period_key("2025-Q5")
    assert period_key("2025-Q4") == period_key("2025-Q4") == (2025, 10, 12)


def test_gaps_are_filled_for_ten_years_at_most() -> None:
    assert fill_gaps({"2026-03", "2026-01"}) == ["2026-01", "2026-02", "2026-03"]
    assert fill_gaps({"2026-Q3", "2026-Q1"}) == ["2026-Q1", "2026-Q2", "2026-Q3"]
    assert len(fill_gaps({"2016-01", "2025-12"})) == MAX_FILLED
    assert fill_gaps({"1900-01", "2199-12"}) == ["1900-01", "2199-12"]
    assert len(fill_gaps({"2000-Q1", "2029-Q4"})) == MAX_FILLED
    assert fill_gaps({"2000-Q1", "2030-Q1"}) == ["2000-Q1", "2030-Q1"]
    assert fill_gaps(set()) == []


def test_a_year_sorts_after_its_months_and_quarters_and_before_the_next_year() -> None:
    # a yearly survey is reported as its year ends: placed after that year's quarters
    periods = ["2027-Q1", "2026", "2026-Q4", "2026-12", "2025", "2026-Q1"]
    assert sort_periods(periods) == ["2025", "2026-Q1", "2026-Q4", "2026-12", "2026", "2027-Q1"]
    assert grain_of("2026") == "year"
    assert (period_start("2026"), period_end("2026")) == (
        dt.date(2026, 1, 1),
        dt.date(2026, 12, 31),
    )
    assert next_period("2026") == "2027"
    assert fill_gaps(["2024", "2026"]) == ["2024", "2025", "2026"]
    with pytest.raises(ValueError, match="one is a year, the other a quarter"):
        period_range("2026", "2027-Q1")
    with pytest.raises(ValueError, match="in no one quarter"):
        quarter_of("2026")
