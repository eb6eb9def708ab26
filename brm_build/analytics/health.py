"""Relationship health per customer: a few signals, each rated with the rule it follows.

Everything about a customer counts its purchasers at any depth: their survey answers,
meetings, actions and feedback. The rules are data (``health_rules``) so that the site
documents exactly what the code applies.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from ..model import Agreement, Customer, Feedback, Meeting
from ..model.kinds import Action
from ..model.settings import Thresholds
from . import signals as s
from .counted import held
from .satisfaction import Satisfaction
from .service_levels import AgreementAttainment
from .tree import agreements_by_customer, agreements_for, units_upwards

STATUS_ORDER: tuple[s.Status, ...] = ("good", "watch", "act")


@dataclass(frozen=True)
class Rule:
    """How one signal is rated."""

    key: str
    label: str
    text: str


RULES: tuple[tuple[str, str, str], ...] = (
    (
        "satisfaction",
        "Satisfaction",
        "The latest CSAT of the customer, counting its purchasers. Good: {csat_good}% or "
        "more; watch: {csat_act}% to under {csat_good}%, or fewer than {least} responses, or "
        "no answers at all; act: under {csat_act}% from at least {least} responses.",
    ),
    (
        "satisfaction-trend",
        "Satisfaction trend",
        "CSAT in the latest survey period against the period before, both from at least "
        "{least} responses. Good: steady or up; watch: down by {drop} points or less, or too "
        "few responses to compare; act: down by more than {drop} points.",
    ),
    (
        "service-levels",
        "Service levels met",
        "The results of the last {recent} measured periods of every service level in the "
        "customer's active agreements. Good: {sl_good}% or more met; watch: {sl_act}% to "
        "under {sl_good}%, or nothing measured; act: under {sl_act}%.",
    ),
    (
        "actions",
        "Overdue actions",
        "Open meeting actions past their due date, from meetings with the customer or its "
        "purchasers. Good: none; watch: 1 to {actions_watch}; act: {actions_act} or more.",
    ),
    (
        "feedback",
        "Open complaints and escalations",
        "Complaints and escalations from the customer or its purchasers that are still open. "
        "Good: none; watch: open complaints, none open longer than {open_days} days; act: an "
        "open escalation, or one open longer than {open_days} days.",
    ),
    (
        "meetings",
        "Last meeting",
        "Days since the last meeting held with the customer or any of its purchasers, and "
        "for a purchaser also with the units it buys under (one dated after today is not "
        "held yet). Good: {good_days} days or fewer; watch: up to "
        "{interval} days; act: more than {interval} days, or no meeting on record. A customer "
        "in a tier is rated on its tier's shortest interval instead, and its purchasers with it.",
    ),
    (
        "agreements",
        "Agreements expiring",
        "The customer's active agreements and when they end. Good: none ends within {notice} "
        "days; watch: one ends within the {notice}-day notice window; act: one is still "
        "active after its end date.",
    ),
)
"""Key, label and rule of every signal; ``health_rules`` fills in the thresholds."""


def health_rules(t: Thresholds) -> tuple[Rule, ...]:
    """The rule of every signal, in words, with this organisation's thresholds."""
    values = {
        "least": t.survey_min_responses,
        "drop": f"{t.csat_drop_points:g}",
        "csat_good": f"{s.CSAT_GOOD:g}",
        "csat_act": f"{s.CSAT_ACT:g}",
        "recent": s.RECENT_PERIODS,
        "sl_good": f"{s.ATTAINMENT_GOOD:g}",
        "sl_act": f"{s.ATTAINMENT_ACT:g}",
        "actions_watch": s.ACTIONS_ACT - 1,
        "actions_act": s.ACTIONS_ACT,
        "open_days": t.feedback_open_days,
        "good_days": int(t.meeting_interval_days * s.MEETING_GOOD_SHARE),
        "interval": t.meeting_interval_days,
        "notice": t.agreement_notice_days,
    }
    return tuple(Rule(key, label, text.format(**values)) for key, label, text in RULES)


@dataclass(frozen=True)
class Signal:
    """One rated signal: its status, what was seen, and the rule applied."""

    key: str
    label: str
    status: s.Status
    value: str
    rule: str


@dataclass(frozen=True)
class Health:
    """A customer's relationship health: the worst status of its signals, and each signal."""

    customer: str
    name: str
    status: s.Status
    signals: tuple[Signal, ...]


@dataclass(frozen=True)
class HealthInputs:
    """The records and figures that relationship health is rated on."""

    customers: Mapping[str, Customer]
    satisfaction: Satisfaction
    attainment: Mapping[str, AgreementAttainment]
    agreements: Mapping[str, Agreement]
    meetings: Sequence[Meeting]
    feedback: Sequence[Feedback]
    intervals: Mapping[str, int] = field(default_factory=dict)
    """Each unit's meeting interval where its tier sets one (attention.cadence); the
    others are met at ``meeting_interval_days``."""


def worst(statuses: Iterable[s.Status]) -> s.Status:
    """The most serious of ``statuses`` (good when there are none)."""
    return max(statuses, key=STATUS_ORDER.index, default="good")


