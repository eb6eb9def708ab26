"""Pair the records of two revisions: added, removed, renamed, changed.

A record that disappeared and one that appeared are a rename when they are of the same
kind and either equal (same content) or at least ``SIMILAR`` percent alike: the share of
their field values, list items included, that are equal on both sides. Candidates pair
greedily, most alike first.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import product

from pydantic import BaseModel

from ..model import KINDS, Feedback, Meeting, Record, Report, Survey
from .changeset import Change, ChangeSet, OtherFile, RecordChange, Unreadable
from .fields import diff_models, diff_values, unmatched
from .review import review_changed, review_removed
from .snapshot import Version

SIMILAR = 60
"""Percent of equal field values from which a removed and an added record are a rename."""
MAX_PAIRS = 250_000
"""Beyond this many candidate pairs only renames with the same content are found."""
_ORDER = {kind.name: i for i, kind in enumerate(KINDS)}


def label(record: Record) -> str:
    """What people call a record: its name or title, or a short summary."""
    if isinstance(record, Report):
        return f"service levels measured for {record.agreement}"
    if isinstance(record, Feedback):
        summary = record.summary if len(record.summary) <= 60 else record.summary[:59] + "…"
        return f"{record.type} from {record.customer}: {summary}"
    for name in ("name", "title"):
        value = getattr(record, name, None)
        if isinstance(value, str):
            return value
    return ""


def _facts(record: Record) -> str:
    if isinstance(record, Meeting):
        return f"{record.date} {record.type} with {', '.join(record.customers)}"
    return ""


def _leaves(value: object, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _leaves(getattr(value, name), f"{path}.{name}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _leaves(item, f"{path}[{i}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, f"{path}.{key}")
    elif value is not None:
        yield path, repr(value)


def similarity(old: Version, new: Version) -> int:
    """How alike two records are, in percent of equal field values."""
    a, b = set(_leaves(old.record, "")), set(_leaves(new.record, ""))
    if old.body is not None or new.body is not None:
        a.add(("notes", repr(old.body)))
        b.add(("notes", repr(new.body)))
    return round(100 * len(a & b) / max(len(a), len(b), 1))


def _change(change: Change, old: Version | None, new: Version) -> RecordChange:
    """A record present on the head side: changed or renamed from ``old``, or added."""
    assert new.record is not None
    fields, review = [], []
    if old is not None and old.record is not None:
        fields = list(diff_models(old.record, new.record))
        if (old.body or "").strip() != (new.body or "").strip():
            fields += diff_values(old.body, new.body, "notes", "notes")
        review = review_changed(old.record, new.record)
    responses = 0
    if isinstance(new.record, Survey):
        before = old.record.responses if old and isinstance(old.record, Survey) else []
        responses = len(unmatched(new.record.responses, before))
    renamed = change is Change.RENAMED and old is not None
    return RecordChange(
        change,
        new.kind.name,
        new.id,
        new.path,
        label(new.record),
        old_id=old.id if renamed and old else "",
        old_path=old.path if renamed and old else "",
        similarity=similarity(old, new) if renamed and old else 100,
        fields=tuple(fields),
        review=tuple(review),
        facts=_facts(new.record),
        responses_added=responses,
        responses=len(new.record.responses) if isinstance(new.record, Survey) else 0,
    )


def _renames(removed: list[Version], added: list[Version]) -> list[tuple[Version, Version]]:
    """Pair removed with added records of the same kind, most alike first."""
    pairs = [(old, new) for old, new in product(removed, added) if old.kind == new.kind]
    exact_only = len(pairs) > MAX_PAIRS
    scored = []
    for old, new in pairs:
        if old.record == new.record and old.body == new.body:
            scored.append((100, old, new))
        elif not exact_only:
            score = similarity(old, new)
            if score >= SIMILAR:
                scored.append((score, old, new))
    scored.sort(key=lambda s: (-s[0], s[1].path, s[2].path))
    used: set[str] = set()
    chosen = []
    for _, old, new in scored:
        if old.path not in used and new.path not in used:
            used.update((old.path, new.path))
            chosen.append((old, new))
    return chosen


def _removed(old: Version) -> RecordChange:
    assert old.record is not None
    return RecordChange(
        Change.REMOVED,
        old.kind.name,
        old.id,
        old.path,
        label(old.record),
        review=tuple(review_removed(old.record)),
        facts=_facts(old.record),
    )


def _unreadable(
    base: dict[str, Version], head: dict[str, Version], labels: tuple[str, str]
) -> list[Unreadable]:
    """Files that do not load: at the head, else at the base when the head has none
    or a valid one (a file broken on both sides is reported once, at the head)."""
    found = [Unreadable(v.path, labels[1], v.problem) for v in head.values() if not v.record]
    found += [
        Unreadable(v.path, labels[0], v.problem)
        for path, v in base.items()
        if not v.record and (path not in head or head[path].record)
    ]
    return sorted(found, key=lambda u: (u.path, u.revision))


def compare(
    base: dict[str, Version],
    head: dict[str, Version],
    others: list[OtherFile],
    labels: tuple[str, str],
) -> ChangeSet:
    """The change set between the records that differ: ``base`` and ``head`` by path."""
    records = [
        _change(Change.CHANGED, base[path], new)
        for path, new in head.items()
        if new.record is not None and path in base and base[path].record is not None
    ]
    removed = [v for p, v in base.items() if p not in head and v.record is not None]
    added = [v for p, v in head.items() if p not in base and v.record is not None]
    for old, new in _renames(removed, added):
        records.append(_change(Change.RENAMED, old, new))
        removed.remove(old)
        added.remove(new)
    records += [_change(Change.ADDED, None, new) for new in added]
    records += [_removed(old) for old in removed]
    records.sort(key=lambda r: (_ORDER[r.kind], r.id))
    return ChangeSet(
        labels[0],
        labels[1],
        tuple(records),
        tuple(_unreadable(base, head, labels)),
        tuple(sorted(others, key=lambda o: o.path)),
    )
