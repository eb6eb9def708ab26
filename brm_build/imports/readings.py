"""What a service-level source yields (imports.md, "Service-level sources"): results per
agreement, period and service level, each with the rows it comes from, and the rows that
gave none and why. Every source's results pass the same rules here, so that a period
outside the agreement, a service level it lacks or a value that is no number is the same
message whichever tool the export came from."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..analytics.periods import grain_of, period_end, period_start
from ..findings import Finding
from ..model import Agreement
from ..model.common import MAX_NUMBER, PERIOD_PATTERN

_PERIOD = re.compile(PERIOD_PATTERN)


class RowProblem(Exception):
    """Why a source row gives no result: the row is reported and written nowhere."""


def two_series(what: str, hits: Sequence[int]) -> str:
    """Why ``what``, a row that feeds more than one series of the mapping, gives nothing."""
    return (
        f"{what} matches series {hits[0] + 1} and {hits[1] + 1} of the mapping: make their "
        "match tell them apart"
    )


@dataclass(frozen=True)
class Result:
    """A measured result of one service level for one period of an agreement."""

    agreement: str
    period: str
    service_level: str
    value: float
    rows: tuple[int, ...]
    """The source rows it comes from, numbered as a spreadsheet shows them."""


@dataclass(frozen=True)
class Note:
    """The notes of one period of an agreement's report (brm's own CSV carries them)."""

    agreement: str
    period: str
    text: str
    rows: tuple[int, ...]


@dataclass
class Readings:
    """Everything a source's reader found: results and notes, and the rows that gave none."""

    rows_read: int = 0
    results: list[Result] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)
    """Rows deliberately left out (not completed, no value), with why."""
    problems: list[tuple[int, str]] = field(default_factory=list)
    """Rows that could not be converted, with why."""
    unmatched: int = 0
    """Rows that feed no service level of the mapping (not an error)."""
    findings: list[Finding] = field(default_factory=list)
    """Mapping errors found on reading the file (a column it lacks): nothing is written."""


def number(text: str, what: str) -> float:
    """A finite number from a cell; RowProblem for text, NaN or infinity."""
    try:
        value = float(text.strip())
    except ValueError:
        raise RowProblem(f"{what} '{text}' is not a number") from None
    if not math.isfinite(value) or abs(value) > MAX_NUMBER:
        raise RowProblem(f"{what} '{text}' is not a finite number")
    return value


def level_period(agreement: Agreement, level_id: str) -> str:
    """The period (month or quarter) the agreement's service level is measured per."""
    for level in agreement.service_levels:
        if level.id == level_id:
            return level.period
    known = ", ".join(level.id for level in agreement.service_levels) or "none"
    raise RowProblem(f"the agreement has no service level '{level_id}' (it has: {known})")


def within(agreement: Agreement, agreement_id: str, period: str) -> None:
    """RowProblem unless ``period`` overlaps the agreement's validity."""
    if not _PERIOD.fullmatch(period):
        raise RowProblem(f"period '{period}' is not YYYY-MM (month) or YYYY-Qn (quarter)")
    until = agreement.valid_until
    if period_end(period) < agreement.valid_from or (until and period_start(period) > until):
        span = f"{agreement.valid_from} to {until or 'open end'}"
        raise RowProblem(
            f"period {period} is outside the agreement {agreement_id} (valid {span}): "
            "it belongs to another agreement's report"
        )


def admitted(
    agreements: Mapping[str, Agreement], agreement_id: str, level_id: str, period: str
) -> None:
    """RowProblem unless the result may stand in the report: a known agreement and service
    level, a period of the service level's grain within the agreement's validity."""
    agreement = agreements.get(agreement_id)
    if agreement is None:
        raise RowProblem(f"'{agreement_id}' names no agreement")
    grain = level_period(agreement, level_id)
    within(agreement, agreement_id, period)
    if grain_of(period) != grain:
        raise RowProblem(
            f"the service level {level_id} is measured per {grain}: period {period} is a "
            f"{grain_of(period)}"
        )
