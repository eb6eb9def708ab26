"""What happened with a unit, newest first in one list: meetings, feedback, breaches,
surveys, agreement events and the commits that changed its records (from ``gitlog``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from ..analytics.counted import held
from ..analytics.periods import period_end
from .cells import headline
from .context import SiteData, record_history
from .views import CustomerView

TIMELINE_LIMIT = 25
"""How many events the timeline lists; the sections below the timeline list the rest."""
COMMIT_LIMIT = 10
"""How many commits of the unit's records the timeline merges in."""


@dataclass(frozen=True, slots=True)
class Event:
    """One thing that happened: when, what kind, the record it is about and what it says."""

    day: dt.date
    when: str
    """The day, or the period a breach or survey belongs to."""
    kind: str
    folder: str
    """Where the record's page is (``customers``, ``meetings``...); empty for a commit."""
    rid: str
    label: str
    detail: str


@dataclass(frozen=True)
class Timeline:
    """The latest events of a unit, and how many earlier ones were left out."""

    events: tuple[Event, ...]
    earlier: int


def _records(view: CustomerView, today: dt.date) -> Iterator[Event]:
    for m in view.meetings:
        mt = m.record
        if held(mt.date, today):
            yield Event(mt.date, str(mt.date), "meeting", "meetings", m.id, mt.title, mt.type)
    for f in view.feedback:
        fb = f.record
        if fb.date <= today:
            yield Event(fb.date, str(fb.date), fb.type, "feedback", f.id, fb.summary, fb.status)
    for count in view.surveys:
        s = count.survey.record
        day = s.closed or period_end(s.period)
        if day <= today:
            detail = f"{count.responses} responses"
            yield Event(day, s.period, "survey", "surveys", count.survey.id, s.title, detail)


def _agreements(view: CustomerView, today: dt.date) -> Iterator[Event]:
    for line in view.agreements:
        a, aid = line.agreement.record, line.agreement.id
        dates = [(a.valid_from, "in force")]
        if a.signed and a.signed.date:
            dates.append((a.signed.date, "signed"))
        if a.valid_until:
            dates.append((a.valid_until, "ended"))
        for day, what in dates:
            if day <= today:
                yield Event(day, str(day), "agreement", "agreements", aid, a.title, what)
        for b in line.attainment.missed():
            day = period_end(b.period)
            if day <= today:
                detail = f"{b.level.metric} missed its target"
                yield Event(day, b.period, "breach", "agreements", aid, a.title, detail)


def _commits(data: SiteData, view: CustomerView) -> Iterator[Event]:
    """The commits that changed the unit's record, its own agreements and its feedback,
    up to ``data.today``."""
    own = [line for line in view.agreements if line.agreement.record.customer == view.customer.id]
    paths = [view.customer.path, *(line.agreement.path for line in own)]
    paths += [line.report.path for line in own if line.report]
    paths += [f.path for f in view.feedback if f.record.customer == view.customer.id]
    for c in record_history(data, paths, COMMIT_LIMIT).commits:
        if c.date <= data.today:  # a build as of an earlier day shows that day's past
            subject = headline(c.subject)  # the changes page shows it whole
            yield Event(c.date, str(c.date), "commit", "", c.short, subject, c.author)


def timeline(data: SiteData, view: CustomerView) -> Timeline:
    """The unit's events as of ``data.today``, newest first."""
    events = [
        *_records(view, data.today),
        *_agreements(view, data.today),
        *_commits(data, view),
    ]
    events.sort(key=lambda e: (e.day, e.kind, e.rid), reverse=True)
    shown = events[:TIMELINE_LIMIT]
    return Timeline(tuple(shown), len(events) - len(shown))
