"""What needs attention as of "today": the lists and per-customer facts of the dashboard."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from ..analytics.counted import held
from ..attention.rules import (
    Standing,
    action_due_by,
    action_overdue,
    feedback_open,
    feedback_open_too_long,
    standing,
)
from ..findings import Finding, Severity
from ..model import Agreement, Feedback
from ..model.settings import Thresholds
from ..publication import Publication, Published
from .relations import MeetingItem, Relations, descendants

ACTION_HORIZON_DAYS = 30
"""Open actions due within this many days are listed on the dashboard."""

LISTED_APART = frozenset(
    {
        "action-overdue",
        "agreement-past-end",
        "agreement-expiring",
        "agreement-review-overdue",
        "feedback-open-too-long",
    }
)
"""Warnings of the check whose subject the dashboard lists on its own (overdue actions,
agreements due, open complaints and escalations): not shown a second time among the
warnings."""


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
    """The check's warnings that no list below shows."""
    agreements: list[DueAgreement]
    overdue: list[MeetingItem]
    """Open actions past their due date, oldest first."""
    due_soon: list[MeetingItem]
    """Open actions due today or within the horizon, soonest first."""
    feedback: list[Published[Feedback]]
    open_too_long: frozenset[str]
    """The open complaints and escalations open longer than the threshold, by id."""
    glances: list[Glance]
    horizon_days: int = ACTION_HORIZON_DAYS
    """How far ahead ``due_soon`` looks."""


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


def last_meeting(pub: Publication, meetings: Iterable[str], today: dt.date) -> dt.date | None:
    """The date of the latest of ``meetings`` held by ``today`` (one dated later is not
    held yet)."""
    dates = [d for m in meetings if held(d := pub.meetings[m].record.date, today)]
    return max(dates, default=None)


def unit_meetings(rel: Relations, cid: str) -> set[str]:
    """The meetings with a unit or any unit below it."""
    return {m for u in (cid, *descendants(rel, cid)) for m in rel.meetings_of.get(u, [])}


def glance(pub: Publication, rel: Relations, cid: str, today: dt.date, notice_days: int) -> Glance:
    """The dashboard facts of one customer, counting the purchasers beneath it."""
    units = {cid, *descendants(rel, cid)}
    meetings = unit_meetings(rel, cid)
    last = last_meeting(pub, meetings, today)
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
    thresholds: Thresholds,
) -> Attention:
    """Collect what needs attention as of ``today``."""
    notice_days = thresholds.agreement_notice_days
    customers = sorted(
        (cid for cid, c in pub.customers.items() if c.record.watched),
        key=lambda cid: pub.customers[cid].record.name.casefold(),
    )
    actions = due_actions(pub, today, ACTION_HORIZON_DAYS)
    late = [bool(i.action and action_overdue(i.action, today)) for i in actions]
    feedback = open_feedback(pub)
    days = thresholds.feedback_open_days
    return Attention(
        warnings=[
            f for f in findings if f.severity is Severity.WARNING and f.code not in LISTED_APART
        ],
        agreements=due_agreements(pub, today, notice_days),
        overdue=[i for i, past in zip(actions, late, strict=True) if past],
        due_soon=[i for i, past in zip(actions, late, strict=True) if not past],
        feedback=feedback,
        open_too_long=frozenset(
            f.id for f in feedback if feedback_open_too_long(f.record, today, days)
        ),
        glances=[glance(pub, rel, cid, today, notice_days) for cid in customers],
    )