@dataclass(frozen=True)
class HealthIndex:
    """The records each customer is rated on, found in one pass over every record."""

    meetings: Mapping[str, Sequence[Meeting]]
    """Meetings with the unit or any unit below it, in record order."""
    feedback: Mapping[str, Sequence[Feedback]]
    """Feedback from the unit or any unit below it, in record order."""
    attainment: Mapping[str, Sequence[AgreementAttainment]]
    agreements: Mapping[str, Sequence[Agreement]]
    met_above: Mapping[str, Sequence[Meeting]]
    """A purchaser's meetings held with a unit it buys under: its relationship is reviewed
    there, so they count for its last meeting (only for that signal)."""


def health_index(data: HealthInputs) -> HealthIndex:
    """Every meeting and feedback record under each unit above its units, and every
    agreement and attainment under its own customer."""
    upwards: dict[str, list[str]] = {}

    def above(unit: str) -> list[str]:
        if unit not in upwards:
            upwards[unit] = units_upwards(unit, data.customers)
        return upwards[unit]

    meetings: dict[str, list[Meeting]] = {}
    direct: dict[str, list[Meeting]] = {}
    for m in data.meetings:
        for unit in dict.fromkeys(up for own in m.customers for up in above(own)):
            meetings.setdefault(unit, []).append(m)
        for own in dict.fromkeys(m.customers):
            direct.setdefault(own, []).append(m)
    feedback: dict[str, list[Feedback]] = {}
    for f in data.feedback:
        for unit in above(f.customer):
            feedback.setdefault(unit, []).append(f)
    attained: dict[str, list[AgreementAttainment]] = {}
    for a in data.attainment.values():
        attained.setdefault(a.customer, []).append(a)
    agreements: dict[str, list[Agreement]] = {}
    for agreement in data.agreements.values():
        agreements.setdefault(agreement.customer, []).append(agreement)
    owned = agreements_by_customer(data.agreements)
    for pid in _purchasers(data.customers):  # a purchaser's: also those it buys under
        bought = agreements_for(pid, data.customers, data.agreements, owned)
        attained.setdefault(pid, []).extend(
            data.attainment[a] for a in bought if a in data.attainment
        )
        agreements.setdefault(pid, []).extend(data.agreements[a] for a in bought)
    met_above = {
        pid: [m for unit in above(pid)[1:] for m in direct.get(unit, ())]
        for pid in _purchasers(data.customers)
    }
    return HealthIndex(meetings, feedback, attained, agreements, met_above)


def _purchasers(customers: Mapping[str, Customer]) -> list[str]:
    """The purchasers rated for their own packs: those not retired, by id."""
    return sorted(c for c, r in customers.items() if r.role == "purchaser" and not r.retired)


def _last_met(past: Sequence[Meeting], above: Sequence[Meeting], today: dt.date) -> dt.date | None:
    """The latest day a unit met: ``past`` held with it or below, ``above`` as recorded."""
    return max((m.date for m in (*past, *above) if held(m.date, today)), default=None)


def customer_health(
    cid: str,
    data: HealthInputs,
    t: Thresholds,
    today: dt.date,
    index: HealthIndex | None = None,
) -> Health:
    """Rate every signal of the customer ``cid`` (``index``: ``health_index(data)``)."""
    index = health_index(data) if index is None else index
    past = [m for m in index.meetings.get(cid, ()) if held(m.date, today)]
    actions: list[Action] = [a for m in past for a in m.actions]
    figures = data.satisfaction.customers.get(cid)
    periods = data.satisfaction.periods
    ratings: dict[str, s.Rating] = {
        "satisfaction": s.rate_satisfaction(figures, periods),
        "satisfaction-trend": s.rate_trend(figures, periods, t.csat_drop_points),
        "service-levels": s.rate_service_levels(list(index.attainment.get(cid, ())), today),
        "actions": s.rate_actions(actions, today),
        "feedback": s.rate_feedback(
            [f for f in index.feedback.get(cid, ()) if f.date <= today],
            today,
            t.feedback_open_days,
        ),
        "meetings": s.rate_meetings(
            _last_met(past, index.met_above.get(cid, ()), today),
            today,
            data.intervals.get(cid, t.meeting_interval_days),
        ),
        "agreements": s.rate_agreements(
            list(index.agreements.get(cid, ())), today, t.agreement_notice_days
        ),
    }
    rated = tuple(
        Signal(rule.key, rule.label, *ratings[rule.key], rule.text) for rule in health_rules(t)
    )
    name = data.customers[cid].name if cid in data.customers else cid
    return Health(cid, name, worst(sig.status for sig in rated), rated)


def relationship_health(
    data: HealthInputs, t: Thresholds, today: dt.date, index: HealthIndex | None = None
) -> dict[str, Health]:
    """The health of every customer whose relationship is watched (not retired), by id."""
    index = health_index(data) if index is None else index
    return {
        cid: customer_health(cid, data, t, today, index)
        for cid in sorted(data.customers)
        if data.customers[cid].watched
    }


def purchaser_health(
    data: HealthInputs, t: Thresholds, today: dt.date, index: HealthIndex | None = None
) -> dict[str, Health]:
    """The health of every purchaser not retired, by id, rated by the customers' rules on
    its own records and those below it, its service levels and agreements those of the
    agreements it buys under. The dashboard rates customers only; a purchaser's review
    pack shows this."""
    index = health_index(data) if index is None else index
    return {pid: customer_health(pid, data, t, today, index) for pid in _purchasers(data.customers)}
