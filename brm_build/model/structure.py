"""The customer structure, defined once: the chain of parents above a unit, the cycle
it may close, how deep a unit sits and the walk down the tree. Every check, figure, page
and CODEOWNERS line walks it through here."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence

ParentOf = Callable[[str], "str | None"]
"""The parent of a unit by id; ``None`` at the top of a structure or for an unknown id."""


def ancestors(unit: str, parent_of: ParentOf) -> list[str]:
    """``unit`` and every unit above it, nearest first, stopping at a cycle or a gap.

    Walked with a loop, bounded by the ids it has seen: a chain may be thousands of units
    long, deeper than Python's stack, and may loop back on itself."""
    chain: list[str] = []
    seen: set[str] = set()
    current: str | None = unit
    while current is not None and current not in seen:
        chain.append(current)
        seen.add(current)
        current = parent_of(current)
    return chain


def cycle(unit: str, parent_of: ParentOf) -> list[str] | None:
    """The ids on the cycle that the chain above ``unit`` closes, in walking order, if any."""
    chain = ancestors(unit, parent_of)
    closing = parent_of(chain[-1])
    return None if closing is None else chain[chain.index(closing) :]


ChildrenOf = Callable[[str], "Sequence[str]"]
"""The units directly below a unit by id, in the order they are shown."""


def walk(
    tops: Sequence[str], children_of: ChildrenOf, skip: Collection[str] = ()
) -> list[tuple[str, int]]:
    """Every unit from ``tops`` down, each followed by those below it, with its depth
    (0 for a top); each unit once, ``skip`` never.

    Walked with a stack of its own: a chain of units may be deeper than Python's stack,
    and a cycle (an error of the check) must not loop."""
    out: list[tuple[str, int]] = []
    seen = set(skip)
    stack = [(top, 0) for top in reversed(tops)]
    while stack:
        unit, depth = stack.pop()
        if unit in seen:
            continue
        seen.add(unit)
        out.append((unit, depth))
        stack.extend((child, depth + 1) for child in reversed(children_of(unit)))
    return out


def depths(units: Iterable[str], parent_of: ParentOf) -> dict[str, int]:
    """How many units stand above each of ``units``, each chain walked once (on a cycle,
    the count starts where the walk found it closed; an unknown parent ends a chain)."""
    order = list(units)  # on a cycle the result depends on where the walks start
    known = set(order)
    depth: dict[str, int] = {}
    for start in order:
        path: dict[str, None] = {}
        current: str | None = start
        while current in known and current not in depth and current not in path:
            path[current] = None
            current = parent_of(current)
        above = -1 if current is None or current in path else depth.get(current, -1)
        for unit in reversed(path):
            above += 1
            depth[unit] = above
    return depth
