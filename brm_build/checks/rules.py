"""Rules within one record: date order, unique ids, file names against dates, percent
targets."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ..analytics.targets import target_problem
from ..findings import Finding, Severity
from ..model import Agreement, Customer, Feedback, Meeting, Project, Record
from ..model.kinds import ServiceLevel
from ..model.repository import Entry, Repository
from .base import at, repeats


def _date_named(
    entry: Entry[Record], date_loc: Sequence[str | int], date: object, kind: str
) -> list[Finding]:
    """A dated record's file name starts with its date (records.md)."""
    named = entry.id[:10]
    if str(date) != named:
        return [
            at(
                entry,
                "date-mismatch",
                date_loc,
                f"the {kind}'s date {date} differs from its file name's {named}: correct one "
                "of them (the file lives in the folder of its year)",
            )
        ]
    return []


def _percent_target(
    entry: Entry[Agreement], level: ServiceLevel, loc: tuple[str | int, ...], target: float
) -> list[Finding]:
    """A percent target outside 0..100 (error), or one that reads as a fraction (warning);
    no figure judges a result against either (analytics.targets.target_problem)."""
    problem = target_problem(level, target)
    if problem == "percent-range":
        message = (
            f"a target of {target:g} {level.unit} is no share: a percent lies between 0 and "
            "100; correct the target or the unit. No result is judged against it"
        )
        return [at(entry, "target-percent-range", loc, message)]
    if problem == "percent-fraction":
        message = (
            f"a target of at least {target:g} {level.unit} reads as a fraction: write "
            f"{target * 100:g} if {target * 100:g}% is meant. No result is judged against it"
        )
        return [at(entry, "target-percent-fraction", loc, message, Severity.WARNING)]
    return []


def _targets(entry: Entry[Agreement]) -> list[Finding]:
    findings: list[Finding] = []
    for i, level in enumerate(entry.record.service_levels):
        findings += _percent_target(entry, level, ("service_levels", i, "target"), level.target)
        for j, earlier in enumerate(level.earlier_targets):
            loc = ("service_levels", i, "earlier_targets", j, "target")
            findings += _percent_target(entry, level, loc, earlier.target)
        findings += [
            at(
                entry,
                "earlier-target-duplicate",
                ("service_levels", i, "earlier_targets", j, "until"),
                f"until {level.earlier_targets[j].until} is already item {first + 1} of the "
                "earlier targets: a period has one target in force; keep one of them",
            )
            for j, first in repeats(e.until for e in level.earlier_targets)
        ]
    return findings


def _agreement(entry: Entry[Agreement]) -> list[Finding]:
    a = entry.record
    findings: list[Finding] = []
    if a.valid_until is not None and a.valid_until < a.valid_from:
        findings.append(
            at(
                entry,
                "date-order",
                ("valid_until",),
                f"valid_until {a.valid_until} is before valid_from {a.valid_from}: "
                "correct one of them",
            )
        )
    levels = a.service_levels
    findings += [
        at(
            entry,
            "service-level-duplicate",
            ("service_levels", i, "id"),
            f"service level id '{levels[i].id}' is already item {first + 1} "
            "of this agreement: give each service level its own id",
        )
        for i, first in repeats(level.id for level in levels)
    ]
    return findings + _targets(entry)


def _feedback(entry: Entry[Feedback]) -> list[Finding]:
    f = entry.record
    findings = _date_named(entry, ("date",), f.date, "feedback")
    if f.status == "resolved" and f.resolved_on is None:
        findings.append(
            at(
                entry,
                "feedback-resolved-on",
                ("status",),
                "resolved feedback needs 'resolved_on': the date it was resolved",
            )
        )
    if f.resolved_on is not None and f.resolved_on < f.date:
        findings.append(
            at(
                entry,
                "date-order",
                ("resolved_on",),
                f"resolved_on {f.resolved_on} is before the date it was raised, {f.date}: "
                "correct one of them",
            )
        )
    return findings


def _unit(entry: Entry[Customer]) -> list[Finding]:
    """A retired unit says when it was retired, and only a retired unit does (records.md)."""
    c = entry.record
    if c.retired and c.retired_on is None:
        message = "a retired unit needs 'retired_on': the day it was reorganised away"
        return [at(entry, "unit-retired-on", ("status",), message)]
    if not c.retired and c.retired_on is not None:
        message = (
            f"retired_on {c.retired_on} is set, but the unit is active: add 'status: retired', "
            "or remove retired_on if the unit still exists"
        )
        return [at(entry, "unit-retired-on", ("retired_on",), message)]
    return []


def _project(entry: Entry[Project]) -> list[Finding]:
    p = entry.record
    findings: list[Finding] = []
    for field in ("planned_end", "forecast_end"):
        end = getattr(p, field)
        if p.start is not None and end is not None and end < p.start:
            findings.append(
                at(
                    entry,
                    "date-order",
                    (field,),
                    f"{field} {end} is before start {p.start}: correct one of them",
                )
            )
    return findings


def _meeting(entry: Entry[Meeting]) -> list[Finding]:
    return _date_named(entry, ("date",), entry.record.date, "meeting")


RULES: dict[str, Callable[[Any], list[Finding]]] = {
    "customers": _unit,
    "agreements": _agreement,
    "meetings": _meeting,
    "feedback": _feedback,
    "projects": _project,
}
"""The rules inside one record, by the folder of the kinds they judge."""


def check_rules_of(repo: Repository, folder: str) -> list[Finding]:
    """Report rules broken inside the records of the kind in ``folder``."""
    rule = RULES[folder]
    return [finding for entry in repo.tables[folder].values() for finding in rule(entry)]
