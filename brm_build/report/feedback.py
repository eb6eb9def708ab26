"""Complaints, compliments and escalations opened and resolved in the period, against the
period before."""

from __future__ import annotations

from ..model import Feedback
from ..publication import Published
from .document import NOTHING, Block, Section, Table
from .period import Span
from .scope import Scope

TYPES = ("complaint", "compliment", "escalation")


def _counts(items: list[Published[Feedback]], span: Span) -> tuple[int, int]:
    opened = sum(1 for f in items if span.holds(f.record.date))
    resolved = sum(1 for f in items if span.holds(f.record.resolved_on))
    return opened, resolved


def _row(f: Feedback, internal: bool) -> tuple[str, ...]:
    resolved = f"{f.status} {f.resolved_on}" if f.resolved_on else f.status
    row: tuple[str, ...] = (
        str(f.date),
        f.type,
        f.summary,
        resolved,
        " ".join((f.resolution or "").split()),
    )
    if internal:
        raised = f.raised_by.name if f.raised_by is not None else ""
        row += (raised,)
    return row


def feedback_section(s: Scope) -> Section:
    """Counts per type, this period against the one before, and the items of the period."""
    items = [f for f in s.feedback() if f.record.date <= s.today]
    counts = []
    for kind in TYPES:
        mine = [f for f in items if f.record.type == kind]
        now, then = _counts(mine, s.span), _counts(mine, s.before)
        still = sum(1 for f in mine if f.record.status == "open")
        counts.append((kind, str(now[0]), str(now[1]), str(then[0]), str(then[1]), str(still)))
    header = (
        "Type",
        f"Opened {s.span.label}",
        f"Resolved {s.span.label}",
        f"Opened {s.before.label}",
        f"Resolved {s.before.label}",
        "Open now",
    )
    listed = [
        f.record
        for f in items
        if s.span.holds(f.record.date)
        or s.span.holds(f.record.resolved_on)
        or f.record.status == "open"
    ]
    listed.sort(key=lambda f: (f.status != "open", f.date))
    columns: tuple[str, ...] = ("Date", "Type", "Summary", "Status", "Resolution")
    columns += ("Raised by (restricted)",) if s.internal else ()
    return Section(
        "feedback",
        "Complaints, compliments and escalations",
        (
            Block("", table=Table(header, tuple(counts))),
            Block(
                "Opened, resolved or still open",
                table=Table(columns, tuple(_row(f, s.internal) for f in listed)),
                empty=NOTHING,
            ),
        ),
    )
