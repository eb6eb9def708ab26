"""A customer's tier names one that brm.yaml defines, and only a customer names one: its
purchasers follow it (records.md)."""

from __future__ import annotations

import difflib

from ..findings import Finding
from ..model import Customer
from ..model.repository import Entry, Repository
from ..model.settings import BrmConfig
from .base import ancestors, at


def _unknown(entry: Entry[Customer], tier: str, config: BrmConfig) -> Finding:
    known = sorted(config.tiers)
    if not known:
        hint = "brm.yaml defines no tiers: add it under tiers there, or remove tier here"
    else:
        close = difflib.get_close_matches(tier, known, n=1)
        hint = f"did you mean '{close[0]}'?" if close else "use one of: " + ", ".join(known)
    message = (
        f"unknown tier '{tier}', not among the tiers of brm.yaml: {hint} (until then the "
        "default meeting interval applies)"
    )
    return at(entry, "tier-unknown", ("tier",), message)


def _purchaser(repo: Repository, entry: Entry[Customer], tier: str) -> Finding:
    top = ancestors(repo.customers, entry.id)[-1]
    customer = repo.customers.get(top)
    theirs = customer.record.tier if customer is not None else None
    follows = f"'{top}' (tier {theirs})" if theirs else f"'{top}'"
    message = (
        f"a purchaser follows the tier of the customer it sits under, {follows}: remove "
        f"'tier: {tier}' here, or set the tier on the customer"
    )
    return at(entry, "tier-purchaser", ("tier",), message)


def check_tiers(repo: Repository, config: BrmConfig) -> list[Finding]:
    """Report tiers that brm.yaml does not define, and tiers set on purchasers."""
    findings: list[Finding] = []
    for entry in repo.customers.values():
        tier = entry.record.tier
        if tier is None:
            continue
        if entry.record.role == "purchaser":
            findings.append(_purchaser(repo, entry, tier))
        elif tier not in config.tiers:
            findings.append(_unknown(entry, tier, config))
    return findings
