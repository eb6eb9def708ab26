"""CSAT and NPS intervals against values worked out by hand from the formulas."""

from __future__ import annotations

import pytest

from brm_build.analytics.estimates import csat_interval, nps_interval, wilson_interval


@pytest.mark.parametrize(
    ("satisfied", "n", "low", "high"),
    [
        # ñ = n + 3.8415, p̃ = (k + 1.9207)/ñ, p̃ ± 1.96·√(p̃(1−p̃)/ñ)
        (3, 4, 28.91, 96.59),
        (46, 64, 59.80, 81.47),
        (0, 10, 0.0, 32.09),  # the lower bound −4.34 is clipped to 0
        (1, 1, 16.75, 100.0),  # one response: the upper bound 103.90 is clipped
        (10, 10, 67.91, 100.0),
    ],
)
def test_csat_interval_is_agresti_coull(satisfied: int, n: int, low: float, high: float) -> None:
    assert csat_interval(satisfied, n) == pytest.approx((low, high), abs=0.01)


@pytest.mark.parametrize(
    ("promoters", "detractors", "n", "low", "high"),
    [
        # ñ = n + 3, p̃ = (P + ¾)/ñ, d̃ = (D + ¾)/ñ, (p̃ − d̃) ± 1.96·√((p̃ + d̃ − (p̃ − d̃)²)/ñ)
        (5, 2, 10, -19.05, 65.20),
        (0, 4, 4, -100.0, -6.94),  # all detractors: −107.34 is clipped to −100
        (1, 0, 1, -48.50, 98.50),
    ],
)
def test_nps_interval_is_adjusted_wald(
    promoters: int, detractors: int, n: int, low: float, high: float
) -> None:
    assert nps_interval(promoters, detractors, n) == pytest.approx((low, high), abs=0.01)


def test_intervals_refuse_impossible_counts() -> None:
    with pytest.raises(ValueError):
        csat_interval(0, 0)
    with pytest.raises(ValueError):
        csat_interval(5, 4)
    with pytest.raises(ValueError):
        nps_interval(3, 2, 4)


@pytest.mark.parametrize(
    ("part", "whole", "low", "high"),
    [
        # (p + z²/2n)/(1 + z²/n) ± z·√(p(1−p)/n + z²/4n²)/(1 + z²/n), z = 1.96
        (5, 9, 26.67, 81.12),
        (0, 10, 0.0, 27.75),  # no one answered: the interval still reaches up
        (10, 10, 72.25, 100.0),
        (1, 1, 20.65, 100.0),
    ],
)
def test_response_rate_interval_is_wilson(part: int, whole: int, low: float, high: float) -> None:
    assert wilson_interval(part, whole) == pytest.approx((low, high), abs=0.01)


@pytest.mark.parametrize(("part", "whole"), [(3, 2), (0, 0), (-1, 4)])
def test_wilson_refuses_impossible_counts(part: int, whole: int) -> None:
    with pytest.raises(ValueError, match="need 0 <= part <= whole"):
        wilson_interval(part, whole)
