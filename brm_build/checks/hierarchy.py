"""The customer structure: purchasers sit under a customer, and the chain of parents has
no cycle and at most ``MAX_DEPTH`` units below its top."""

from __future__ import annotations

from ..findings import Finding
from ..model import Customer, structure
from ..model.repository import Entry, Repository
from .base import at, parent_in

MAX_DEPTH = 30
"""Units at most below the top of a structure: deeper than any organisation, and a bound
for every page and figure that walks it."""


def _too_deep(customers: dict[str, Entry[Customer]]) -> list[Finding]:
    """A finding at every unit one level deeper than the structure may go."""
    return [
        at(
            customers[cid],
            "hierarchy-too-deep",
            ("parent",),
            f"this unit stands {above} units below the top of its structure, more than the "
            f"{MAX_DEPTH} allowed: place it under a unit nearer the top",
        )
        for cid, above in structure.depths(customers, parent_in(customers)).items()
        if above == MAX_DEPTH + 1
    ]


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
        cycle = structure.cycle(cid, parent_in(customers))
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
    return findings + _too_deep(customers)
