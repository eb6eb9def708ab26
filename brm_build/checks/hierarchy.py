"""The customer structure: purchasers sit under a customer, and the chain has no cycle."""

from __future__ import annotations

from ..findings import Finding
from ..model import Customer
from ..repository import Entry, Repository
from .base import at


def _cycle_from(start: str, customers: dict[str, Entry[Customer]]) -> list[str] | None:
    """The ids on a cycle reached by following parents from ``start``, if any."""
    seen: list[str] = []
    current: str | None = start
    while current is not None and current in customers:
        if current in seen:
            return seen[seen.index(current) :]
        seen.append(current)
        current = customers[current].record.parent
    return None


def check_hierarchy(repo: Repository) -> list[Finding]:
    """Report cycles, purchasers without a parent and customers without a relationship
    manager."""
    findings: list[Finding] = []
    customers = repo.customers
    reported: set[frozenset[str]] = set()
    for cid, entry in customers.items():
        unit = entry.record
        if unit.role == "purchaser" and unit.parent is None:
            findings.append(
                at(
                    entry,
                    "hierarchy-parent-missing",
                    ("role",),
                    "a purchaser sits under a customer: add 'parent' with the id "
                    "of the customer (or purchaser) it buys under",
                )
            )
        if unit.role == "customer" and unit.relationship_manager is None:
            findings.append(
                at(
                    entry,
                    "customer-relationship-manager",
                    ("role",),
                    "a customer needs a 'relationship_manager': the IT-side person "
                    "who owns the relationship",
                )
            )
        if unit.parent == cid:
            findings.append(
                at(
                    entry,
                    "hierarchy-cycle",
                    ("parent",),
                    "a unit cannot be its own parent: name the customer (or purchaser) it "
                    "buys under",
                    related=(entry.path,),
                )
            )
            continue
        cycle = _cycle_from(cid, customers)
        if cycle and frozenset(cycle) not in reported and cid in cycle:
            reported.add(frozenset(cycle))
            files = tuple(customers[c].path for c in cycle)
            chain = " → ".join([*cycle, cycle[0]])
            findings.append(
                at(
                    entry,
                    "hierarchy-cycle",
                    ("parent",),
                    f"the chain of parents loops: {chain}; break it so that it ends at a customer",
                    related=files,
                )
            )
    return findings
