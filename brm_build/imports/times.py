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


class TimeReader:
    """Reads one format of times, written in ``zone`` or (``utc``) in UTC, into the year
    and month of the local date in ``zone``."""

    def __init__(self, time_format: str | None, zone: str, utc: bool) -> None:
        self.format = time_format or ISO
        self.zone = zoneinfo.ZoneInfo(zone)
        self.utc = utc
        self._pattern = None if self.format == ISO else _pattern(self.format)

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
        try:
            when = self._parse(text.strip())
        except ValueError:
            shown = self.format
            for directive, text_of in _SHOWN.items():
                shown = shown.replace(directive, text_of)
            raise RowProblem(f"{what} '{text}' is not a date and time as {shown}") from None
        if self.utc:
            when = when.replace(tzinfo=dt.UTC).astimezone(self.zone)
        return when.year, when.month


def period_of(year: int, month: int, grain: str) -> str:
    """The month or quarter that a month is in."""
    return f"{year}-{month:02d}" if grain == "month" else f"{year}-Q{(month - 1) // 3 + 1}"
