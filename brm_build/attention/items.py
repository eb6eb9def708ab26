"""Everything due, overdue or coming up, each with a key that stays the same from day to day.

The dates come from ``rules``, so that an item is overdue here exactly when ``brm check``
warns about it. A key names what the item is about (an action by its meeting and a hash of
its text and owner), never its position, so reordering or editing other fields keeps it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..analytics.periods import next_period, period_key
from ..checks.attention import meetings_due
from ..checks.base import ancestors
from ..model import Survey
from ..model.repository import Entry, Repository
from ..model.settings import BrmConfig, Thresholds
from . import rules

Loc = tuple[str | int, ...]

FOLDERS_READ = ("customers", "agreements", "meetings", "feedback", "surveys")
"""The kinds the items are made from: ``brm attention`` loads only their records, and a
repository so loaded has no table of any other kind (reading one is an error)."""


@dataclass(frozen=True, slots=True)
class Item:
    """One thing due on a day: what, for whom, who owns it and where it is written."""

    key: str
    kind: str
    due: dt.date | None
    """None only for a customer never met: due now, on no particular day."""
    customer: str
    owners: tuple[str, ...]
    path: str
    line: int
    text: str

    def overdue(self, today: dt.date) -> bool:
        """Whether its day has passed (the check warns about it from then)."""
        return self.due is None or self.due < today


Draft = tuple[str, str, dt.date | None, str, Entry[Any], Loc, str]
"""Key, kind, due day, customer, the entry and field it is written at, and its text."""


def _agreements(repo: Repository, t: Thresholds) -> Iterator[Draft]:
    for aid, entry in repo.agreements.items():
        a = entry.record
        if a.status != "active":
            continue  # a draft, expired or terminated agreement is due for nothing
        if a.valid_until is not None:
            notice = rules.renewal_notice_day(a, t.agreement_notice_days)
            text = f"start the renewal of '{a.title}': it ends on {a.valid_until}"
            yield (
                f"agreement-renewal:{aid}:{a.valid_until}",
                "agreement-renewal",
                notice,
                a.customer,
                entry,
                ("valid_until",),
                text,
            )
            text = f"'{a.title}' ends: renew it or set its status to expired"
            yield (
                f"agreement-end:{aid}:{a.valid_until}",
                "agreement-end",
                a.valid_until,
                a.customer,
                entry,
                ("valid_until",),
                text,
            )
        if a.review_by is not None:
            text = f"review '{a.title}' with the customer and set the next review_by"
            yield (
                f"agreement-review:{aid}:{a.review_by}",
                "agreement-review",
                a.review_by,
                a.customer,
                entry,
                ("review_by",),
                text,
            )


def action_key(meeting: str, text: str, owner: str, seen: dict[str, int]) -> str:
    """The key of an action: its meeting and a hash of its text and owner (a repeat gets
    a count, in the order written)."""
    digest = hashlib.sha256(f"{' '.join(text.split())}\0{owner}".encode()).hexdigest()[:12]
    key = f"action:{meeting}:{digest}"
    seen[key] = seen.get(key, 0) + 1
    return key if seen[key] == 1 else f"{key}-{seen[key]}"


def _actions(repo: Repository) -> Iterator[Draft]:
    for mid, entry in repo.meetings.items():
        m = entry.record
        due = [rules.action_open(a) and a.due is not None for a in m.actions]
        if not any(due):
            continue  # most meetings: no key to make (the keys count every action)
        seen: dict[str, int] = {}
        for i, a in enumerate(m.actions):
            key = action_key(mid, a.text, a.owner, seen)
            if due[i]:
                yield (
                    key,
                    "action",
                    a.due,
                    m.customers[0],
                    entry,
                    ("actions", i, "due"),
                    f"{a.owner}: {a.text}",
                )


def _feedback(repo: Repository, t: Thresholds) -> Iterator[Draft]:
    for fid, entry in repo.feedback.items():
        f = entry.record
        if rules.feedback_open(f):
            due = rules.feedback_due_day(f, t.feedback_open_days)
            text = f"resolve or escalate the {f.type} of {f.date}: {f.summary}"
            yield f"feedback:{fid}", f.type, due, f.customer, entry, ("status",), text


def _meetings(repo: Repository, today: dt.date, config: BrmConfig) -> Iterator[Draft]:
    """Each customer's next meeting of each cadence of its tier (or the default one)."""
    for cid, cadence, met in meetings_due(repo, today, config):
        entry = repo.customers[cid]
        name, kind = entry.record.name, cadence.meeting_type
        due = None if met is None else rules.meeting_due_day(met, cadence.days)
        if kind is None:
            since = f"last met on {met}" if met else "no meeting on record"
            key, text = f"meeting:{cid}", f"meet {name} ({since}; {cadence.rule()})"
        else:
            since = f"last on {met}" if met else "none on record"
            key, text = (
                f"meeting:{cid}:{kind}",
                f"hold a {kind} with {name} ({since}; {cadence.rule()})",
            )
        yield key, "meeting", due, cid, entry, ("name",), text


