"""The customer structure as the analytics need it: who is above whom, in tree order."""

from __future__ import annotations

from collections.abc import Mapping

from ..model import Agreement, Customer, structure


def units_upwards(unit: str, customers: Mapping[str, Customer]) -> list[str]:
    """``unit`` and every unit above it, stopping at an unknown unit or a cycle."""

    def parent_of(uid: str) -> str | None:
        record = customers.get(uid)
        return record.parent if record is not None else None

    return structure.ancestors(unit, parent_of)


def tree_order(customers: Mapping[str, Customer]) -> list[tuple[str, int]]:
    """Every unit reachable from a top unit, with its depth: each followed by those below,
    by id."""
    children: dict[str | None, list[str]] = {}
    for cid in sorted(customers):
        parent = customers[cid].parent
        children.setdefault(parent if parent in customers else None, []).append(cid)
    return structure.walk(children.get(None, []), lambda cid: children.get(cid, []))


def agreeing_customer(unit: str, customers: Mapping[str, Customer]) -> str | None:
    """The customer that agrees for ``unit``: itself, or the nearest customer above it
    (records.md: only a customer agrees); None when there is none."""
    chain = units_upwards(unit, customers)
    return next((u for u in chain if u in customers and customers[u].role == "customer"), None)


def agreements_for(
    unit: str, customers: Mapping[str, Customer], agreements: Mapping[str, Agreement]
) -> list[str]:
    """The ids of the agreements ``unit`` has: a customer's own, or for a purchaser those
    of the customer it buys under that cover a service it uses, by id."""
    customer = agreeing_customer(unit, customers)
    if customer is None:
        return []
    own = sorted(aid for aid, a in agreements.items() if a.customer == customer)
    if customer == unit:
        return own
    used = set(customers[unit].services)
    return [aid for aid in own if used.intersection(agreements[aid].services)]
