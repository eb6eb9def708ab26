"""Times of an export read into the calendar month they fall in, in the zone the mapping
names (imports.md: a period boundary is midnight in that zone). Exports hold tens of
thousands of them, so the usual formats are read without ``strptime``, which is slow."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo

from .readings import RowProblem

ISO = "%Y-%m-%d %H:%M:%S"
"""ServiceNow's own format, and that of every value (not display value) of its API."""
_FIELDS = {"%d": "d", "%m": "m", "%Y": "Y", "%y": "y", "%H": "H", "%M": "M", "%S": "S"}
_WIDTH = {"Y": "[0-9]{4}", "y": "[0-9]{2}"}
_SHOWN = {"%d": "DD", "%m": "MM", "%Y": "YYYY", "%y": "YY", "%H": "HH", "%M": "MM", "%S": "SS"}


def _pattern(time_format: str) -> re.Pattern[str] | None:
    """A regular expression for a format of only day, month, year, hours, minutes and
    seconds (and literal text); None for any other, which ``strptime`` reads."""
    out, rest = "", time_format
    while rest:
        directive = rest[:2]
        if directive in _FIELDS:
            name = _FIELDS[directive]
            if f"(?P<{name}>" in out:
                return None
            out += f"(?P<{name}>{_WIDTH.get(name, '[0-9]{1,2}')})"
            rest = rest[2:]
        elif rest[0] == "%":
            return None
        else:
            out += re.escape(rest[0])
            rest = rest[1:]
    return re.compile(out) if {"d", "m", "H", "M"} <= set(re.findall(r"<(\w)>", out)) else None


_CLOCK = {"%H": "(?:[01]?[0-9]|2[0-3])", "%M": "[0-5][0-9]", "%S": "[0-5][0-9]"}


def _clock(time_format: str) -> re.Pattern[str] | None:
    """A regular expression that only a valid time of day matches, for a format of hours,
    minutes and seconds alone; None for any other."""
    out, rest = "", time_format
    while rest:
        if rest[:2] in _CLOCK:
            out, rest = out + _CLOCK[rest[:2]], rest[2:]
        elif rest[0] == "%":
            return None
        else:
            out, rest = out + re.escape(rest[0]), rest[1:]
    return re.compile(out) if "%H" in time_format else None


class TimeReader:
    """Reads one format of times, written in ``zone`` or (``utc``) in UTC, into the year
    and month of the local date in ``zone``."""

    def __init__(self, time_format: str | None, zone: str, utc: bool) -> None:
        self.format = time_format or ISO
        self.zone = zoneinfo.ZoneInfo(zone)
        self.utc = utc
        self._pattern = None if self.format == ISO else _pattern(self.format)
        # A local time's month is its date's: each date is read once, and the time of
        # day only matched (an export holds a few hundred dates and many thousand times).
        date, space, clock = self.format.partition(" ")
        self._clock = _clock(clock) if space and not utc else None
        if self._clock is not None and any(d in date for d in ("%H", "%M", "%S")):
            self._clock = None
        self._dates: dict[str, tuple[int, int]] = {}

    def _parse(self, text: str) -> dt.datetime:
        if self.format == ISO:
            return dt.datetime.fromisoformat(text)
        if self._pattern is None:
            return dt.datetime.strptime(text, self.format)
        match = self._pattern.fullmatch(text)
        if match is None:
            raise ValueError(text)
        parts = match.groupdict()
        year = int(parts["Y"]) if "Y" in parts else 2000 + int(parts["y"])
        day, month = int(parts["d"]), int(parts["m"])
        return dt.datetime(
            year, month, day, int(parts["H"]), int(parts["M"]), int(parts.get("S") or 0)
        )

    def month(self, text: str, what: str) -> tuple[int, int]:
        """The year and month of ``text`` in the zone; RowProblem when it is no time."""
        if self._clock is not None:
            date, _, clock = text.partition(" ")
            known = self._dates.get(date)
            if known is not None and self._clock.fullmatch(clock):
                return known
        text = text.strip()
        try:
            when = self._parse(text)
        except ValueError:
            shown = self.format
            for directive, text_of in _SHOWN.items():
                shown = shown.replace(directive, text_of)
            raise RowProblem(f"{what} '{text}' is not a date and time as {shown}") from None
        if self.utc:
            when = when.replace(tzinfo=dt.UTC).astimezone(self.zone)
        elif self._clock is not None:
            self._dates[text.partition(" ")[0]] = (when.year, when.month)
        return when.year, when.month


def period_of(year: int, month: int, grain: str) -> str:
    """The month or quarter that a month is in."""
    return f"{year}-{month:02d}" if grain == "month" else f"{year}-Q{(month - 1) // 3 + 1}"
