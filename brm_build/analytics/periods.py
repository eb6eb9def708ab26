"""Periods of surveys and reports: ``YYYY-MM`` months and ``YYYY-Qn`` quarters, and the
``YYYY`` years of plans and surveys (records.md 1.1).

Text order is wrong for mixed periods (``2025-Q1`` sorts after ``2025-12``), so every
ordering here goes through :func:`period_key`, which compares calendar months. A year
sorts after every month and quarter of it: a yearly survey is reported when its year ends.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Collection, Iterable
from typing import Literal

Grain = Literal["month", "quarter", "year"]

MAX_FILLED = 120
"""The most periods a timeline's gaps are filled for: ten years of months. Periods may be
centuries apart; a longer timeline lists only the periods it has."""

_PERIOD = re.compile(r"^([0-9]{4})(?:-(?:(0[1-9]|1[0-2])|Q([1-4])))?$")


@functools.lru_cache(maxsize=4096)
def _parts(period: str) -> tuple[int, int, int]:
    """Year, first month and last month of ``period`` (a few distinct periods are asked
    about over and over, so the answers are kept)."""
    match = _PERIOD.fullmatch(period)
    if match is None:
        raise ValueError(f"'{period}' is not a period: use YYYY-MM, YYYY-Qn or YYYY")
    year, month, quarter = match.groups()
    if month is None and quarter is None:
        return int(year), 1, 12
    if month is not None:
        return int(year), int(month), int(month)
    first = 3 * (int(quarter) - 1) + 1
    return int(year), first, first + 2


def period_key(period: str) -> tuple[int, int, int]:
    """A sort key in calendar order: a month sorts before the quarter that starts with it,
    and a year after its last month and quarter."""
    year, first, last = _parts(period)
    return (year, 13, 13) if (first, last) == (1, 12) else (year, first, last)


def sort_periods(periods: Iterable[str]) -> list[str]:
    """The distinct ``periods`` in calendar order."""
    return sorted(set(periods), key=period_key)


def grain_of(period: str) -> Grain:
    """Whether ``period`` is a month, a quarter or a year."""
    _, first, last = _parts(period)
    if first == last:
        return "month"
    return "year" if (first, last) == (1, 12) else "quarter"


def period_start(period: str) -> dt.date:
    """The first day of ``period``."""
    year, first, _ = _parts(period)
    return dt.date(year, first, 1)


def period_end(period: str) -> dt.date:
    """The last day of ``period``."""
    year, _, last = _parts(period)
    if last == 12:
        return dt.date(year, 12, 31)
    return dt.date(year, last + 1, 1) - dt.timedelta(days=1)


@functools.lru_cache(maxsize=4096)
def quarter_of(period: str) -> str:
    """The quarter that contains the month or quarter ``period`` (a year has none)."""
    year, first, last = _parts(period)
    if (first, last) == (1, 12):
        raise ValueError(f"the year {period} is in no one quarter")
    return f"{year}-Q{(first - 1) // 3 + 1}"


def next_period(period: str) -> str:
    """The period after ``period``, of the same grain."""
    year, first, last = _parts(period)
    if (first, last) == (1, 12):
        return str(year + 1)
    if first == last:
        return f"{year + 1}-01" if first == 12 else f"{year}-{first + 1:02d}"
    quarter = (first - 1) // 3 + 1
    return f"{year + 1}-Q1" if quarter == 4 else f"{year}-Q{quarter + 1}"


def fill_gaps(periods: Collection[str]) -> list[str]:
    """``periods`` (of one grain) in calendar order, the missing ones between the first
    and the last added when there are at most ``MAX_FILLED`` of them."""
    ordered = sort_periods(periods)
    if not ordered or _count(ordered[0], ordered[-1]) > MAX_FILLED:
        return ordered
    return period_range(ordered[0], ordered[-1])


def _count(first: str, last: str) -> int:
    """How many periods of ``first``'s grain run from ``first`` to ``last``."""
    year, start, end = _parts(first)
    months = (_parts(last)[0] - year) * 12 + _parts(last)[1] - start
    return months // (end - start + 1) + 1


def period_range(first: str, last: str) -> list[str]:
    """Every period from ``first`` to ``last`` inclusive; both must have the same grain."""
    return list(_span(first, last))


@functools.lru_cache(maxsize=1024)
def _span(first: str, last: str) -> tuple[str, ...]:
    """``period_range``, kept: the agreements of one organisation share a few spans."""
    if grain_of(first) != grain_of(last):
        one, other = grain_of(first), grain_of(last)
        raise ValueError(f"cannot span {first}..{last}: one is a {one}, the other a {other}")
    out: list[str] = []
    current = first
    while period_key(current) <= period_key(last):
        out.append(current)
        current = next_period(current)
    return tuple(out)
