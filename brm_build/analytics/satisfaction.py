"""Customer satisfaction by survey period: CSAT and NPS with 95% intervals, by group.

Groups: the whole organisation, each customer and purchaser (a unit's figure counts the
responses of every unit below it, at any depth), each service and each respondent role.
A series has a figure for every survey period in which its group answered at all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from ..model import Customer, Service, Survey
from ..model.kinds import Response
from .estimates import Interval, csat_interval, nps_interval, share
from .periods import sort_periods
from .response_rate import ResponseRate, response_rate, units_rated
from .tree import units_upwards

SATISFIED = frozenset({4, 5})
"""CSAT counts the answers 4 and 5 on the 1–5 scale."""
PROMOTER_FROM, DETRACTOR_UP_TO = 9, 6
"""NPS: promoters answer 9–10, detractors 0–6, passives 7–8."""
ROLE_LABELS = {"customer": "Customers", "purchaser": "Purchasers", "user": "Users"}
EPSILON = 1e-9
EVERYONE = ""
"""The group of the whole organisation among response rates (no id is empty)."""


@dataclass(frozen=True)
class Scores:
    """The satisfaction figures of one group in one survey period."""

    period: str
    n: int
    satisfied: int
    distribution: tuple[int, int, int, int, int]
    """How many answered 1, 2, 3, 4 and 5."""
    csat: float
    csat_ci95: Interval
    csat_mean: float
    nps_n: int
    """How many of the n answered the NPS question."""
    promoters: int
    detractors: int
    nps: float | None
    nps_ci95: Interval | None
    low_confidence: bool
    """Fewer than the configured minimum of responses (``survey_min_responses``)."""
    nps_low_confidence: bool
    change: float | None = None
    """CSAT points gained since the previous survey period; None without a figure there."""


def scores(
    period: str, responses: Sequence[Response], minimum: int, before: Scores | None = None
) -> Scores | None:
    """The figures of ``responses``, with the change since the figure ``before`` of the
    previous survey period if there is one; None when there are no responses."""
    n = len(responses)
    if n == 0:
        return None
    counts = [0, 0, 0, 0, 0]
    for r in responses:
        counts[r.csat - 1] += 1
    satisfied = sum(1 for r in responses if r.csat in SATISFIED)
    nps_answers = [r.nps for r in responses if r.nps is not None]
    nps_n = len(nps_answers)
    promoters = sum(1 for v in nps_answers if v >= PROMOTER_FROM)
    detractors = sum(1 for v in nps_answers if v <= DETRACTOR_UP_TO)
    csat = share(satisfied, n)
    return Scores(
        period=period,
        n=n,
        satisfied=satisfied,
        distribution=(counts[0], counts[1], counts[2], counts[3], counts[4]),
        csat=csat,
        csat_ci95=csat_interval(satisfied, n),
        csat_mean=sum(r.csat for r in responses) / n,
        nps_n=nps_n,
        promoters=promoters,
        detractors=detractors,
        nps=share(promoters - detractors, nps_n) if nps_n else None,
        nps_ci95=nps_interval(promoters, detractors, nps_n) if nps_n else None,
        low_confidence=n < minimum,
        nps_low_confidence=nps_n < minimum,
        change=csat - before.csat if before is not None else None,
    )


@dataclass(frozen=True)
class Series:
    """One group's figures over the survey periods, oldest first."""

    key: str
    label: str
    figures: tuple[Scores, ...]

    def at(self, period: str) -> Scores | None:
        """The figure of ``period``, if the group answered then."""
        return next((f for f in self.figures if f.period == period), None)

    @property
    def latest(self) -> Scores | None:
        """The most recent figure."""
        return self.figures[-1] if self.figures else None


@dataclass(frozen=True)
class Satisfaction:
    """Every satisfaction series, with the survey periods in calendar order."""

    periods: tuple[str, ...]
    minimum: int
    organisation: Series
    customers: Mapping[str, Series]
    services: Mapping[str, Series]
    roles: Mapping[str, Series]
    rates: Mapping[str, Mapping[str, ResponseRate]] = field(default_factory=dict)
    """Response rates by group (``EVERYONE`` or a unit's id), then by survey period,
    where the surveys of that period say who was invited."""

    def rate(self, group: str, period: str) -> ResponseRate | None:
        """The response rate of ``group`` in ``period``, when the surveys give one."""
        return self.rates.get(group, {}).get(period)


