"""How an amount reads with its unit: "1 hour" but "4 hours", "99.5 percent"; a share as
"73%"."""

from __future__ import annotations

_SINGULAR = {
    "hours": "hour",
    "minutes": "minute",
    "seconds": "second",
    "days": "day",
    "weeks": "week",
    "months": "month",
    "years": "year",
    "incidents": "incident",
    "tickets": "ticket",
    "requests": "request",
    "calls": "call",
    "changes": "change",
}
"""Plural units an agreement may name, by their singular; any other unit is kept as written."""


def unit_after(amount: float, unit: str) -> str:
    """``unit`` as it reads after ``amount``: in the singular after exactly one (the last
    word of the unit: "1 business day")."""
    if amount != 1:
        return unit
    head, space, last = unit.rpartition(" ")
    singular = _SINGULAR.get(last.lower())
    if singular is None:
        return unit
    if last[:1].isupper():
        singular = singular.capitalize()
    return head + space + singular


def percent(value: float) -> str:
    """A share in whole percent, as every page, pack and table writes it: "73%"."""
    return f"{value:.0f}%"