def _plans(repo: Repository, today: dt.date, t: Thresholds) -> Iterator[Draft]:
    """This year's and next year's plan of each customer, while it has none for the year."""
    for cid, entry in repo.customers.items():
        c = entry.record
        if not c.watched:
            continue
        for year in (today.year, today.year + 1):
            if year > dt.MAXYEAR or rules.has_plan_for(c.plans, year):
                continue
            due = rules.plan_due_day(year, t.plan_review_days)
            text = f"review the business plan of {c.name} for {year} and record it in plans"
            loc: Loc = ("plans",) if c.plans else ("name",)
            yield f"plan:{cid}:{year}", "plan", due, cid, entry, loc, text


def _surveys(repo: Repository) -> Iterator[Draft]:
    """Each customer's next survey round: one period of its latest round after it closed
    (a customer in no round yet is due with the organisation's next)."""
    latest: dict[str, Survey] = {}
    for survey in repo.surveys.values():
        s = survey.record
        units = {r.customer for r in s.responses} | set(s.invited)
        for top in {t for u in units for t in ancestors(repo.customers, u)}:
            if top not in latest or _later(s, latest[top]):
                latest[top] = s
    newest = max(latest.values(), key=_order, default=None)
    for cid, entry in repo.customers.items():
        last = latest.get(cid, newest)
        if not entry.record.watched or last is None:
            continue
        after = f"after {last.period}" if cid in latest else "in no round yet"
        text = f"survey {entry.record.name} again ({after})"
        round_ = next_period(last.period)
        due = rules.next_survey_day(last)
        yield f"survey:{cid}:{round_}", "survey", due, cid, entry, ("name",), text


def _order(s: Survey) -> tuple[tuple[int, int, int], dt.date]:
    return period_key(s.period), rules.survey_closing_day(s)


def _later(s: Survey, other: Survey) -> bool:
    return _order(s) > _order(other)


def _owners(repo: Repository, unit: str) -> tuple[str, ...]:
    """The owners of ``unit`` and of every unit above it, nearest first, once each."""
    found: dict[str, None] = {}
    for uid in ancestors(repo.customers, unit):
        entry = repo.customers.get(uid)
        for handle in entry.record.owners if entry else ():
            found.setdefault(str(handle), None)
    return tuple(found)


def attention_items(repo: Repository, today: dt.date, config: BrmConfig) -> list[Item]:
    """Every dated item (and every customer never met), soonest first."""
    t = config.thresholds
    drafts = [
        *_agreements(repo, t),
        *_actions(repo),
        *_feedback(repo, t),
        *_meetings(repo, today, config),
        *_plans(repo, today, t),
        *_surveys(repo),
    ]
    owners: dict[str, tuple[str, ...]] = {}
    lines: dict[tuple[str, Loc], int] = {}  # a customer's items are at its name, most of them
    items = []
    for key, kind, due, unit, entry, loc, text in drafts:
        if unit not in owners:
            owners[unit] = _owners(repo, unit)
        if (entry.path, loc) not in lines:
            lines[(entry.path, loc)] = entry.document.position(loc)[0]
        line = lines[(entry.path, loc)]
        items.append(
            Item(key, kind, due, unit, owners[unit], entry.path, line, " ".join(text.split()))
        )
    return sorted(items, key=lambda i: (i.due or dt.date.min, i.key))
