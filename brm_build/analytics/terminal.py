"""The figures as aligned plain-text tables for a terminal."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..quantities import unit_after
from .practice import Practice
from .response_rate import ResponseRate
from .satisfaction import EVERYONE, Satisfaction, Scores, Series
from .service_levels import AgreementAttainment, LevelAttainment
from .signals import Status
from .stats import Stats
from .tree import tree_order

NONE = "–"
HISTORY_SHOWN = 8
"""How many of the latest quarters the health history shows in text."""
MARKS = {"good": "good", "watch": "WATCH", "act": "ACT"}
SHORT = {
    "satisfaction": "CSAT",
    "satisfaction-trend": "Trend",
    "service-levels": "SLs met",
    "actions": "Actions",
    "feedback": "Complaints",
    "meetings": "Meeting",
    "agreements": "Expiring",
}


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], right: int = 1) -> str:
    """Rows in aligned columns; columns from index ``right`` on are right-aligned."""
    widths = [max(len(str(c)) for c in col) for col in zip(headers, *rows, strict=True)]

    def line(cells: Sequence[str]) -> str:
        parts = [
            c.rjust(w) if i >= right else c.ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(headers), rule, *(line(r) for r in rows)])


def _pct(value: float | None, signed: bool = False) -> str:
    if value is None:
        return NONE
    if signed:
        whole = round(value)
        return f"{whole:+d}" if whole else "0"
    return f"{value:.0f}%"


def _n(f: Scores) -> str:
    return f"{f.n}*" if f.low_confidence else str(f.n)


def _rate(rate: ResponseRate | None) -> str:
    if rate is None:
        return NONE
    low, high = rate.ci95
    return f"{rate.rate:.0f}% ({low:.0f}–{high:.0f}%)"


def _organisation(figures: Series, sat: Satisfaction) -> str:
    rows = [
        [
            f.period,
            _n(f),
            _pct(f.csat),
            f"{f.csat_ci95[0]:.0f}–{f.csat_ci95[1]:.0f}%",
            f"{f.csat_mean:.2f}",
            _pct(f.nps, signed=True),
            NONE if f.nps_ci95 is None else f"{f.nps_ci95[0]:+.0f}…{f.nps_ci95[1]:+.0f}",
            str(f.nps_n),
            _pct(f.change, signed=True),
            _rate(sat.rate(EVERYONE, f.period)),
        ]
        for f in figures.figures
    ]
    headers = [
        *("Period", "n", "CSAT", "95% CI", "Mean", "NPS", "NPS 95% CI", "NPS n", "Change"),
        "Response rate (95% CI)",
    ]
    return table(headers, rows)


def _matrix(title: str, labelled: Sequence[tuple[str, Series]], periods: Sequence[str]) -> str:
    rows = []
    for label, s in labelled:
        cells = []
        for period in periods:
            f = s.at(period)
            cells.append(NONE if f is None else f"{f.csat:.0f}% ({_n(f)})")
        rows.append([label, *cells])
    return table([title, *periods], rows)


def _customers(stats: Stats) -> list[tuple[str, Series]]:
    sat = stats.satisfaction.customers
    return [
        ("  " * depth + stats.customers[cid].name, sat[cid])
        for cid, depth in tree_order(stats.customers)
        if cid in sat
    ]


def _rates(stats: Stats, periods: Sequence[str]) -> str:
    sat = stats.satisfaction
    rows = [
        ["  " * depth + stats.customers[cid].name, *(_rate(sat.rate(cid, p)) for p in periods)]
        for cid, depth in tree_order(stats.customers)
        if cid in sat.rates
    ]
    return table(["Customer", *periods], rows)


def _level_row(level: LevelAttainment) -> list[str]:
    sign = "≥" if level.direction == "at_least" else "≤"
    latest = level.latest
    breaches = level.breaches
    return [
        level.id,
        f"{sign} {level.target:g} {unit_after(level.target, level.unit)}",
        NONE if latest is None else latest.period,
        NONE if latest is None or latest.actual is None else f"{latest.actual:g}",
        NONE if latest is None else ("met" if latest.met else "BREACHED"),
        _pct(level.attainment),
        f"{len(level.measured)}",
        ", ".join(r.period for r in breaches[-3:]) + (" …" if len(breaches) > 3 else ""),
        level.trend or NONE,
    ]


def _agreement(a: AgreementAttainment) -> str:
    share = _pct(a.attainment)
    head = f"{a.id}: {a.title} ({a.customer}, {a.status}): {share} met, {a.met} of {a.measured}"
    headers = [
        "Service level",
        "Target",
        "Latest",
        "Actual",
        "Status",
        "Met",
        "Periods",
        "Breaches (last 3)",
        "Trend",
    ]
    return head + "\n" + table(headers, [_level_row(level) for level in a.levels])


def _health(stats: Stats) -> str:
    labels = [SHORT.get(rule.key, rule.label) for rule in stats.rules]
    rows = [
        [h.name, MARKS[h.status], *(MARKS[sig.status] for sig in h.signals)]
        for h in stats.health.values()
    ]
    detail = [
        f"  {h.name}, {sig.label.lower()}: {MARKS[sig.status]}: {sig.value}"
        for h in stats.health.values()
        for sig in h.signals
        if sig.status != "good"
    ]
    return table(["Customer", "Overall", *labels], rows, right=99) + "\n\n" + "\n".join(detail)


def _of(part: int, whole: int) -> str:
    return f"{part} of {whole}" if whole else NONE


def _practice_row(p: Practice) -> list[str]:
    median = p.delivery_days_median
    return [
        p.quarter,
        _of(p.customers_met, p.customers),
        _of(p.agreements_reviewed_12m, p.agreements_active),
        _of(p.plans_current, p.customers),
        str(p.requirements_raised),
        str(p.requirements_delivered),
        NONE if median is None else f"{median:g}",
        str(p.overdue_actions),
        str(p.open_complaints),
        str(p.open_escalations),
    ]


def _practice(practice: Mapping[str, Practice]) -> str:
    headers = [
        *("Quarter", "Customers met", "Agreements reviewed", "Plans current", "Raised"),
        *("Delivered", "Median days", "Overdue actions", "Complaints", "Escalations"),
    ]
    rows = [_practice_row(p) for p in reversed(list(practice.values()))]
    return "Practice by quarter, each as of its last day (the current one as of today)\n" + (
        table(headers, rows)
        + "\nAgreements reviewed: of the active agreements, those reviewed within 12 months"
        " (a meeting referencing it, or a change of review_by); plans: for the year;"
        " median days from a requirement raised to delivered."
    )


def _health_history(stats: Stats, history: Mapping[str, Mapping[str, Status]]) -> str:
    # the latest quarters only, to fit a terminal; the JSON holds every one
    quarters = sorted({q for ratings in history.values() for q in ratings})[-HISTORY_SHOWN:]
    rows = [
        [stats.customers[cid].name if cid in stats.customers else cid]
        + [MARKS[ratings[q]] if q in ratings else NONE for q in quarters]
        for cid, ratings in history.items()
    ]
    note = f" ({stats.history_note}: from the records' dates alone)" if stats.history_note else ""
    return (
        "Relationship health at each quarter's end (the current quarter as of today), from "
        f"the records as they stood then{note}\n" + table(["Customer", *quarters], rows)
    )


def render_stats_text(stats: Stats) -> str:
    """Every figure as titled, aligned tables."""
    sat = stats.satisfaction
    periods = sat.periods
    roles = [(s.label, s) for s in sat.roles.values()]
    services = [(s.label, s) for s in sat.services.values()]
    parts = [
        f"Satisfaction: {sat.organisation.label}",
        _organisation(sat.organisation, sat),
        f"* fewer than {sat.minimum} responses: low confidence. CSAT is the share of "
        "answers 4–5 of 5; NPS is promoters (9–10) minus detractors (0–6).",
        "CSAT by customer (n), a customer counting its purchasers",
        _matrix("Customer", _customers(stats), periods),
        "Response rate by customer (95% CI), where the surveys say who was invited",
        _rates(stats, periods),
        "CSAT by service (n)",
        _matrix("Service", services, periods),
        "CSAT by respondent role (n)",
        _matrix("Role", roles, periods),
        "Service levels: attainment is the share of measured periods that met the target",
        *(_agreement(a) for a in stats.attainment.values()),
        f"Relationship health as of {stats.today}",
        _health(stats),
    ]
    if stats.practice is not None:
        parts.append(_practice(stats.practice))
    if stats.health_history is not None:
        parts.append(_health_history(stats, stats.health_history))
    return "\n\n".join(parts) + "\n"
