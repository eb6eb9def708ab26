"""Completed SLA records counted into results (imports.md): per series and period, 100 times
the records met divided by the records completed. A row that cannot be converted withholds the
result it feeds (its period's, or every period's of its series when its period cannot
be told), so that no result is written from part of its rows. Shared by the sources
whose rows are one SLA each (ServiceNow's task_sla, and others of the kind)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..model import Agreement
from .measurement_mapping import Series
from .readings import Readings, Result, RowProblem, admitted, level_period
from .times import period_of

DECIMALS = 2
"""Results are written to hundredths of a percent, as service reports give them."""


@dataclass
class Tally:
    """Met and completed SLA records per series and period, and the rows of each."""

    series: Sequence[Series]
    agreements: Mapping[str, Agreement]
    grains: list[str] = field(default_factory=list)
    counts: dict[tuple[int, str], list[int]] = field(default_factory=dict)
    """(series, period) -> [met, completed]."""
    rows: dict[tuple[int, str], list[int]] = field(default_factory=dict)
    withheld: set[tuple[int, str | None]] = field(default_factory=set)
    _allowed: dict[tuple[int, str], str | None] = field(default_factory=dict)
    _periods: dict[tuple[int, tuple[int, int]], str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.grains = [
            level_period(self.agreements[s.agreement], s.service_level) for s in self.series
        ]

    def _refusal(self, index: int, period: str) -> str | None:
        """Why the series' result for ``period`` may not stand in the report (kept: a
        few periods are asked about for every row)."""
        key = (index, period)
        if key not in self._allowed:
            s = self.series[index]
            try:
                admitted(self.agreements, s.agreement, s.service_level, period)
                self._allowed[key] = None
            except RowProblem as problem:
                self._allowed[key] = str(problem)
        return self._allowed[key]

    def period(self, index: int, month: tuple[int, int]) -> str:
        """The period of series ``index``'s service level that a year and month is in."""
        key = (index, month)
        found = self._periods.get(key)
        if found is None:
            found = self._periods[key] = period_of(*month, self.grains[index])
        return found

    def count(self, index: int, period: str, met: bool, row: int) -> None:
        """Count one completed record of series ``index`` in ``period``; RowProblem when
        the period is outside the agreement."""
        key = (index, period)
        tally = self.counts.get(key)
        if tally is None:
            refusal = self._refusal(index, period)
            if refusal is not None:
                raise RowProblem(refusal)
            tally = self.counts[key] = [0, 0]
            self.rows[key] = []
        tally[0] += met
        tally[1] += 1
        self.rows[key].append(row)

    def withhold(self, index: int, period: str | None) -> str:
        """Withhold the result a row that cannot be converted feeds; what is withheld."""
        self.withheld.add((index, period))
        level = self.series[index].service_level
        if period is None:
            return f"no result of {level} is written"
        return f"the result of {level} for {period} is not written"

    def results(self) -> list[Result]:
        """The results of every series and period, but those withheld."""
        out = []
        for (index, period), (met, completed) in self.counts.items():
            if (index, period) in self.withheld or (index, None) in self.withheld:
                continue
            s = self.series[index]
            value = round(100 * met / completed, DECIMALS)
            rows = tuple(self.rows[(index, period)])
            out.append(Result(s.agreement, period, s.service_level, value, rows))
        return out


def problem(readings: Readings, row: int, why: str, withheld: str | None) -> None:
    """A row that could not be converted, and what it withholds."""
    readings.problems.append((row, f"{why}; {withheld}" if withheld else why))
