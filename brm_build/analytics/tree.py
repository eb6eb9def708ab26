"""The customer structure as the analytics need it: who is above whom, in tree order."""

from __future__ import annotations

from collections.abc import Mapping

from ..model import Customer


def units_upwards(unit: str, customers: Mapping[str, Customer]) -> list[str]:
    """``unit`` and every unit above it, stopping at an unknown unit or a cycle."""
    chain: list[str] = []
    current: str | None = unit
    while current is not None and current not in chain:
        chain.append(current)
        record = customers.get(current)
        current = record.parent if record is not None else None
    return chain


def tree_order(customers: Mapping[str, Customer]) -> list[tuple[str, int]]:
    """Every unit reachable from a top unit, with its depth: each followed by those below."""
    children: dict[str | None, list[str]] = {}
    for cid in sorted(customers):
        parent = customers[cid].parent
        children.setdefault(parent if parent in customers else None, []).append(cid)
    out: list[tuple[str, int]] = []
    seen: set[str] = set()

    def visit(cid: str, depth: int) -> None:
        if cid in seen:
            return
        seen.add(cid)
        out.append((cid, depth))
        for child in children.get(cid, []):
            visit(child, depth + 1)

    for top in children.get(None, []):
        visit(top, 0)
    return out
