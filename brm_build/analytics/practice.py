"""The practice's own figures by quarter (brm-process.md, "Measures people use").

Each quarter is seen as of its last day (the current one as of today), from the records
as they stood then: a record changed after that day is read at the commit in force on it
(``Versions``), a record never changed since is read as it stands now. The rules of what
is overdue and open are those of ``attention.rules``; the chain of purchasers is
``model.structure``'s.
"""

from __future__ import annotations

import datetime as dt
import itertools
import statistics
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypeVar

from ..attention.rules import action_overdue, feedback_open_on, has_plan_for, past_end
from ..changes.versions import Versions
from ..model import Agreement, Customer, Feedback, Meeting, Record
from ..model.repository import Entry, Repository
from .counted import held
from .periods import period_end, period_range, period_start, quarter_of
from .tree import units_upwards

R = TypeVar("R", bound=Record)

MAX_QUARTERS = 40
"""The most quarters shown: ten years, the latest ones."""
REVIEW_DAYS = 365
"""An agreement counts as reviewed when reviewed within this many days of the quarter's end."""


@dataclass(frozen=True)
class Practice:
    """One quarter's figures of how the practice is run, each with the count behind it."""

    quarter: str
    as_of: dt.date
    customers: int
    customers_met: int
    agreements_active: int
    agreements_reviewed_12m: int
    plans_current: int
    requirements_raised: int
    requirements_delivered: int
    requirements_delivered_undated: int
    """Delivered, with no change of status in the history to date it: not in the median."""
    delivery_days_median: float | None
    overdue_actions: int
    open_complaints: int
    open_escalations: int


@dataclass(frozen=True)
class Delivered:
    """A requirement marked delivered: when it was raised and, if known, delivered."""

    raised: dt.date
    delivered: dt.date | None


def quarter_of_day(day: dt.date) -> str:
    """The quarter ``YYYY-Qn`` that ``day`` falls in."""
    return quarter_of(f"{day.year:04d}-{day.month:02d}")


def records_as_of(table: Mapping[str, Entry[R]], versions: Versions, day: dt.date) -> dict[str, R]:
    """The records of a table as they stood at the end of ``day``, by id."""
    out: dict[str, R] = {}
    for rid, entry in sorted(table.items()):
        record = versions.at(entry.path, day, entry.record)
        if isinstance(record, type(entry.record)):
            out[rid] = record
    return out


def watched_on(c: Customer, day: dt.date) -> bool:
    """Whether a unit was a watched customer on ``day``: retired only from ``retired_on``
    (from the start, when the record does not say since when)."""
    gone = c.retired and (c.retired_on is None or c.retired_on <= day)
    return c.role == "customer" and not gone


def active_on(a: Agreement, day: dt.date, today: dt.date) -> bool:
    """Whether an agreement was in force on ``day``: active then, within its validity (one
    expired since was active on the past days of its validity)."""
    status = a.status == "active" or (a.status == "expired" and day < today)
    return status and a.valid_from <= day and not past_end(a, day)


def _review_days(repo: Repository, versions: Versions, today: dt.date) -> dict[str, list[dt.date]]:
    """The days each agreement was reviewed: a held meeting that references it, or a
    commit that changed its ``review_by``."""
    days: dict[str, list[dt.date]] = {}
    for meeting in repo.meetings.values():
        m = meeting.record
        if held(m.date, today):
            for aid in dict.fromkeys(m.agreements):
                days.setdefault(aid, []).append(m.date)
    for aid, entry in repo.agreements.items():
        loaded = [v for v in versions.of(entry.path) if isinstance(v.record, Agreement)]
        for before, after in itertools.pairwise(loaded):
            assert isinstance(before.record, Agreement) and isinstance(after.record, Agreement)
            if before.record.review_by != after.record.review_by:
                days.setdefault(aid, []).append(after.date)
    return days


def _delivered_day(
    entry: Entry[Meeting], text: str, versions: Versions, today: dt.date
) -> dt.date | None:
    """The day the requirement ``text`` of a meeting turned delivered: the commit whose
    version says so after one that said another status (today, when only the files as
    they stand now say so); None when no such change is on record."""
    states: list[tuple[dt.date, str | None]] = []
    for v in versions.of(entry.path):
        found = (
            [r.status for r in v.record.requirements if r.text == text]
            if isinstance(v.record, Meeting)
            else []
        )
        states.append((v.date, found[0] if found else None))
    states.append((today, "delivered"))
    start = len(states) - 1
    while start > 0 and states[start - 1][1] == "delivered":
        start -= 1
    if start == 0 or states[start - 1][1] is None:
        return None  # delivered from the version that added it: no change to date it by
    return states[start][0]


