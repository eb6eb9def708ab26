"""Which target was in force for a period (records.md 1.1, ``earlier_targets``).

An agreement's targets change over its life. A period is judged against the target in
force for it, so that weakening a target never turns a past breach into "met": that of
the earliest ``until`` at or after the period, else the current ``target``. Every page,
figure and check that judges a result reads this module.
"""

from __future__ import annotations

import math
from typing import Literal

from ..model.kinds import ServiceLevel
from .periods import period_end, period_key

PERCENT_UNITS = frozenset({"percent", "%", "per cent", "pct"})
"""Units that make a target a share in percent, 0 to 100."""

TargetProblem = Literal["percent-range", "percent-fraction"]


def target_problem(level: ServiceLevel, target: float) -> TargetProblem | None:
    """Why ``target`` (the current or an earlier one of ``level``) cannot be judged
    against: a percent outside 0..100, or an "at least" percent under 1 that reads as a
    fraction (0.995 for 99.5); None when it can. The check reports these, and no figure
    judges a result against such a target."""
    if level.unit.strip().lower() not in PERCENT_UNITS:
        return None
    if target < 0 or target > 100:
        return "percent-range"
    if level.direction == "at_least" and 0 < target < 1:
        return "percent-fraction"
    return None


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


class Judge:
    """``judge`` for the periods of one service level, the problem of each of its targets
    found once."""

    def __init__(self, level: ServiceLevel) -> None:
        self.level = level
        self._problems: dict[float, TargetProblem | None] = {}

    def __call__(self, period: str, actual: float | None) -> tuple[float, bool | None]:
        level = self.level
        target = target_in_force(level, period) if level.earlier_targets else level.target
        if actual is None or not math.isfinite(actual) or not math.isfinite(target):
            return target, None
        if target not in self._problems:
            self._problems[target] = target_problem(level, target)
        if self._problems[target] is not None:
            return target, None  # the check flags the target; judging by it would mislead
        return target, meets(actual, target, level.direction)


def judge(level: ServiceLevel, period: str, actual: float | None) -> tuple[float, bool | None]:
    """The target in force for ``period`` and whether ``actual`` met it; None when nothing
    finite was measured or the target cannot be judged against (``target_problem``)."""
    return Judge(level)(period, actual)
