"""An OpenSLO time window as the calendar period an agreement is judged by (imports.md):
a calendar month (``1M``) or quarter (``1Q``) is that period; any other window, rolling
or calendar, maps to the nearer of a month and a quarter, and the caller warns."""

from __future__ import annotations

import math
import re

_DURATION = re.compile(r"^([1-9][0-9]{0,5})([mhdwMQY])$")
_DAYS = {"m": 1 / 1440, "h": 1 / 24, "d": 1.0, "w": 7.0, "M": 30.44, "Q": 91.31, "Y": 365.25}
_UNITS = {  # v1alpha's unit names
    "Second": 1 / 86400,
    "Minute": _DAYS["m"],
    "Hour": _DAYS["h"],
    "Day": _DAYS["d"],
    "Week": _DAYS["w"],
    "Month": _DAYS["M"],
    "Quarter": _DAYS["Q"],
    "Year": _DAYS["Y"],
}
_EXACT = {(1, "M"): "month", (1, "Q"): "quarter", (1, "Month"): "month", (1, "Quarter"): "quarter"}


class WindowError(Exception):
    """Why a time window cannot be read."""


def _nearest(days: float) -> str:
    """The nearer of a month and a quarter, by ratio (a 2-week window is a month's)."""
    month, quarter = _DAYS["M"], _DAYS["Q"]
    return "month" if abs(math.log(days / month)) <= abs(math.log(days / quarter)) else "quarter"


def _v1(window: dict[str, object]) -> tuple[int, str, float]:
    duration = window.get("duration")
    match = _DURATION.match(duration) if isinstance(duration, str) else None
    if match is None:
        raise WindowError(
            f"duration {duration!r} is not OpenSLO's duration shorthand, such as 1M, 1Q or 28d"
        )
    count, unit = int(match.group(1)), match.group(2)
    return count, unit, count * _DAYS[unit]


def _v1alpha(window: dict[str, object]) -> tuple[int, str, float]:
    count, unit = window.get("count"), window.get("unit")
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        raise WindowError(f"count {count!r} must be a whole number of units, at least 1")
    if not isinstance(unit, str) or unit not in _UNITS:
        raise WindowError(f"unit {unit!r} is not one of {', '.join(_UNITS)}")
    return count, unit, count * _UNITS[unit]


def period_of(window: dict[str, object], v1: bool) -> tuple[str, str | None]:
    """The period of ``window`` (an item of v1's ``timeWindow`` or v1alpha's
    ``timeWindows``), and what it is when it is not exactly that period (None when it is)."""
    count, unit, days = _v1(window) if v1 else _v1alpha(window)
    rolling = window.get("isRolling")
    if rolling is not None and not isinstance(rolling, bool):
        raise WindowError(f"isRolling must be true or false, not {rolling!r}")
    calendar = rolling is False or (rolling is None and window.get("calendar") is not None)
    if rolling is None and not calendar:
        raise WindowError("give isRolling: true, or a calendar for a calendar-aligned window")
    written = f"{window.get('duration')}" if v1 else f"{count} {unit.lower()}{'s' * (count > 1)}"
    if calendar and (count, unit) in _EXACT:
        return _EXACT[count, unit], None
    what = "calendar" if calendar else "rolling"
    return _nearest(days), (
        f"a {what} window of {written}, where an agreement is judged per calendar month or quarter"
    )
