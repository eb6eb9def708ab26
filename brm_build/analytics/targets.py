"""Which target was in force for a period (records.md 1.1, ``earlier_targets``).

An agreement's targets change over its life. A period is judged against the target in
force for it, so that weakening a target never turns a past breach into "met": that of
the earliest ``until`` at or after the period, else the current ``target``. Every page,
figure and check that judges a result reads this module.
"""

from __future__ import annotations

import math

from ..model.kinds import ServiceLevel
from .periods import period_end, period_key


def target_in_force(level: ServiceLevel, period: str) -> float:
    """The target ``period`` is judged against: that of the earliest ``until`` that ends no
    earlier than the period does, else the service level's current target."""
    end = period_end(period)
    covering = [e for e in level.earlier_targets if period_end(e.until) >= end]
    if not covering:
        return level.target
    return min(covering, key=lambda e: period_key(e.until)).target


def meets(actual: float, target: float, direction: str) -> bool:
    """Whether ``actual`` meets ``target``: at_least means actual >= target, at_most <=."""
    return actual >= target if direction == "at_least" else actual <= target


def judge(level: ServiceLevel, period: str, actual: float | None) -> tuple[float, bool | None]:
    """The target in force for ``period`` and whether ``actual`` met it; None when nothing
    finite was measured or the target is not a finite number."""
    target = target_in_force(level, period)
    if actual is None or not math.isfinite(actual) or not math.isfinite(target):
        return target, None
    return target, meets(actual, target, level.direction)
