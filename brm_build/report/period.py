"""The period a review pack covers: a year (``2026``), a quarter (``2026-Q3``) or a month
(``2026-09``), and the periods around it that the pack compares and looks ahead to."""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

_PERIOD = re.compile(r"^([0-9]{4})(?:-(?:(0[1-9]|1[0-2])|Q([1-4])))?$")


@dataclass(frozen=True, slots=True)
class Span:
    """A calendar period: its label, how many months it lasts, its first and last day."""

    label: str
    months: int
    start: dt.date
    end: dt.date

    def holds(self, day: dt.date | None) -> bool:
        """Whether ``day`` lies within the period."""
        return day is not None and self.start <= day <= self.end

    def covers(self, period: str) -> bool:
        """Whether the record period ``period`` (year, quarter or month) lies within it."""
        other = parse_period(period)
        return other is not None and self.start <= other.start and other.end <= self.end


def _span(year: int, first: int, months: int) -> Span:
    last = first + months - 1
    end = dt.date(year + 1, 1, 1) if last == 12 else dt.date(year, last + 1, 1)
    if months == 12:
        label = f"{year}"
    elif months == 3:
        label = f"{year}-Q{(first - 1) // 3 + 1}"
    else:
        label = f"{year}-{first:02d}"
    return Span(label, months, dt.date(year, first, 1), end - dt.timedelta(days=1))


@functools.lru_cache(maxsize=4096)
def parse_period(text: str) -> Span | None:
    """The period ``text`` names, or None when it is no year, quarter or month (kept: a
    site's packs ask for the same few periods hundreds of thousands of times, and a span
    cannot be changed)."""
    match = _PERIOD.fullmatch(text)
    if match is None:
        return None
    year, month, quarter = match.groups()
    if month is not None:
        return _span(int(year), int(month), 1)
    if quarter is not None:
        return _span(int(year), 3 * (int(quarter) - 1) + 1, 3)
    return _span(int(year), 1, 12)


def shifted(span: Span, steps: int) -> Span:
    """The period ``steps`` periods of the same length after ``span`` (before when negative)."""
    index = span.start.year * 12 + span.start.month - 1 + steps * span.months
    return _span(index // 12, index % 12 + 1, span.months)


def ahead(span: Span, periods: int = 2) -> Span:
    """The ``periods`` periods after ``span`` as one span, labelled by its first and last."""
    first, last = shifted(span, 1), shifted(span, periods)
    return Span(f"{first.label} to {last.label}", span.months * periods, first.start, last.end)
