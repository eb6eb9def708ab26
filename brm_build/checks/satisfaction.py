"""Warn when a customer's satisfaction falls sharply in the latest survey period.

Only the two latest survey periods are compared: an older fall is history that the trend
charts show, and a warning about it could never be resolved by changing the records.
"""

from __future__ import annotations

from ..analytics.periods import sort_periods
from ..analytics.satisfaction import Drop, csat_drops, satisfaction
from ..analytics.stats import records
from ..findings import Finding, Severity
from ..model import Customer, Survey
from ..repository import Entry, Repository
from ..settings import Settings
from .base import at


def _message(name: str, drop: Drop, points: float, minimum: int) -> str:
    b, a = drop.before, drop.after
    return (
        f"the CSAT of {name} fell from {b.csat:.0f}% in {b.period} (n {b.n}) to "
        f"{a.csat:.0f}% in {a.period} (n {a.n}), more than {points:g} points between the two "
        f"latest survey periods (both from at least {minimum} responses): find out why with "
        "the customer and record the follow-up in a meeting"
    )


def check_satisfaction(repo: Repository, settings: Settings) -> list[Finding]:
    """Report customers whose CSAT fell by more than ``csat_drop_points`` (records.md)."""
    t = settings.config.thresholds
    customers: dict[str, Customer] = records(repo.customers)
    surveys: list[Entry[Survey]] = sorted(repo.surveys.values(), key=lambda e: e.path)
    latest = sort_periods(e.record.period for e in surveys)[-2:]
    if len(latest) < 2:
        return []
    # A period's figures depend on its own responses only: the older ones need no work.
    compared = (e.record for e in surveys if e.record.period in latest)
    sat = satisfaction(compared, customers, {}, t.survey_min_responses)
    # The finding points at the latest survey; of several in one period, the first file.
    entry = next(e for e in surveys if e.record.period == latest[-1])
    findings: list[Finding] = []
    for cid, figures in sat.customers.items():
        unit = customers.get(cid)
        if unit is None or not unit.watched:
            continue
        for drop in csat_drops(figures, latest, t.csat_drop_points):
            message = _message(unit.name, drop, t.csat_drop_points, t.survey_min_responses)
            findings.append(at(entry, "csat-drop", ("period",), message, Severity.WARNING))
    return findings
