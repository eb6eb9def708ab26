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


def agreements_by_customer(agreements: Mapping[str, Agreement]) -> dict[str, list[str]]:
    """The ids of every customer's own agreements, by id, by customer."""
    out: dict[str, list[str]] = {}
    for aid in sorted(agreements):
        out.setdefault(agreements[aid].customer, []).append(aid)
    return out


def agreements_for(
    unit: str,
    customers: Mapping[str, Customer],
    agreements: Mapping[str, Agreement],
    by_customer: Mapping[str, list[str]] | None = None,
) -> list[str]:
    """The ids of the agreements ``unit`` has: a customer's own, or for a purchaser those
    of the customer it buys under that cover a service it uses, by id. ``by_customer``
    (``agreements_by_customer`` of ``agreements``) spares a look at every agreement when
    this is asked for many units."""
    customer = agreeing_customer(unit, customers)
    if customer is None:
        return []
    if by_customer is None:
        by_customer = agreements_by_customer(agreements)
    own = by_customer.get(customer, [])
    if customer == unit:
        return list(own)
    used = set(customers[unit].services)
    return [aid for aid in own if used.intersection(agreements[aid].services)]
