"""The response rate of survey rounds: responses of the people invited (records.md 1.1).

A survey's ``invited`` says how many people of each unit were asked. A response counts
towards the rate when its unit is one invited or lies below one; a unit's rate counts
the invitations and responses of every unit at or below it, as its CSAT does.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from ..model import Customer, Survey
from .estimates import Interval, share, wilson_interval
from .tree import units_upwards


@dataclass(frozen=True)
class ResponseRate:
    """How many of the people invited answered, with the 95% interval of the share."""

    responses: int
    invited: int

    @property
    def rate(self) -> float:
        """The share that answered, in percent."""
        return share(self.responses, self.invited)

    @property
    def ci95(self) -> Interval:
        """Wilson's 95% interval of the rate, in percent."""
        return wilson_interval(self.responses, self.invited)


def _covered(survey: Survey, customers: Mapping[str, Customer]) -> list[list[str]]:
    """For each response whose unit is invited or below one: its unit and those above."""
    chains = []
    for r in survey.responses:
        chain = units_upwards(r.customer, customers)
        if any(unit in survey.invited for unit in chain):
            chains.append(chain)
    return chains


def response_rate(
    surveys: Iterable[Survey],
    customers: Mapping[str, Customer],
    unit: str | None = None,
) -> ResponseRate | None:
    """The pooled rate of ``surveys`` for ``unit`` and the units below it (None: the whole
    organisation); None when nobody there was invited or, against the records, more
    answered than were invited (``survey-over-invited``)."""
    invited = answered = 0
    for survey in surveys:
        if unit is None:
            got, asked = len(_covered(survey, customers)), sum(survey.invited.values())
        else:
            got, asked = _count(survey, customers, unit)
        answered, invited = answered + got, invited + asked
    if invited == 0 or answered > invited:
        return None
    return ResponseRate(answered, invited)


def over_invited(survey: Survey, customers: Mapping[str, Customer]) -> list[tuple[str, int]]:
    """The invited units whose responses (their own and from below) outnumber the people
    invited there, with that number of responses."""
    found = []
    for key in survey.invited:
        answered, invited = _count(survey, customers, key)
        if answered > invited:
            found.append((key, answered))
    return found


def _count(survey: Survey, customers: Mapping[str, Customer], unit: str) -> tuple[int, int]:
    """Responses and invitations of ``survey`` at or below ``unit``."""
    invited = sum(n for key, n in survey.invited.items() if unit in units_upwards(key, customers))
    answered = sum(1 for chain in _covered(survey, customers) if unit in chain)
    return answered, invited


def units_rated(surveys: Collection[Survey], customers: Mapping[str, Customer]) -> set[str]:
    """Every unit that has a response rate in ``surveys``: those invited and those above."""
    return {
        unit
        for survey in surveys
        for key in survey.invited
        for unit in units_upwards(key, customers)
    }
