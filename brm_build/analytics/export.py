"""The figures as JSON-ready data for BI tools: stable keys, sensibly rounded numbers.

Percentages are 0–100 with one decimal, NPS is −100…100 with one decimal, the mean score
has two decimals; a figure nobody answered is null.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping

from .estimates import Interval
from .health import Health
from .practice import Practice
from .response_rate import ResponseRate
from .satisfaction import EVERYONE, Scores, Series
from .service_levels import AgreementAttainment, LevelAttainment, Result
from .stats import Stats

JsonObject = dict[str, object]


def _pct(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _finite(value: float) -> float | None:
    return value if math.isfinite(value) else None


def _ci(interval: Interval | None) -> list[float] | None:
    return None if interval is None else [round(interval[0], 1), round(interval[1], 1)]


def scores_json(f: Scores) -> JsonObject:
    """One period's satisfaction figures."""
    return {
        "period": f.period,
        "n": f.n,
        "csat": _pct(f.csat),
        "csat_ci95": _ci(f.csat_ci95),
        "csat_mean": round(f.csat_mean, 2),
        "nps": _pct(f.nps),
        "nps_ci95": _ci(f.nps_ci95),
        "nps_n": f.nps_n,
        "low_confidence": f.low_confidence,
        "change": _pct(f.change),
        "distribution": dict(zip(("1", "2", "3", "4", "5"), f.distribution, strict=True)),
    }


def _series_map(series: Mapping[str, Series]) -> JsonObject:
    return {key: [scores_json(f) for f in s.figures] for key, s in series.items()}


def result_json(r: Result) -> JsonObject:
    """One service level in one period."""
    return {"period": r.period, "target": _finite(r.target), "actual": r.actual, "met": r.met}


def _level_summary(level: LevelAttainment) -> JsonObject:
    latest = level.latest
    return {
        "metric": level.metric,
        "unit": level.unit,
        "direction": level.direction,
        "target": _finite(level.target),
        "attainment": _pct(level.attainment),
        "measured": len(level.measured),
        "met": level.met,
        "breaches": [r.period for r in level.breaches],
        "latest": None if latest is None else result_json(latest),
        "trend": level.trend,
    }


def _agreement_summary(a: AgreementAttainment) -> JsonObject:
    return {
        "title": a.title,
        "customer": a.customer,
        "status": a.status,
        "attainment": _pct(a.attainment),
        "measured": a.measured,
        "met": a.met,
        "service_levels": {level.id: _level_summary(level) for level in a.levels},
    }


def _health_json(h: Health) -> JsonObject:
    return {
        "name": h.name,
        "status": h.status,
        "signals": [
            {"signal": s.key, "label": s.label, "status": s.status, "value": s.value}
            for s in h.signals
        ],
    }


def _rate_json(rate: ResponseRate) -> JsonObject:
    """One response rate: responses of the people invited, percent and 95% interval."""
    return {
        "responses": rate.responses,
        "invited": rate.invited,
        "rate": _pct(rate.rate),
        "ci95": _ci(rate.ci95),
    }


def _rates_json(by_period: Mapping[str, ResponseRate]) -> JsonObject:
    return {period: _rate_json(rate) for period, rate in by_period.items()}


def share(part: int, whole: int) -> float | None:
    """``part`` of ``whole`` in percent with one decimal; None of nothing."""
    return round(100 * part / whole, 1) if whole else None


def practice_json(p: Practice) -> JsonObject:
    """One quarter's practice figures, each share with the counts behind it."""
    median = p.delivery_days_median
    return {
        "as_of": p.as_of.isoformat(),
        "customers": p.customers,
        "customers_met": p.customers_met,
        "customers_met_pct": share(p.customers_met, p.customers),
        "agreements_active": p.agreements_active,
        "agreements_reviewed_12m": p.agreements_reviewed_12m,
        "agreements_reviewed_pct": share(p.agreements_reviewed_12m, p.agreements_active),
        "plans_current": p.plans_current,
        "plans_current_pct": share(p.plans_current, p.customers),
        "requirements_raised": p.requirements_raised,
        "requirements_delivered": p.requirements_delivered,
        "requirements_delivered_undated": p.requirements_delivered_undated,
        "delivery_days_median": None if median is None else round(median, 1),
        "overdue_actions": p.overdue_actions,
        "open_complaints": p.open_complaints,
        "open_escalations": p.open_escalations,
    }


def stats_json(stats: Stats) -> JsonObject:
    """Every figure as one JSON-ready mapping."""
    out = _figures_json(stats)
    if stats.practice is not None:
        out["practice"] = {q: practice_json(p) for q, p in stats.practice.items()}
    if stats.health_history is not None:
        out["health_history"] = {
            cid: dict(quarters) for cid, quarters in stats.health_history.items()
        }
    if stats.history_note:  # the figures of the past then read the records' dates alone
        out["history_note"] = stats.history_note
    return out


def _figures_json(stats: Stats) -> JsonObject:
    """The satisfaction, service-level and health figures as one mapping."""
    sat = stats.satisfaction
    return {
        "today": stats.today.isoformat(),
        "satisfaction": {
            "periods": list(sat.periods),
            "minimum_responses": sat.minimum,
            "organisation": [scores_json(f) for f in sat.organisation.figures],
            "customers": _series_map(sat.customers),
            "services": _series_map(sat.services),
            "roles": _series_map(sat.roles),
            "response_rates": {
                "organisation": _rates_json(sat.rates.get(EVERYONE, {})),
                "customers": {
                    group: _rates_json(by) for group, by in sat.rates.items() if group != EVERYONE
                },
            },
        },
        "service_levels": {
            aid: {level.id: [result_json(r) for r in level.results] for level in a.levels}
            for aid, a in stats.attainment.items()
        },
        "attainment": {aid: _agreement_summary(a) for aid, a in stats.attainment.items()},
        "health": {cid: _health_json(h) for cid, h in stats.health.items()},
        "health_rules": {rule.key: rule.text for rule in stats.rules},
    }


def render_stats_json(stats: Stats) -> str:
    """The figures as indented JSON text."""
    return json.dumps(stats_json(stats), indent=2, ensure_ascii=False, allow_nan=False) + "\n"
