"""The signals of relationship health, each rated good, watch or act with what was seen.

Each function rates one signal for one customer from plain data; ``health`` attaches the
rule text that ``health_rules`` states, so that the site can document every rule.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Literal

from ..attention.rules import (
    action_overdue,
    ends_within,
    feedback_open,
    meeting_overdue,
    past_end,
)
from ..model import Agreement, Feedback
from ..model.kinds import Action
from ..quantities import percent
from .estimates import share
from .periods import period_start
from .satisfaction import Series
from .service_levels import AgreementAttainment

Status = Literal["good", "watch", "act"]
Rating = tuple[Status, str]
"""A status and the value it was rated on, in words."""

CSAT_GOOD, CSAT_ACT = 80.0, 60.0
"""CSAT at or above CSAT_GOOD is good; below CSAT_ACT calls for action."""
ATTAINMENT_GOOD, ATTAINMENT_ACT = 95.0, 80.0
RECENT_PERIODS = 3
"""How many of each service level's latest measured periods count as recent."""
ACTIONS_ACT = 3
MEETING_GOOD_SHARE = 2 / 3
"""A meeting within this share of the meeting interval is good; later is watch."""


def rate_satisfaction(figures: Series | None, periods: Sequence[str]) -> Rating:
    """The latest CSAT of the customer, counting its purchasers."""
    latest = figures.latest if figures is not None else None
    if latest is None:
        return "watch", "no survey answers"
    value = f"{percent(latest.csat)} in {latest.period} (n {latest.n})"
    if latest.low_confidence:
        return "watch", value + ", too few responses to rate"
    if periods and latest.period != periods[-1]:
        value += f"; no answers in {periods[-1]}"
    if latest.csat >= CSAT_GOOD:
        return "good", value
    return ("watch" if latest.csat >= CSAT_ACT else "act"), value


def rate_trend(figures: Series | None, periods: Sequence[str], drop_points: float) -> Rating:
    """CSAT in the latest survey period against the one before."""
    if figures is None or len(periods) < 2:
        return "watch", "no two survey periods to compare"
    before, after = figures.at(periods[-2]), figures.at(periods[-1])
    if before is None or after is None or before.low_confidence or after.low_confidence:
        return "watch", f"too few responses to compare {periods[-2]} with {periods[-1]}"
    change = after.csat - before.csat
    value = f"{change:+.0f} points, {percent(before.csat)} → {percent(after.csat)} ({periods[-1]})"
    if change >= 0:
        return "good", value
    return ("act" if -change > drop_points + 1e-9 else "watch"), value


def rate_service_levels(agreements: Sequence[AgreementAttainment], today: dt.date) -> Rating:
    """The share of recent service-level results met, over the active agreements."""
    met = measured = 0
    for agreement in agreements:
        if agreement.status != "active":
            continue
        for level in agreement.levels:
            past = [r for r in level.measured if period_start(r.period) <= today]
            recent = past[-RECENT_PERIODS:]
            measured += len(recent)
            met += sum(1 for r in recent if r.met)
    if measured == 0:
        return "watch", "no measured service levels in active agreements"
    rate = share(met, measured)
    value = f"{percent(rate)} met ({met} of {measured} recent results)"
    if rate >= ATTAINMENT_GOOD:
        return "good", value
    return ("watch" if rate >= ATTAINMENT_ACT else "act"), value


def rate_actions(actions: Sequence[Action], today: dt.date) -> Rating:
    """Open actions past their due date."""
    overdue = [a for a in actions if action_overdue(a, today)]
    if not overdue:
        return "good", "none overdue"
    oldest = min(a.due for a in overdue if a.due is not None)
    value = f"{len(overdue)} overdue, the oldest due {oldest}"
    return ("act" if len(overdue) >= ACTIONS_ACT else "watch"), value


def rate_feedback(feedback: Sequence[Feedback], today: dt.date, open_days: int) -> Rating:
    """Open complaints and escalations."""
    open_items = [f for f in feedback if feedback_open(f)]
    if not open_items:
        return "good", "none open"
    escalations = sum(1 for f in open_items if f.type == "escalation")
    complaints = len(open_items) - escalations
    oldest = max((today - f.date).days for f in open_items)
    value = (
        f"{complaints} complaint{'s' * (complaints != 1)} and {escalations} "
        f"escalation{'s' * (escalations != 1)} open, the oldest for {oldest} days"
    )
    return ("act" if escalations or oldest > open_days else "watch"), value


def rate_meetings(last: dt.date | None, today: dt.date, interval: int) -> Rating:
    """Days since the last meeting with the customer or its purchasers."""
    if last is None:
        return "act", "no meeting on record"
    days = (today - last).days
    value = f"{days} days (last on {last})"
    if days <= int(interval * MEETING_GOOD_SHARE):
        return "good", value
    return ("act" if meeting_overdue(last, today, interval) else "watch"), value


def rate_agreements(agreements: Sequence[Agreement], today: dt.date, notice: int) -> Rating:
    """Active agreements that end soon or have already ended."""
    ending = sorted(
        (a for a in agreements if a.status == "active" and a.valid_until is not None),
        key=lambda a: (a.valid_until or dt.date.max, a.title),
    )
    lapsed = [a for a in ending if past_end(a, today)]
    if lapsed:
        return "act", f"'{lapsed[0].title}' is active but ended on {lapsed[0].valid_until}"
    soon = [a for a in ending if ends_within(a, today, notice)]
    end = soon[0].valid_until if soon else None
    if end is not None:
        return "watch", f"'{soon[0].title}' ends on {end}, in {(end - today).days} days"
    return "good", "none ends within the notice window"
