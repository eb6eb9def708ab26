"""Projects with their milestones and forecast, the customer's plans and their IT impact,
and the agreements with the dates that fall due in the next two periods."""

from __future__ import annotations

import datetime as dt

from ..attention.rules import standing
from ..model import Project
from .document import NOTHING, Block, Section, Table
from .period import ahead, parse_period
from .scope import Scope

CLOSED = ("done", "cancelled")


def forecast(p: Project) -> str:
    """The forecast end against the planned one, in words."""
    if p.planned_end is None or p.forecast_end is None:
        return "no forecast" if p.planned_end is not None else "no plan"
    days = (p.forecast_end - p.planned_end).days
    if days == 0:
        return "on plan"
    return f"{abs(days)} days {'late' if days > 0 else 'early'}"


def _shown(s: Scope, p: Project) -> bool:
    if p.status not in CLOSED:
        return True
    ends = (p.planned_end, p.forecast_end, *(m.due for m in p.milestones))
    return any(s.span.holds(day) for day in ends)


def projects_section(s: Scope) -> Section:
    """Projects that are open or had a date in the period, and milestones due in it."""
    projects = [p.record for p in s.projects() if _shown(s, p.record)]
    rows = tuple(
        (
            p.name,
            p.status,
            p.health or "–",
            str(p.planned_end or "–"),
            str(p.forecast_end or "–"),
            forecast(p),
        )
        for p in projects
    )
    milestones = tuple(
        (
            p.name,
            m.name,
            str(m.due),
            "done" if m.done else ("overdue" if m.due < s.today else "open"),
        )
        for p in projects
        for m in sorted(p.milestones, key=lambda m: m.due)
        if s.span.holds(m.due)
    )
    return Section(
        "projects",
        "Projects",
        (
            Block(
                "",
                table=Table(
                    (
                        "Project",
                        "Status",
                        "Health",
                        "Planned end",
                        "Forecast end",
                        "Forecast against plan",
                    ),
                    rows,
                ),
                empty=NOTHING,
            ),
            Block(
                f"Milestones due in {s.span.label}",
                table=Table(("Project", "Milestone", "Due", "Status"), milestones),
                empty="No milestone due in this period.",
            ),
        ),
    )


def plans_section(s: Scope) -> Section:
    """Plans of the pack's units for the period or later, with their IT impact."""
    rows = []
    for unit in s.units:
        for plan in s.publication.customers[unit].record.plans:
            span = parse_period(plan.period)
            if span is not None and span.end >= s.span.start:
                rows.append(
                    (span.start, plan.period, s.name(unit), plan.summary, plan.it_impact or "–")
                )
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    table = Table(("Period", "Unit", "Plan", "IT impact"), tuple(r[1:] for r in rows))
    return Section(
        "plans",
        "Plans and their IT impact",
        (Block("", table=table, empty="No plan on record for this period or later."),),
    )


def _due(day: dt.date | None, s: Scope) -> str:
    if day is None:
        return "–"
    return f"{day} (due in the next two periods)" if ahead(s.span).holds(day) else str(day)


def agreements_section(s: Scope) -> Section:
    """Every agreement of the pack with its standing today and its review and end dates."""
    notice = s.thresholds.agreement_notice_days
    rows = []
    for a in s.agreements():
        r = a.record
        if r.valid_until is not None and r.valid_until < s.span.start:
            continue  # ended before the period: history, not for this review
        row: tuple[str, ...] = (
            r.title,
            r.status,
            standing(r, s.today, notice).label,
            str(r.valid_from),
            _due(r.valid_until, s),
            _due(r.review_by, s),
        )
        if s.internal:
            f = r.funding
            per = "once" if f is None or f.period == "once" else f"per {f.period}"
            row += (f"{f.amount:,.0f} {f.currency} {per}" if f is not None else "–",)
        rows.append(row)
    header: tuple[str, ...] = ("Agreement", "Status", "Standing", "Valid from", "Valid until")
    header += ("Review by",)
    header += ("Funding (restricted)",) if s.internal else ()
    lines: tuple[str, ...] = ()
    if s.customer.role == "purchaser":
        lines = (
            "A purchaser agrees nothing itself: these are the agreements it buys under "
            "that cover a service it uses.",
        )
    return Section(
        "agreements",
        "Agreements",
        (Block("", lines, table=Table(header, tuple(rows)), empty="No agreement on record."),),
    )
