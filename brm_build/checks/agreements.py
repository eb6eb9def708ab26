"""Agreements are made with customers, and reports measure what they agreed."""

from __future__ import annotations

import datetime as dt
import difflib

from ..analytics.counted import uncounted
from ..findings import Finding, Severity
from ..model import Agreement, Report
from ..model.repository import Entry, Repository
from .base import ancestors, at, repeats

W = Severity.WARNING


def check_parties(repo: Repository) -> list[Finding]:
    """Only a unit with the mandate (``role: customer``) can be party to an agreement."""
    findings: list[Finding] = []
    for entry in repo.agreements.values():
        party = repo.customers.get(entry.record.customer)
        if party is not None and party.record.role != "customer":
            above = [
                cid
                for cid in ancestors(repo.customers, party.id)
                if cid in repo.customers and repo.customers[cid].record.role == "customer"
            ]
            name = f"its customer '{above[0]}'" if above else "its customer"
            findings.append(
                at(
                    entry,
                    "agreement-party-role",
                    ("customer",),
                    f"'{party.id}' is a purchaser: only a customer (a unit with the mandate to "
                    f"choose and fund IT services) can be party to an agreement; name {name}",
                    related=(party.path,),
                )
            )
    return findings


def _unknown_level(
    entry: Entry[Report], agreement: Entry[Agreement], where: tuple[int, str], levels: set[str]
) -> Finding:
    i, key = where
    message = f"'{key}' is not a service level of agreement '{agreement.id}'"
    close = difflib.get_close_matches(key, sorted(levels), n=1)
    if close:
        message += f": did you mean '{close[0]}'?"
    else:
        has = ", ".join(sorted(levels)) or "none"
        message += f" (it has: {has}): add it to the agreement or remove the result"
    return at(
        entry,
        "report-unknown-service-level",
        ("measurements", i, "results", key),
        message,
        key=True,
        related=(agreement.path,),
    )


def check_reports(repo: Repository) -> list[Finding]:
    """A report names its agreement, measures its service levels, once per period."""
    findings: list[Finding] = []
    for entry in repo.reports.values():
        report = entry.record
        if report.agreement != entry.id:
            findings.append(
                at(
                    entry,
                    "report-agreement-mismatch",
                    ("agreement",),
                    f"this file reports on '{entry.id}' (its name) but says "
                    f"'{report.agreement}': they must be equal (a report is named after "
                    "its agreement)",
                )
            )
            continue
        agreement = repo.agreements.get(report.agreement)
        if agreement is None:  # an unknown one is the reference check's to report
            continue
        levels = {level.id for level in agreement.record.service_levels}
        measurements = report.measurements
        for i, first in repeats(m.period for m in measurements):
            findings.append(
                at(
                    entry,
                    "report-duplicate-period",
                    ("measurements", i, "period"),
                    f"period {measurements[i].period} is measured twice (also item "
                    f"{first + 1}): merge them",
                )
            )
        for i, measurement in enumerate(measurements):
            for key in measurement.results:
                if key not in levels:
                    findings.append(_unknown_level(entry, agreement, (i, key), levels))
    return findings


def _period_finding(
    entry: Entry[Report], agreement: Agreement, i: int, today: dt.date
) -> Finding | None:
    period = entry.record.measurements[i].period
    why = uncounted(agreement, period, today)
    if why == "before-start":
        message = (
            f"period {period} ended before the agreement started on {agreement.valid_from}: "
            "it is left out of every figure; move the result to the report of the agreement "
            "in force then, or correct the period"
        )
        return at(entry, "report-period-before-start", ("measurements", i, "period"), message, W)
    if why == "future":
        message = (
            f"period {period} has not begun yet (today is {today}): it cannot have been "
            "measured and is left out of every figure; correct the period"
        )
        return at(entry, "report-period-future", ("measurements", i, "period"), message)
    return None


def check_report_periods(repo: Repository, today: dt.date) -> list[Finding]:
    """Report periods that the figures do not count: before the agreement or in the future."""
    findings: list[Finding] = []
    for entry in repo.reports.values():
        agreement = repo.agreements.get(entry.id)
        if agreement is None or entry.record.agreement != entry.id:
            continue  # check_reports says why
        for i in range(len(entry.record.measurements)):
            finding = _period_finding(entry, agreement.record, i, today)
            if finding is not None:
                findings.append(finding)
    return findings
