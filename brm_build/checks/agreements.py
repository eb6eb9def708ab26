"""Agreements are made with customers, and reports measure what they agreed."""

from __future__ import annotations

from ..findings import Finding
from ..repository import Repository
from .base import at


def check_parties(repo: Repository) -> list[Finding]:
    """Only a unit with the mandate (``role: customer``) can be party to an agreement."""
    findings: list[Finding] = []
    for entry in repo.agreements.values():
        party = repo.customers.get(entry.record.customer)
        if party is not None and party.record.role != "customer":
            findings.append(
                at(
                    entry,
                    "agreement-party-role",
                    ("customer",),
                    f"'{party.id}' is a purchaser: only a customer (a unit with the mandate to "
                    "choose and fund IT services) can be party to an agreement; name its customer",
                    related=(party.path,),
                )
            )
    return findings


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
                    f"'{report.agreement}': they must be equal",
                )
            )
            continue
        agreement = repo.agreements.get(report.agreement)
        if agreement is None:
            if report.agreement not in repo.files.get("agreement", set()):
                findings.append(
                    at(
                        entry,
                        "ref-unknown",
                        ("agreement",),
                        f"unknown agreement '{report.agreement}': there is no "
                        f"records/agreements/{report.agreement}.yaml",
                    )
                )
            continue
        levels = {level.id for level in agreement.record.service_levels}
        seen: dict[str, int] = {}
        for i, measurement in enumerate(report.measurements):
            if measurement.period in seen:
                findings.append(
                    at(
                        entry,
                        "report-duplicate-period",
                        ("measurements", i, "period"),
                        f"period {measurement.period} is measured twice (also item "
                        f"{seen[measurement.period] + 1}): merge them",
                    )
                )
            seen.setdefault(measurement.period, i)
            for key in measurement.results:
                if key not in levels:
                    known = ", ".join(sorted(levels)) or "none"
                    findings.append(
                        at(
                            entry,
                            "report-unknown-service-level",
                            ("measurements", i, "results", key),
                            f"'{key}' is not a service level of agreement '{agreement.id}' "
                            f"(it has: {known})",
                            key=True,
                            related=(agreement.path,),
                        )
                    )
    return findings
