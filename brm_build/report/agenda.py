"""The proposed agenda of the review meeting, drawn from what the pack found."""

from __future__ import annotations

from ..attention.rules import feedback_open, standing
from .document import Block, Section
from .meetings import previous_review_open
from .portfolio import forecast
from .scope import Scope
from .service_levels import breaches_in_period

OPENING = "Welcome, and the actions of the previous review"
CLOSING = "Decisions, actions and the date of the next review"


def agenda_items(s: Scope) -> list[str]:
    """One line per topic that needs the meeting's time, in the pack's order."""
    items = [OPENING]
    carried = previous_review_open(s)
    if carried:
        items[0] += f" ({carried} still open)"
    for title, count in breaches_in_period(s):
        items.append(
            f"Service levels of {title}: {count} breach{'es' * (count != 1)} in {s.span.label}"
        )
    series = s.stats.satisfaction.customers.get(s.unit)
    now = [f for f in (series.figures if series else ()) if s.span.covers(f.period)]
    if now:
        latest = now[-1]
        change = "" if latest.change is None else f", {latest.change:+.0f} points"
        n = f"{latest.n} response{'s' * (latest.n != 1)}"
        low = " (low confidence)" if latest.low_confidence else ""
        items.append(f"Satisfaction: CSAT {latest.csat:.0f}% from {n}{low}{change}")
    open_items = [f.record for f in s.feedback() if feedback_open(f.record)]
    if open_items:
        items.append(f"Open complaints and escalations ({len(open_items)})")
    notice = s.thresholds.agreement_notice_days
    for a in s.agreements():
        label = standing(a.record, s.today, notice)
        if label.due:
            items.append(f"Agreement {a.record.title}: {label.label}")
    for p in s.projects():
        r = p.record
        late = forecast(r).endswith("late")
        if r.status not in ("done", "cancelled") and (r.health in ("amber", "red") or late):
            items.append(f"Project {r.name}: {r.health or 'no health'}, {forecast(r)}")
    items.append("Plans and their IT impact")
    items.append(CLOSING)
    return items


def agenda_section(s: Scope) -> Section:
    """The proposed agenda, numbered."""
    lines = tuple(f"{i}. {text}" for i, text in enumerate(agenda_items(s), start=1))
    return Section("agenda", "Proposed agenda", (Block("", lines),))