def series(
    key: str,
    label: str,
    by_period: Mapping[str, Sequence[Response]],
    periods: Sequence[str],
    minimum: int,
) -> Series:
    """The figures of one group per period, each with its change since the period before."""
    figures: list[Scores] = []
    previous: Scores | None = None
    for period in periods:
        current = scores(period, by_period.get(period, ()), minimum, previous)
        if current is not None:
            figures.append(current)
        previous = current
    return Series(key, label, tuple(figures))


Groups = dict[str, dict[str, list[Response]]]
"""Responses by group key, then by period."""


@dataclass
class _Grouped:
    everyone: dict[str, list[Response]] = field(default_factory=dict)
    units: Groups = field(default_factory=dict)
    services: Groups = field(default_factory=dict)
    roles: Groups = field(default_factory=dict)

    def add(self, period: str, r: Response, customers: Mapping[str, Customer]) -> None:
        self.everyone.setdefault(period, []).append(r)
        keyed = [(self.units, unit) for unit in units_upwards(r.customer, customers)]
        if r.service is not None:
            keyed.append((self.services, r.service))
        if r.respondent_role is not None:
            keyed.append((self.roles, r.respondent_role))
        for groups, key in keyed:
            groups.setdefault(key, {}).setdefault(period, []).append(r)


def _name(key: str, records: Mapping[str, Customer] | Mapping[str, Service]) -> str:
    record = records.get(key)
    return record.name if record is not None else key


def satisfaction(
    surveys: Iterable[Survey],
    customers: Mapping[str, Customer],
    services: Mapping[str, Service],
    minimum: int,
    organisation: str = "Organisation",
) -> Satisfaction:
    """Every group's series from the survey responses; several surveys of one period pool."""
    surveys = list(surveys)
    periods = sort_periods(s.period for s in surveys)
    grouped = _Grouped()
    for survey in surveys:
        for r in survey.responses:
            grouped.add(survey.period, r, customers)

    def build(groups: Groups, label: Callable[[str], str], keys: list[str]) -> dict[str, Series]:
        return {k: series(k, label(k), groups[k], periods, minimum) for k in keys}

    roles = sorted(grouped.roles, key=list(ROLE_LABELS).index)
    return Satisfaction(
        rates=_rates(surveys, customers),
        periods=tuple(periods),
        minimum=minimum,
        organisation=series("organisation", organisation, grouped.everyone, periods, minimum),
        customers=build(grouped.units, lambda k: _name(k, customers), sorted(grouped.units)),
        services=build(grouped.services, lambda k: _name(k, services), sorted(grouped.services)),
        roles=build(grouped.roles, lambda k: ROLE_LABELS.get(k, k), roles),
    )


def _rates(
    surveys: Sequence[Survey], customers: Mapping[str, Customer]
) -> dict[str, dict[str, ResponseRate]]:
    """The response rate of the organisation and of every invited unit (and those above
    it) per survey period, the surveys of one period pooled."""
    by_period: dict[str, list[Survey]] = {}
    for survey in surveys:
        if survey.invited:
            by_period.setdefault(survey.period, []).append(survey)
    rates: dict[str, dict[str, ResponseRate]] = {}
    for period, pooled in by_period.items():
        groups: list[str | None] = [None, *sorted(units_rated(pooled, customers))]
        for unit in groups:
            rate = response_rate(pooled, customers, unit)
            if rate is not None:
                rates.setdefault(unit or EVERYONE, {})[period] = rate
    return rates


@dataclass(frozen=True)
class Drop:
    """A fall in CSAT between two consecutive survey periods."""

    before: Scores
    after: Scores

    @property
    def points(self) -> float:
        """How many CSAT points were lost."""
        return self.before.csat - self.after.csat


def csat_drops(figures: Series, periods: Sequence[str], points: float) -> list[Drop]:
    """Falls of more than ``points`` between consecutive survey periods, both well answered."""
    drops: list[Drop] = []
    for before_period, after_period in pairwise(periods):
        before, after = figures.at(before_period), figures.at(after_period)
        if before is None or after is None or before.low_confidence or after.low_confidence:
            continue
        if before.csat - after.csat > points + EPSILON:
            drops.append(Drop(before, after))
    return drops
