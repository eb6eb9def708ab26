"""The customer structure, defined once: the chain of parents above a unit and the cycle
it may close. Every check, figure, page and CODEOWNERS line walks it through here."""

from __future__ import annotations

from collections.abc import Callable

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
