"""The meetings of the period, their decisions and actions, the actions of the previous
review still open, and the requirements raised at the meetings."""

from __future__ import annotations

import datetime as dt

from ..analytics.counted import held
from ..attention.rules import action_overdue
from ..model import Meeting
from ..publication import Published
from .document import NOTHING, Block, Section, Table
from .period import Span
from .scope import Scope

JOINT = " (with other units: its decisions and actions are in its minutes)"
REQUIREMENT_STATES = ("proposed", "accepted", "rejected", "delivered")


def _held_in(s: Scope, span: Span) -> list[Published[Meeting]]:
    return [m for m in s.meetings() if span.holds(m.record.date) and held(m.record.date, s.today)]


def own(s: Scope, m: Published[Meeting]) -> bool:
    """Whether the meeting concerns only the pack's units: a joint meeting's decisions
    and actions may speak of other units, so the pack leaves them to the minutes."""
    return set(m.record.customers) <= set(s.units)


def _action_rows(meetings: list[Published[Meeting]], today: dt.date) -> tuple[tuple[str, ...], ...]:
    """Actions with owner, due date and status: open and overdue first, then by due date."""
    items = [(m.record.date, a) for m in meetings for a in m.record.actions]
    far = dt.date.max
    items.sort(
        key=lambda i: (
            i[1].status != "open",
            not action_overdue(i[1], today),
            i[1].due or far,
            i[0],
        )
    )
    return tuple(
        (
            a.text,
            a.owner,
            str(a.due) if a.due else "–",
            "open, overdue" if action_overdue(a, today) else a.status,
            str(day),
        )
        for day, a in items
    )


ACTION_HEADERS = ("Action", "Owner", "Due", "Status", "Meeting")


def _previous_review(s: Scope) -> Published[Meeting] | None:
    reviews = [
        m
        for m in s.meetings()
        if m.record.type == "relationship-review" and m.record.date < s.span.start and own(s, m)
    ]
    return reviews[-1] if reviews else None


def previous_review_open(s: Scope) -> int:
    """How many actions of the review before the period are still open."""
    previous = _previous_review(s)
    return sum(1 for a in previous.record.actions if a.status == "open") if previous else 0


def meetings_section(s: Scope) -> Section:
    """Meetings held in the period with their decisions and actions."""
    meetings = _held_in(s, s.span)
    listed = tuple(
        (str(m.record.date), m.record.type, m.record.title + ("" if own(s, m) else JOINT))
        for m in meetings
    )
    mine = [m for m in meetings if own(s, m)]
    decisions = tuple(f"{m.record.date}: {d}" for m in mine for d in m.record.decisions)
    previous = _previous_review(s)
    still_open = [m for m in [previous] if m is not None]
    carried = tuple(r for r in _action_rows(still_open, s.today) if r[3].startswith("open"))
    before = len(_held_in(s, s.before))
    return Section(
        "meetings",
        "Meetings",
        (
            Block(
                f"Held in {s.span.label} ({len(meetings)}; {before} in {s.before.label})",
                table=Table(("Date", "Type", "Title"), listed),
                empty=NOTHING,
            ),
            Block("Decisions", decisions, empty="No decision recorded in this period."),
            Block(
                "Actions",
                table=Table(ACTION_HEADERS, _action_rows(mine, s.today)),
                empty="No action from this period's meetings.",
            ),
            Block(
                "Still open from the previous review"
                + (f" ({previous.record.date})" if previous else ""),
                table=Table(ACTION_HEADERS, carried),
                empty="Nothing still open from the previous review.",
            ),
        ),
    )


def requirements_section(s: Scope) -> Section:
    """Requirements raised at the period's meetings, by status, against the period before."""
    now = [
        (m.record.date, r) for m in _held_in(s, s.span) if own(s, m) for r in m.record.requirements
    ]
    then = [r for m in _held_in(s, s.before) if own(s, m) for r in m.record.requirements]
    counts = tuple(
        (
            state,
            str(sum(1 for _, r in now if r.status == state)),
            str(sum(1 for r in then if r.status == state)),
        )
        for state in REQUIREMENT_STATES
    )
    header = ("Status now", f"Raised {s.span.label}", f"Raised {s.before.label}")
    rows = tuple((r.text, r.service or "–", r.status, str(day)) for day, r in now)
    return Section(
        "requirements",
        "Requirements",
        (
            Block(
                "", (f"Raised in {s.span.label}: {len(now)}; in {s.before.label}: {len(then)}.",)
            ),
            Block("By status", table=Table(header, counts)),
            Block(
                "Raised in this period",
                table=Table(("Requirement", "Service", "Status", "Meeting"), rows),
                empty=NOTHING,
            ),
        ),
    )
