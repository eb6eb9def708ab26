"""The summary that opens a customer or purchaser page: the figures of the dashboard for
this one unit, read from the same analytics and attention rules, never worked out again."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..analytics.health import Health
from ..analytics.satisfaction import Scores
from ..analytics.signals import Rating, Status, rate_service_levels
from ..analytics.stats import Stats
from ..attention.items import Item
from ..attention.rules import action_overdue, feedback_open
from ..model import Customer
from ..publication import Published
from .attention import last_meeting, unit_meetings
from .context import SiteData
from .relations import Relations, ancestors
from .views import CustomerView


@dataclass(frozen=True, slots=True)
class AgreementDate:
    """The next review or end of an agreement that covers the unit."""

    day: dt.date
    what: str
    """``review`` or ``ends``."""
    agreement: str


@dataclass(frozen=True)
class Summary:
    """What the first screen of a unit's page says about it."""

    health: Health | None
    """The unit's own relationship health (a purchaser's by the customers' rules, as its
    review pack shows it), else the one it inherits."""
    health_of: Published[Customer] | None
    """The customer above a purchaser, whose health it inherits (None for a customer)."""
    inherited: Health | None
    """That customer's health: what the dashboard shows for the purchaser's relationship."""
    health_trend: Mapping[str, Status] | None
    """A customer's rating at each quarter's end, by quarter (None: a purchaser, or no
    history was computed)."""
    csat: Scores | None
    csat_before: Scores | None
    """The figure of the survey period before ``csat``'s, which its change is against."""
    service_levels: Rating | None
    """The rule of the dashboard's signal over the agreements that cover the unit; None
    when the site has no figures."""
    open_actions: int
    overdue_actions: int
    complaints: int
    escalations: int
    next_date: AgreementDate | None
    next_item: Item | None
    """The first calendar item due today or later, for the unit or a unit below it."""
    overdue_items: int
    """Calendar items of the unit or the units below it whose day has passed."""


@dataclass(frozen=True, slots=True)
class UnitFigures:
    """What the directory shows of a unit beside its record: the figures of its summary."""

    health: RatedHealth | None
    csat: Scores | None
    last_meeting: dt.date | None
    """The latest meeting held with the unit or a unit below it."""


def unit_figures(data: SiteData, rel: Relations, unit: Published[Customer]) -> UnitFigures:
    """The health, latest CSAT and last meeting of ``unit``, as its page's summary and the
    dashboard read them."""
    pub, stats = data.publication, data.figures.stats if data.figures else None
    health = rated_health(stats, unit, ancestors(pub, unit.id)) if stats else None
    series = stats.satisfaction.customers.get(unit.id) if stats else None
    met = last_meeting(pub, unit_meetings(rel, unit.id), data.today)
    return UnitFigures(health, series.latest if series else None, met)


def calendar_index(items: Iterable[Item]) -> dict[str, list[Item]]:
    """The calendar items by the unit they are for, soonest first as given."""
    index: dict[str, list[Item]] = {}
    for item in items:
        index.setdefault(item.customer, []).append(item)
    return index


@dataclass(frozen=True, slots=True)
class RatedHealth:
    """A unit's relationship health as its page and the directory show it."""

    own: Health | None
    """The unit's own rating: a customer's, or a purchaser's by the customers' rules."""
    above: Published[Customer] | None
    """The nearest customer above a unit that is rated (None for a rated customer)."""
    inherited: Health | None
    """That customer's rating."""

    @property
    def shown(self) -> Health | None:
        """The unit's own rating, else the one it inherits."""
        return self.own or self.inherited


def rated_health(
    stats: Stats, unit: Published[Customer], parents: Sequence[Published[Customer]]
) -> RatedHealth:
    """The health of ``unit`` (with ``parents``, nearest first) from the dashboard's figures."""
    rated = next((u for u in (unit, *parents) if u.record.watched), None)
    above = rated if rated and rated.id != unit.id else None
    inherited = stats.health.get(above.id) if above else None
    own = stats.health.get(unit.id) or stats.purchasers.get(unit.id)
    return RatedHealth(own, above if inherited else None, inherited)


def _next_date(view: CustomerView) -> AgreementDate | None:
    dates = [
        AgreementDate(day, what, line.agreement.id)
        for line in view.agreements
        if line.agreement.record.status == "active"
        for day, what in (
            (line.agreement.record.review_by, "review"),
            (line.agreement.record.valid_until, "ends"),
        )
        if day is not None
    ]
    return min(dates, key=lambda d: (d.day, d.what, d.agreement), default=None)


def _calendar(
    view: CustomerView, units: Sequence[str], calendar: Mapping[str, list[Item]], today: dt.date
) -> tuple[Item | None, int]:
    """The next item of the unit, the units below it and the agreements covering it, and
    how many of them are overdue."""
    owners = {line.agreement.record.customer for line in view.agreements}
    items = [i for u in units for i in calendar.get(u, ())]
    items += [
        i
        for u in owners - set(units)
        for i in calendar.get(u, ())
        if i.kind.startswith("agreement-")
    ]
    coming = [i for i in items if not i.overdue(today)]
    first = min(coming, key=lambda i: (i.due or dt.date.min, i.key), default=None)
    return first, len(items) - len(coming)


def _trend(stats: Stats | None, cid: str) -> Mapping[str, Status] | None:
    """The customer's ratings by quarter, when the figures hold them."""
    if stats is None or stats.health_history is None:
        return None
    return stats.health_history.get(cid)


def customer_summary(
    data: SiteData,
    view: CustomerView,
    units: Sequence[str],
    calendar: Mapping[str, list[Item]],
) -> Summary:
    """The summary of ``view``'s unit; ``units`` are it and the units below it."""
    today, stats = data.today, data.figures.stats if data.figures else None
    cid = view.customer.id
    health = rated_health(stats, view.customer, view.parents) if stats else None
    series = stats.satisfaction.customers.get(cid) if stats else None
    levels = None
    if stats:
        covering = [line.agreement.id for line in view.agreements]
        met = [stats.attainment[aid] for aid in covering if aid in stats.attainment]
        levels = rate_service_levels(met, today)
    actions = [i.action for i in view.actions if i.action is not None]
    feedback = [
        f.record for f in view.feedback if feedback_open(f.record) and f.record.date <= today
    ]
    next_item, overdue = _calendar(view, units, calendar, today)
    return Summary(
        health=health.shown if health else None,
        health_of=health.above if health else None,
        inherited=health.inherited if health else None,
        health_trend=_trend(stats, cid),
        csat=series.latest if series else None,
        csat_before=series.figures[-2]
        if series and series.latest and series.latest.change is not None
        else None,
        service_levels=levels,
        open_actions=len(actions),
        overdue_actions=sum(1 for a in actions if action_overdue(a, today)),
        complaints=sum(1 for f in feedback if f.type == "complaint"),
        escalations=sum(1 for f in feedback if f.type == "escalation"),
        next_date=_next_date(view),
        next_item=next_item,
        overdue_items=overdue,
    )
