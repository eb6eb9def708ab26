"""Warn when a customer's satisfaction falls sharply in the latest survey period.

Only the two latest survey periods are compared: an older fall is history that the trend
charts show, and a warning about it could never be resolved by changing the records.
"""

from __future__ import annotations

from ..analytics.counted import survey_copies
from ..analytics.periods import sort_periods
from ..analytics.response_rate import over_invited
from ..analytics.satisfaction import Drop, csat_drops, satisfaction
from ..findings import Finding, Severity
from ..model import Customer, Survey
from ..model.repository import Entry, Repository, records
from ..model.settings import Thresholds
from .base import at


def _message(name: str, drop: Drop, points: float, minimum: int) -> str:
    b, a = drop.before, drop.after
    return (
        f"the CSAT of {name} fell from {b.csat:.0f}% in {b.period} (n {b.n}) to "
        f"{a.csat:.0f}% in {a.period} (n {a.n}), more than {points:g} points between the two "
        f"latest survey periods (both from at least {minimum} responses): find out why with "
        "the customer and record the follow-up in a meeting"
    )


def check_satisfaction(repo: Repository, thresholds: Thresholds) -> list[Finding]:
    """Report customers whose CSAT fell by more than ``csat_drop_points`` (records.md)."""
    customers: dict[str, Customer] = records(repo.customers)
    copies = survey_copies(records(repo.surveys))  # survey-copy: counted once
    surveys: list[Entry[Survey]] = sorted(
        (e for e in repo.surveys.values() if e.id not in copies), key=lambda e: e.path
    )
    latest = sort_periods(e.record.period for e in surveys)[-2:]
    if len(latest) < 2:
        return []
    # A period's figures depend on its own responses only: the older ones need no work.
    compared = (e.record for e in surveys if e.record.period in latest)
    sat = satisfaction(compared, customers, {}, thresholds.survey_min_responses)
    # The finding points at the latest survey; of several in one period, the first file.
    entry = next(e for e in surveys if e.record.period == latest[-1])
    findings: list[Finding] = []
    for cid, figures in sat.customers.items():
        unit = customers.get(cid)
        if unit is None or not unit.watched:
            continue
        for drop in csat_drops(figures, latest, thresholds.csat_drop_points):
            message = _message(
                unit.name, drop, thresholds.csat_drop_points, thresholds.survey_min_responses
            )
            findings.append(at(entry, "csat-drop", ("period",), message, Severity.WARNING))
    return findings


def check_survey_copies(repo: Repository) -> list[Finding]:
    """Warn of a survey file whose responses are another's, item for item: a copy."""
    findings: list[Finding] = []
    for sid, original in sorted(survey_copies(records(repo.surveys)).items()):
        entry, first = repo.surveys[sid], repo.surveys[original]
        n = len(entry.record.responses)
        message = (
            f"its {n} responses are those of {first.path}, item for item: a copied file "
            f"would count them twice, so the figures count them once, with '{original}'; "
            "remove the copy, or record this round's own responses"
        )
        findings.append(
            at(
                entry,
                "survey-copy",
                ("responses",),
                message,
                Severity.WARNING,
                related=(first.path,),
            )
        )
    return findings


def check_survey_invited(repo: Repository) -> list[Finding]:
    """Report an invited unit with more responses than people invited (records.md 1.1)."""
    customers: dict[str, Customer] = records(repo.customers)
    findings: list[Finding] = []
    for entry in repo.surveys.values():
        for unit, answered in over_invited(entry.record, customers):
            asked = entry.record.invited[unit]
            message = (
                f"{answered} responses come from '{unit}' and the units below it, but "
                f"invited says {asked} people were asked there (counting the units below "
                "it that are invited too): correct the number invited"
            )
            where = ("invited", unit)
            findings.append(at(entry, "survey-over-invited", where, message, Severity.ERROR))
    return findings
