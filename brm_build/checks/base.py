"""What every check shares: a finding that points into a record, the chain of parents."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence

from ..findings import Finding, Severity, format_field
from ..model import Customer, structure
from ..model.repository import Entry, Located


def at(
    entry: Located,
    code: str,
    loc: Sequence[str | int],
    message: str,
    severity: Severity = Severity.ERROR,
    key: bool = False,
    related: tuple[str, ...] = (),
) -> Finding:
    """A finding located at field path ``loc`` of ``entry``."""
    line, column = entry.document.position(loc, key=key)
    return Finding(code, severity, entry.path, line, column, format_field(loc), message, related)


def repeats(values: Iterable[Hashable]) -> Iterator[tuple[int, int]]:
    """For every value seen before: its index and the index where it first stood."""
    first: dict[Hashable, int] = {}
    for i, value in enumerate(values):
        if value in first:
            yield i, first[value]
        else:
            first[value] = i


def ancestors(customers: Mapping[str, Entry[Customer]], unit: str) -> list[str]:
    """``unit`` and every unit above it by ``parent``, stopping at a cycle or a gap."""
    return structure.ancestors(unit, parent_in(customers))


def parent_in(customers: Mapping[str, Entry[Customer]]) -> structure.ParentOf:
    """The parent of a unit among ``customers``, ``None`` for an unknown one."""

    def parent_of(unit: str) -> str | None:
        entry = customers.get(unit)
        return entry.record.parent if entry else None

    return parent_of
