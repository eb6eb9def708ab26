"""Where each record stands as of "today": agreements, service levels, satisfaction counts."""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..analytics.response_rate import ResponseRate
from ..analytics.targets import judge
from ..model import Agreement, Report, Survey
from ..model.kinds import Response, ServiceLevel
from ..publication import Published


@dataclass(frozen=True, slots=True)
class Result:
    """One measured value against the target in force then; None when not measured."""

    value: float | None
    met: bool | None
    target: float | None = None
    """The target in force for the period (``earlier_targets``); None when not measured."""


@dataclass(frozen=True, slots=True)
class PeriodRow:
    """The results of one reporting period, one per service level, in agreement order."""

    period: str
    results: tuple[Result, ...]
    notes: str | None

    @property
    def breaches(self) -> int:
        """How many service levels were missed in this period."""
        return sum(1 for r in self.results if r.met is False)


@dataclass(frozen=True, slots=True)
class LevelSummary:
    """How often one service level was met, and its latest result."""

    level: ServiceLevel
    measured: int
    met: int
    latest: Result
    latest_period: str | None


@dataclass(frozen=True, slots=True)
class Breach:
    """A measured result that missed its service level's target."""

    period: str
    level: ServiceLevel
    value: float
    target: float
    """The target in force for the period, which the value missed."""


@dataclass(frozen=True, slots=True)
class Attainment:
    """Agreed against achieved for one agreement, period by period."""

    levels: tuple[ServiceLevel, ...]
    rows: tuple[PeriodRow, ...]
    summaries: tuple[LevelSummary, ...]

    @property
    def breaches(self) -> int:
        """How many results missed their target."""
        return sum(row.breaches for row in self.rows)

    def missed(self) -> list[Breach]:
        """Every result that missed its target, in period order."""
        return [
            Breach(row.period, level, r.value, r.target)
            for row in self.rows
            for level, r in zip(self.levels, row.results, strict=True)
            if r.met is False and r.value is not None and r.target is not None
        ]


def _result(level: ServiceLevel, period: str, value: float | None) -> Result:
    target, met = judge(level, period, value)
    if value is None or not math.isfinite(value):
        return Result(None, None)
    return Result(value, met, target)  # met is None: the target cannot be judged against


def _summary(level: ServiceLevel, index: int, rows: list[PeriodRow]) -> LevelSummary:
    measured = [(row.period, row.results[index]) for row in rows]
    measured = [(period, r) for period, r in measured if r.met is not None]
    met = sum(1 for _, r in measured if r.met)
    latest = measured[-1] if measured else (None, Result(None, None))
    return LevelSummary(level, len(measured), met, latest[1], latest[0])


def attainment(agreement: Agreement, report: Report | None) -> Attainment:
    """Compare each measured period of ``report`` with the agreement's service levels."""
    levels = tuple(agreement.service_levels)
    rows: list[PeriodRow] = []
    for m in report.measurements if report else []:
        results = tuple(_result(level, m.period, m.results.get(level.id)) for level in levels)
        rows.append(PeriodRow(m.period, results, m.notes))
    rows.sort(key=lambda row: row.period)
    summaries = tuple(_summary(level, i, rows) for i, level in enumerate(levels))
    return Attainment(levels, tuple(rows), summaries)


@dataclass(frozen=True, slots=True)
class SurveyCount:
    """Response counts and the share of satisfied answers for one survey round."""

    survey: Published[Survey]
    responses: int
    csat: float | None
    """Share of 4 and 5 answers, in percent."""
    rate: ResponseRate | None = None
    """Responses of the people invited, where the survey says how many were."""


def survey_count(
    survey: Published[Survey],
    answers: list[Response] | None = None,
    rate: ResponseRate | None = None,
) -> SurveyCount:
    """Count the responses of a survey, or only ``answers`` from it, with the response
    rate that belongs to them."""
    chosen = survey.record.responses if answers is None else answers
    satisfied = sum(1 for r in chosen if r.csat >= 4)
    csat = 100.0 * satisfied / len(chosen) if chosen else None
    return SurveyCount(survey, len(chosen), csat, rate)
