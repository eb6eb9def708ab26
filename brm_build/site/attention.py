"""What needs attention as of "today": the lists and per-customer facts of the dashboard."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..analytics.counted import held
from ..attention.rules import Standing, action_due_by, action_overdue, feedback_open, standing
from ..findings import Finding, Severity
from ..model import Agreement, Feedback
from ..publication import Publication, Published
from .relations import MeetingItem, Relations, descendants

ACTION_HORIZON_DAYS = 30
"""Open actions due within this many days are listed on the dashboard."""


@dataclass(frozen=True, slots=True)
class DueAgreement:
    """An agreement that needs attention, and why."""

    agreement: Published[Agreement]
    standing: Standing


@dataclass(frozen=True, slots=True)
class Glance:
    """The facts of one customer's relationship that the dashboard shows."""

    customer: str
    last_meeting: dt.date | None
    days_since_meeting: int | None
    overdue_actions: int
    open_feedback: int
    agreements_due: int


@dataclass(frozen=True)
class Attention:
    """Everything the dashboard lists as needing attention."""

    warnings: list[Finding]
    agreements: list[DueAgreement]
    actions: list[MeetingItem]
    feedback: list[Published[Feedback]]
    glances: list[Glance]


def due_agreements(pub: Publication, today: dt.date, notice_days: int) -> list[DueAgreement]:
    """Active agreements past their end, expiring or due for review, soonest first."""
    due = []
    for a in pub.agreements.values():
        s = standing(a.record, today, notice_days)
        if s.due:
            due.append(DueAgreement(a, s))
    far = dt.date.max

    def when(d: DueAgreement) -> tuple[dt.date, str]:
        """The earlier of the end and the review date."""
        r = d.agreement.record
        return (min(r.valid_until or far, r.review_by or far), d.agreement.id)

    return sorted(due, key=when)


def due_actions(pub: Publication, today: dt.date, horizon_days: int) -> list[MeetingItem]:
    """Open actions that are overdue or due within ``horizon_days``, soonest first."""
    limit = today + dt.timedelta(days=horizon_days)
    items = [
        MeetingItem(m, action=a)
        for m in pub.meetings.values()
        for a in m.record.actions
        if action_due_by(a, limit)
    ]
    return sorted(items, key=lambda i: (i.action.due if i.action else today, i.meeting.id))


def open_feedback(pub: Publication) -> list[Published[Feedback]]:
    """Open complaints and escalations, oldest first."""
    items = [f for f in pub.feedback.values() if feedback_open(f.record)]
    return sorted(items, key=lambda f: (f.record.date, f.id))


def glance(pub: Publication, rel: Relations, cid: str, today: dt.date, notice_days: int) -> Glance:
    """The dashboard facts of one customer, counting the purchasers beneath it."""
    units = {cid, *descendants(rel, cid)}
    meetings = {m for u in units for m in rel.meetings_of.get(u, [])}
    dates = [d for m in meetings if held(d := pub.meetings[m].record.date, today)]
    last = max(dates, default=None)
    overdue = sum(
        1 for m in meetings for a in pub.meetings[m].record.actions if action_overdue(a, today)
    )
    feedback = sum(
        1
        for u in units
        for f in rel.feedback_of.get(u, [])
        if feedback_open(pub.feedback[f].record)
    )
    agreements = sum(
        1
        for a in rel.agreements_of.get(cid, [])
        if standing(pub.agreements[a].record, today, notice_days).due
    )
    since = (today - last).days if last else None
    return Glance(cid, last, since, overdue, feedback, agreements)


def attention(
    pub: Publication,
    rel: Relations,
    findings: list[Finding],
    today: dt.date,
    notice_days: int,
) -> Attention:
    """Collect what needs attention as of ``today``."""
    customers = sorted(
        (cid for cid, c in pub.customers.items() if c.record.watched),
        key=lambda cid: pub.customers[cid].record.name.casefold(),
    )
    return Attention(
        warnings=[f for f in findings if f.severity is Severity.WARNING],
        agreements=due_agreements(pub, today, notice_days),
        actions=due_actions(pub, today, ACTION_HORIZON_DAYS),
        feedback=open_feedback(pub),
        glances=[glance(pub, rel, cid, today, notice_days) for cid in customers],
    )
