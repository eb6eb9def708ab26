"""Warnings: what needs a relationship manager's attention as of "today" (records.md)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterator

from ..analytics.counted import held
from ..attention.cadence import Cadence, cadences
from ..attention.rules import (
    action_overdue,
    days_open,
    feedback_open_too_long,
    few_responses,
    meeting_overdue,
    standing,
)
from ..findings import Finding, Severity
from ..model.repository import Repository
from ..model.settings import BrmConfig, Settings, Thresholds
from .base import ancestors, at

W = Severity.WARNING


def _agreements(repo: Repository, today: dt.date, notice: int) -> list[Finding]:
    """The warnings of the agreements whose standing (the dashboard's too) needs action."""
    findings: list[Finding] = []
    for entry in repo.agreements.values():
        a = entry.record
        label = standing(a, today, notice).label
        if label == "past its end":
            message = (
                f"active, but valid only until {a.valid_until}: renew it or "
                "set its status to expired"
            )
            findings.append(at(entry, "agreement-past-end", ("valid_until",), message, W))
        elif label == "expiring":
            message = (
                f"expires on {a.valid_until}, within the {notice}-day notice "
                "window: start the renewal"
            )
            findings.append(at(entry, "agreement-expiring", ("valid_until",), message, W))
        elif label == "review overdue":
            message = (
                f"active, but its review was due on {a.review_by}: review it with the "
                "customer and set the next review_by"
            )
            findings.append(at(entry, "agreement-review-overdue", ("review_by",), message, W))
    return findings


def last_meetings(
    repo: Repository, today: dt.date, kinds: Collection[str | None]
) -> dict[str | None, dict[str, dt.date]]:
    """For each of ``kinds`` (a meeting type, or None: any type), the date of the latest
    meeting of it held with each customer, counting its purchasers'. One pass over the
    meetings, with the units above each customer walked once."""
    last: dict[str | None, dict[str, dt.date]] = {kind: {} for kind in kinds}
    above: dict[str, list[str]] = {}
    for entry in repo.meetings.values():
        m = entry.record
        if not held(m.date, today):
            continue  # not held yet: meeting-in-future says so
        tables = [last[kind] for kind in {None, m.type} if kind in last]
        for unit in m.customers if tables else ():
            tops = above.get(unit)
            if tops is None:
                tops = above[unit] = ancestors(repo.customers, unit)
            for top in tops:
                for table in tables:
                    if m.date > table.get(top, dt.date.min):
                        table[top] = m.date
    return last


def meetings_due(
    repo: Repository, today: dt.date, config: BrmConfig
) -> Iterator[tuple[str, Cadence, dt.date | None]]:
    """Each watched customer with each cadence of its tier (or the default one) and the
    latest meeting held that counts for it (None: none)."""
    watched = [
        (cid, cadences(config, entry.record.tier))
        for cid, entry in repo.customers.items()
        if entry.record.watched
    ]
    last = last_meetings(repo, today, {c.meeting_type for _, due in watched for c in due})
    for cid, due in watched:
        for cadence in due:
            yield cid, cadence, last[cadence.meeting_type].get(cid)


def _no_meeting(met: dt.date | None, today: dt.date, cadence: Cadence) -> str:
    since = f"since {met}, {(today - met).days} days ago" if met else "on record"
    if cadence.tier is None:
        return (
            f"no meeting with this customer or its purchasers {since}: meet at least "
            f"every {cadence.days} days and record the meeting in records/meetings/"
        )
    held_as = f" with type {cadence.meeting_type}" if cadence.meeting_type else ""
    return (
        f"no {cadence.what} with this customer or its purchasers {since}: its tier "
        f"{cadence.tier} asks for one at least every {cadence.days} days; hold it and record "
        f"it in records/meetings/{held_as}"
    )


def _meetings(repo: Repository, today: dt.date, config: BrmConfig) -> list[Finding]:
    return [
        at(
            repo.customers[cid],
            "customer-no-recent-meeting",
            ("name",),
            _no_meeting(met, today, cadence),
            W,
        )
        for cid, cadence, met in meetings_due(repo, today, config)
        if meeting_overdue(met, today, cadence.days)
    ]


def _meeting_records(repo: Repository, today: dt.date) -> list[Finding]:
    """Meetings not held yet, and open actions past their due date."""
    findings: list[Finding] = []
    for meeting in repo.meetings.values():
        date = meeting.record.date
        if not held(date, today):
            message = (
                f"dated {date}, after today ({today}): a meeting counts once it is held, so "
                "it is no one's last meeting yet; correct the date, or record it once held"
            )
            findings.append(at(meeting, "meeting-in-future", ("date",), message, W))
        for i, action in enumerate(meeting.record.actions):
            if action_overdue(action, today):
                findings.append(
                    at(
                        meeting,
                        "action-overdue",
                        ("actions", i, "due"),
                        f"the open action of {action.owner} was due on {action.due}: set its "
                        "status to done or dropped, or agree a new due date",
                        W,
                    )
                )
    return findings


def _feedback(repo: Repository, today: dt.date, days: int) -> list[Finding]:
    findings: list[Finding] = []
    for entry in repo.feedback.values():
        f = entry.record
        if feedback_open_too_long(f, today, days):
            findings.append(
                at(
                    entry,
                    "feedback-open-too-long",
                    ("status",),
                    f"this {f.type} has been open for {days_open(f, today)} days "
                    f"(more than {days}): resolve it or escalate",
                    W,
                )
            )
    return findings


def _surveys(repo: Repository, minimum: int) -> list[Finding]:
    findings: list[Finding] = []
    for entry in repo.surveys.values():
        n = len(entry.record.responses)
        if few_responses(n, minimum):
            findings.append(
                at(
                    entry,
                    "survey-few-responses",
                    ("responses",),
                    f"only {n} response{'' if n == 1 else 's'} (the minimum is {minimum}): its "
                    "results are shown with low confidence; record any responses still missing",
                    W,
                )
            )
    return findings


def _thresholds(settings: Settings) -> Thresholds:
    return settings.config.thresholds


ATTENTION: dict[str, tuple[Callable[[Repository, Settings], list[Finding]], tuple[str, ...]]] = {
    "agreements": (
        lambda repo, s: _agreements(repo, s.today, _thresholds(s).agreement_notice_days),
        ("agreements",),
    ),
    "meetings": (lambda repo, s: _meetings(repo, s.today, s.config), ("customers", "meetings")),
    "meeting-records": (lambda repo, s: _meeting_records(repo, s.today), ("meetings",)),
    "feedback": (
        lambda repo, s: _feedback(repo, s.today, _thresholds(s).feedback_open_days),
        ("feedback",),
    ),
    "surveys": (
        lambda repo, s: _surveys(repo, _thresholds(s).survey_min_responses),
        ("surveys",),
    ),
}
"""What is overdue, expiring or too thin to trust as of settings.today, in parts by what
each reads (the kinds, by folder): a change to one kind does not judge the others again."""
