"""Service-level attainment: what each agreement promised against what its report measured.

A period is *measured* when the report has a result for the service level then. Periods
between the first and the last measured one with no result are listed as not measured:
they are gaps in the reporting, never breaches. A result or target that is not a finite
number (YAML ``.nan``, ``.inf``) measures nothing.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from ..model import Agreement, Report
from ..model.kinds import ServiceLevel
from .estimates import share
from .periods import fill_gaps, grain_of, period_key, quarter_of, sort_periods
from .targets import Judge

Trend = Literal["better", "worse", "same"]


@dataclass(frozen=True)
class Result:
    """One service level in one period: the target, and what was achieved if measured."""

    period: str
    target: float
    """The target in force for this period (``earlier_targets``)."""
    actual: float | None
    met: bool | None
    """None when the period was not measured."""


@dataclass(frozen=True)
class LevelAttainment:
    """One service level of an agreement over the reported periods."""

    id: str
    metric: str
    unit: str
    direction: str
    target: float
    grain: str
    results: tuple[Result, ...]

    @functools.cached_property
    def measured(self) -> tuple[Result, ...]:
        """The results of the measured periods."""
        return tuple(r for r in self.results if r.met is not None)

    @property
    def met(self) -> int:
        """How many measured periods met the target."""
        return sum(1 for r in self.results if r.met)

    @property
    def attainment(self) -> float | None:
        """The share of measured periods that met the target, in percent."""
        measured = len(self.measured)
        return share(self.met, measured) if measured else None

    @property
    def breaches(self) -> tuple[Result, ...]:
        """The measured periods that missed the target."""
        return tuple(r for r in self.results if r.met is False)

    @property
    def latest(self) -> Result | None:
        """The most recent measured result."""
        measured = self.measured
        return measured[-1] if measured else None

    @property
    def trend(self) -> Trend | None:
        """The last measured result against the one before, in the agreed direction."""
        measured = self.measured
        if len(measured) < 2:
            return None
        last, previous = measured[-1].actual, measured[-2].actual
        assert last is not None and previous is not None
        if last == previous:
            return "same"
        better = last > previous if self.direction == "at_least" else last < previous
        return "better" if better else "worse"


@dataclass(frozen=True)
class AgreementAttainment:
    """The attainment of every service level of one agreement."""

    id: str
    title: str
    customer: str
    status: str
    levels: tuple[LevelAttainment, ...]

    @property
    def measured(self) -> int:
        """How many service-level periods were measured."""
        return sum(len(level.measured) for level in self.levels)

    @property
    def met(self) -> int:
        """How many measured service-level periods met their target."""
        return sum(level.met for level in self.levels)

    @property
    def attainment(self) -> float | None:
        """The share of measured service-level periods that met the target, in percent."""
        return share(self.met, self.measured) if self.measured else None

    @property
    def periods(self) -> tuple[str, ...]:
        """Every period that any of its service levels lists, in calendar order."""
        return tuple(sort_periods(r.period for level in self.levels for r in level.results))


def _measured(level: ServiceLevel, report: Report | None) -> tuple[set[str], dict[str, float]]:
    """The report periods to list for ``level`` (those with a result for it, and every one
    of its grain), and its finite results by period (the first one of a repeated period)."""
    listed: set[str] = set()
    actuals: dict[str, float] = {}
    if report is None:
        return listed, actuals
    for m in report.measurements:
        if level.id in m.results:
            listed.add(m.period)
            value = m.results[level.id]
            if value is not None and math.isfinite(value):  # .nan and .inf measure nothing
                actuals.setdefault(m.period, value)
        elif grain_of(m.period) == level.period:
            listed.add(m.period)
    return listed, actuals


def _timeline(level: ServiceLevel, listed: set[str]) -> list[str]:
    """The periods to list for ``level`` in calendar order, gaps of its grain filled."""
    ours = [p for p in listed if grain_of(p) == level.period]
    listed = listed.union(fill_gaps(ours))
    return sorted(listed, key=period_key)


def level_attainment(level: ServiceLevel, report: Report | None) -> LevelAttainment:
    """The results of one service level, period by period."""
    listed, actuals = _measured(level, report)
    results = []
    judge = Judge(level)
    for period in _timeline(level, listed):
        actual = actuals.get(period)
        target, met = judge(period, actual)
        results.append(Result(period, target, actual, met))
    return LevelAttainment(
        level.id,
        level.metric,
        level.unit,
        level.direction,
        level.target,
        level.period,
        tuple(results),
    )


def attainment(
    agreements: Mapping[str, Agreement], reports: Mapping[str, Report]
) -> dict[str, AgreementAttainment]:
    """The attainment of every agreement with service levels, by agreement id."""
    out: dict[str, AgreementAttainment] = {}
    for aid in sorted(agreements):
        agreement = agreements[aid]
        if not agreement.service_levels:
            continue
        report = reports.get(aid)
        levels = tuple(level_attainment(level, report) for level in agreement.service_levels)
        out[aid] = AgreementAttainment(
            aid, agreement.title, agreement.customer, agreement.status, levels
        )
    return out


@dataclass(frozen=True)
class Cell:
    """Service-level periods met out of those measured, for one customer in one quarter."""

    met: int
    measured: int

    @property
    def attainment(self) -> float:
        """The share met, in percent."""
        return share(self.met, self.measured)


def by_customer_and_quarter(
    agreements: Sequence[AgreementAttainment],
) -> dict[str, dict[str, Cell]]:
    """Attainment per customer per quarter; a month's result counts in its quarter."""
    counts: dict[str, dict[str, list[int]]] = {}
    for agreement in agreements:
        for level in agreement.levels:
            for r in level.measured:
                cell = counts.setdefault(agreement.customer, {}).setdefault(
                    quarter_of(r.period), [0, 0]
                )
                cell[0] += 1 if r.met else 0
                cell[1] += 1
    return {
        customer: {
            q: Cell(c[0], c[1]) for q, c in sorted(cells.items(), key=lambda i: period_key(i[0]))
        }
        for customer, cells in sorted(counts.items())
    }
