"""Which field of which kind refers to which kind (records.md): declared once, read by the
reference check, the warnings about retired units and ``brm rename``."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

EACH = "*"
"""In a field path: every item of a list."""
KEYS = "<keys>"
"""In a field path, last: every key of a mapping (a survey's ``invited`` is keyed by
customer id)."""

Loc = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Reference:
    """A field of one kind that holds the id of a record of another kind."""

    kind: str
    """The kind of the record that refers."""
    path: tuple[str, ...]
    """The field path inside that record; ``EACH`` stands for every item of a list."""
    target: str
    """The kind of the record it names."""

    @property
    def in_keys(self) -> bool:
        """Whether the ids are the keys of a mapping rather than values."""
        return self.path[-1] == KEYS


REFERENCES: tuple[Reference, ...] = (
    Reference("customer", ("parent",), "customer"),
    Reference("customer", ("services", EACH), "service"),
    Reference("agreement", ("customer",), "customer"),
    Reference("agreement", ("services", EACH), "service"),
    Reference("meeting", ("customers", EACH), "customer"),
    Reference("meeting", ("agreements", EACH), "agreement"),
    Reference("meeting", ("projects", EACH), "project"),
    Reference("meeting", ("requirements", EACH, "service"), "service"),
    Reference("survey", ("invited", KEYS), "customer"),
    Reference("survey", ("responses", EACH, "customer"), "customer"),
    Reference("survey", ("responses", EACH, "service"), "service"),
    Reference("report", ("agreement",), "agreement"),
    Reference("project", ("customers", EACH), "customer"),
    Reference("project", ("services", EACH), "service"),
    Reference("feedback", ("customer",), "customer"),
    Reference("feedback", ("service",), "service"),
    Reference("feedback", ("agreement",), "agreement"),
)

NAMED_AFTER: dict[str, str] = {"report": "agreement"}
"""Kinds whose id is the id of the record they belong to: a report is named after its
agreement, so renaming the agreement renames the report too."""

DATED_BY: dict[str, str] = {
    "meeting": "date",
    "feedback": "date",
    "agreement": "valid_from",
    "project": "start",
    "survey": "closed",
}
"""The field that dates a record of each kind: a reference from a record dated after a
unit was retired is a new reference to it (records.md 1.1)."""


def references_of(kind: str) -> tuple[Reference, ...]:
    """The references that a record of ``kind`` may hold."""
    return tuple(ref for ref in REFERENCES if ref.kind == kind)


def _child(value: object, name: str) -> object:
    """Field ``name`` of a model or of parsed YAML data (None when absent)."""
    if isinstance(value, Mapping):
        return value.get(name)
    return getattr(value, name, None)


def walk(value: object, path: Sequence[str], loc: Loc = ()) -> Iterator[tuple[Loc, object]]:
    """Every value at ``path`` in a record (a model or parsed YAML data), with its location."""
    if value is None:
        return
    if not path:
        yield loc, value
        return
    head, rest = path[0], path[1:]
    if head == KEYS:
        keys = value.keys() if isinstance(value, Mapping) else ()
        for key in keys:
            yield (*loc, key), key
        return
    if head == EACH:
        if isinstance(value, list | tuple):
            for i, item in enumerate(value):
                yield from walk(item, rest, (*loc, i))
        return
    yield from walk(_child(value, head), rest, (*loc, head))


def is_key(kind: str, loc: Loc) -> bool:
    """Whether the reference at ``loc`` in a record of ``kind`` is a mapping's key (such
    as a survey's ``invited`` unit), so that findings point at the key, not its value."""
    return any(
        ref.in_keys and ref.kind == kind and len(loc) == len(ref.path) and loc[0] == ref.path[0]
        for ref in REFERENCES
    )


def ids_referred(record: object, kind: str) -> Iterator[tuple[Loc, str, str]]:
    """Every reference in ``record`` of ``kind``: its location, the kind it names, the id."""
    for ref in references_of(kind):
        for loc, value in walk(record, ref.path):
            if isinstance(value, str):
                yield loc, ref.target, value
