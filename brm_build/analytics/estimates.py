"""Point estimates and 95% intervals for CSAT and NPS from small samples.

With a handful of internal customers n is small, so plain Wald intervals (p ± z·SE) are
too narrow and collapse to a point at 0% or 100%. Both intervals below add pseudo-
observations first, which keeps their coverage near 95% for small n.
"""

from __future__ import annotations

import math

Z95 = 1.959963984540054
"""The 0.975 quantile of the standard normal distribution."""

Interval = tuple[float, float]


def _clip(value: float, low: float, high: float) -> float:
    return min(high, max(low, value))


def csat_interval(satisfied: int, n: int) -> Interval:
    """95% interval of a CSAT share in percent, by the adjusted-Wald (Agresti–Coull) method.

    With ñ = n + z² and p̃ = (satisfied + z²/2) / ñ the interval is
    p̃ ± z·√(p̃(1 − p̃)/ñ), clipped to [0, 100] (Agresti and Coull, 1998).
    """
    if n <= 0 or not 0 <= satisfied <= n:
        raise ValueError(f"need 0 <= satisfied <= n and n > 0, got {satisfied} of {n}")
    z2 = Z95 * Z95
    n_adj = n + z2
    p_adj = (satisfied + z2 / 2) / n_adj
    half = Z95 * math.sqrt(p_adj * (1 - p_adj) / n_adj)
    return _clip(100 * (p_adj - half), 0, 100), _clip(100 * (p_adj + half), 0, 100)


def nps_interval(promoters: int, detractors: int, n: int) -> Interval:
    """95% interval of an NPS in points (−100…100), by the adjusted-Wald method for NPS.

    Add 3/4 of a response each to promoters, detractors and passives (ñ = n + 3), take
    p̃ and d̃ as the adjusted promoter and detractor shares, and use the variance of the
    difference of two trinomial shares: (p̃ + d̃ − (p̃ − d̃)²)/ñ. The interval is
    (p̃ − d̃) ± z·√variance, clipped to [−100, 100] (Rocks, "Interval estimation for the
    Net Promoter Score", The American Statistician 70(4), 2016).
    """
    if n <= 0 or promoters < 0 or detractors < 0 or promoters + detractors > n:
        raise ValueError(
            f"need promoters + detractors <= n and n > 0, got {promoters}, {detractors} of {n}"
        )
    n_adj = n + 3
    p_adj = (promoters + 0.75) / n_adj
    d_adj = (detractors + 0.75) / n_adj
    centre = p_adj - d_adj
    half = Z95 * math.sqrt((p_adj + d_adj - centre * centre) / n_adj)
    return _clip(100 * (centre - half), -100, 100), _clip(100 * (centre + half), -100, 100)


def share(part: int, whole: int) -> float:
    """``part`` of ``whole`` in percent."""
    return 100 * part / whole


def wilson_interval(part: int, whole: int) -> Interval:
    """95% interval of a share in percent by Wilson's score method: for a response rate,
    where whole (the people invited) is known and the share may lie near 0 or 100%.

    With p = part/whole the centre is (p + z²/2n)/(1 + z²/n) and the half-width
    z·√(p(1 − p)/n + z²/4n²)/(1 + z²/n) (Wilson, 1927).
    """
    if whole <= 0 or not 0 <= part <= whole:
        raise ValueError(f"need 0 <= part <= whole and whole > 0, got {part} of {whole}")
    z2 = Z95 * Z95
    p = part / whole
    scale = 1 + z2 / whole
    centre = (p + z2 / (2 * whole)) / scale
    half = Z95 * math.sqrt(p * (1 - p) / whole + z2 / (4 * whole * whole)) / scale
    return _clip(100 * (centre - half), 0, 100), _clip(100 * (centre + half), 0, 100)
