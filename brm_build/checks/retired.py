"""Retired units (records.md 1.1): new references to one are warnings, and so is what
still stands on one: an active unit under it, an active agreement with it."""

from __future__ import annotations

import datetime as dt

from ..findings import Finding, Severity
from ..model import Customer, Kind
from ..model.references import DATED_BY, ids_referred
from ..model.repository import Entry, Repository
from .base import at

W = Severity.WARNING


def _retired(repo: Repository) -> dict[str, Entry[Customer]]:
    """The retired units that say when they were retired, by id."""
    return {
        cid: e
        for cid, e in repo.customers.items()
        if e.record.retired and e.record.retired_on is not None
    }


def _new_references(
    repo: Repository, retired: dict[str, Entry[Customer]], kind: Kind
) -> list[Finding]:
    """References to a retired unit from records of ``kind`` dated after it was retired."""
    findings: list[Finding] = []
    field = DATED_BY.get(kind.name)
    if field is not None:
        for entry in repo.table(kind).values():
            dated = getattr(entry.record, field)
            if not isinstance(dated, dt.date):
                continue
            for loc, target, ref in ids_referred(entry.record, kind.name):
                unit = retired.get(ref) if target == "customer" else None
                on = unit.record.retired_on if unit else None
                if unit is None or on is None or dated <= on:
                    continue
                message = (
                    f"'{ref}' ({unit.record.name}) was retired on {on}, before this "
                    f"{kind.name}'s {field} {dated}: name the unit that took over its work, "
                    "or correct the date"
                )
                findings.append(at(entry, "ref-retired", loc, message, W, related=(unit.path,)))
    return findings


def _still_standing(repo: Repository, retired: dict[str, Entry[Customer]]) -> list[Finding]:
    """Active units under a retired unit, and active agreements with one."""
    findings: list[Finding] = []
    for entry in repo.customers.values():
        parent = retired.get(entry.record.parent or "")
        if parent is None or entry.record.retired:
            continue
        message = (
            f"this unit is active, but '{parent.id}' above it was retired on "
            f"{parent.record.retired_on}: move it under the unit that took over ('parent'), "
            "or retire it too"
        )
        findings.append(
            at(entry, "retired-unit-active", ("parent",), message, W, related=(parent.path,))
        )
    for agreement in repo.agreements.values():
        unit = retired.get(agreement.record.customer)
        if unit is None or agreement.record.status != "active":
            continue
        message = (
            f"this agreement is active, but its customer '{unit.id}' was retired on "
            f"{unit.record.retired_on}: set its status to expired or terminated, or agree "
            "it anew with the unit that took over"
        )
        findings.append(
            at(agreement, "retired-unit-active", ("status",), message, W, related=(unit.path,))
        )
    return findings


def check_retired_references(repo: Repository, kind: Kind) -> list[Finding]:
    """Report new references to retired units from the records of one dated ``kind``."""
    retired = _retired(repo)
    return _new_references(repo, retired, kind) if retired else []


def check_retired_standing(repo: Repository) -> list[Finding]:
    """Report active units under a retired unit, and active agreements with one."""
    retired = _retired(repo)
    return _still_standing(repo, retired) if retired else []