def delivered_requirements(repo: Repository, versions: Versions, today: dt.date) -> list[Delivered]:
    """Every delivered requirement of a held meeting, with the day it was delivered."""
    out = []
    for entry in repo.meetings.values():
        m = entry.record
        if not held(m.date, today):
            continue
        for r in m.requirements:
            if r.status == "delivered":
                day = _delivered_day(entry, r.text, versions, today)
                out.append(Delivered(m.date, day))
    return out


def quarters(repo: Repository, today: dt.date) -> list[str]:
    """The quarters from the first held meeting or feedback (else the first agreement's
    start) to today's, the latest ``MAX_QUARTERS`` of them."""
    days = [e.record.date for e in repo.meetings.values() if held(e.record.date, today)]
    days += [e.record.date for e in repo.feedback.values() if e.record.date <= today]
    if not days:
        days = [e.record.valid_from for e in repo.agreements.values()]
    last = quarter_of_day(today)
    first = quarter_of_day(min([*days, today]))
    return period_range(first, last)[-MAX_QUARTERS:]


def _met(
    meetings: Mapping[str, Meeting], customers: Mapping[str, Customer], q: str, end: dt.date
) -> set[str]:
    """The units met in quarter ``q`` up to ``end``: those a meeting lists, and every unit
    above them (a meeting with a purchaser meets its customer)."""
    start = period_start(q)
    met: set[str] = set()
    for m in meetings.values():
        if start <= m.date <= end:
            for unit in m.customers:
                met.update(units_upwards(unit, customers))
    return met


@dataclass(frozen=True)
class _Evidence:
    """What the figures of every quarter read: the review days and delivered requirements."""

    reviews: Mapping[str, list[dt.date]]
    delivered: list[Delivered]


def _quarter(
    repo: Repository, versions: Versions, q: str, today: dt.date, evidence: _Evidence
) -> Practice:
    """The figures of quarter ``q`` as of its last day, or today for the current one."""
    end = min(period_end(q), today)
    customers = records_as_of(repo.customers, versions, end)
    watched = {cid for cid, c in customers.items() if watched_on(c, end)}
    meetings = records_as_of(repo.meetings, versions, end)
    meetings = {mid: m for mid, m in meetings.items() if m.date <= end}
    agreements = records_as_of(repo.agreements, versions, end)
    active = [aid for aid, a in agreements.items() if active_on(a, end, today)]
    since = end - dt.timedelta(days=REVIEW_DAYS)
    feedback: dict[str, Feedback] = records_as_of(repo.feedback, versions, end)
    open_now = [f for f in feedback.values() if feedback_open_on(f, end)]
    start = period_start(q)
    delivered = [d for d in evidence.delivered if _delivered_in(d, start, end)]
    days = [max(0, (d.delivered - d.raised).days) for d in delivered if d.delivered]
    return Practice(
        quarter=q,
        as_of=end,
        customers=len(watched),
        customers_met=len(watched & _met(meetings, customers, q, end)),
        agreements_active=len(active),
        agreements_reviewed_12m=sum(
            any(since < day <= end for day in evidence.reviews.get(aid, ())) for aid in active
        ),
        plans_current=sum(has_plan_for(customers[cid].plans, end.year) for cid in watched),
        requirements_raised=sum(
            len(m.requirements) for m in meetings.values() if start <= m.date <= end
        ),
        requirements_delivered=len(delivered),
        requirements_delivered_undated=sum(d.delivered is None for d in delivered),
        delivery_days_median=statistics.median(days) if days else None,
        overdue_actions=sum(action_overdue(a, end) for m in meetings.values() for a in m.actions),
        open_complaints=sum(f.type == "complaint" for f in open_now),
        open_escalations=sum(f.type == "escalation" for f in open_now),
    )


def _delivered_in(d: Delivered, start: dt.date, end: dt.date) -> bool:
    """Whether a requirement counts as delivered in the quarter from ``start`` to ``end``:
    by the day it was delivered, or by the day it was raised when that is not known."""
    return start <= (d.raised if d.delivered is None else d.delivered) <= end


def practice_figures(repo: Repository, versions: Versions, today: dt.date) -> dict[str, Practice]:
    """The figures of every quarter from the first dated record to today's, by quarter."""
    evidence = _Evidence(
        _review_days(repo, versions, today), delivered_requirements(repo, versions, today)
    )
    return {q: _quarter(repo, versions, q, today, evidence) for q in quarters(repo, today)}
