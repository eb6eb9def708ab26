"""The customer structure as the analytics need it: who is above whom, in tree order."""

from __future__ import annotations

from collections.abc import Mapping

from ..model import Customer, structure


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
