"""Field by field: what changed inside one record, with dotted and indexed paths.

Items of a list are matched by their id where the list has one (a service level's
``id``, a measurement's ``period``), so that ``service_levels[availability].target`` names
the same service level on both sides however the list was reordered. Restricted values
are never rendered: a restricted field that differs is reported as changed.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from pydantic import BaseModel

from ..model import is_restricted
from .changeset import Change, FieldChange
from .values import HIDDEN, is_long_text, show, text_size

ITEM_KEYS = {
    "service_levels": "id",
    "earlier_targets": "until",
    "measurements": "period",
    "escalation": "level",
    "contacts": "email",
    "plans": "period",
    "milestones": "name",
    "attendees": "name",
    "actions": "text",
    "requirements": "text",
}
"""The field that identifies an item, by list; used when it is unique on both sides."""


def diff_models(old: BaseModel, new: BaseModel, prefix: str = "") -> Iterator[FieldChange]:
    """Every field that differs between two versions of a record (or of a part of one)."""
    for name, info in type(new).model_fields.items():
        a, b = getattr(old, name, None), getattr(new, name)
        if a == b:
            continue
        path = f"{prefix}.{name}" if prefix else name
        if is_restricted(info):
            yield _hidden(path, a, b)
        elif name == "target" and isinstance(a, float) and isinstance(b, float):
            same_unit = getattr(old, "unit", None) == getattr(new, "unit", None)
            unit = str(getattr(new, "unit", "")) if same_unit else ""
            yield FieldChange(path, Change.CHANGED, show(a), show(b), unit=unit)
        else:
            yield from diff_values(a, b, path, name)


def _hidden(path: str, old: object, new: object) -> FieldChange:
    if old is None:
        return FieldChange(path, Change.ADDED, note=HIDDEN)
    if new is None:
        return FieldChange(path, Change.REMOVED, note=HIDDEN)
    return FieldChange(path, Change.CHANGED, note=f"changed ({HIDDEN})")


def _empty(value: object) -> bool:
    return value is None or value == [] or value == {}


def diff_values(old: object, new: object, path: str, name: str) -> Iterator[FieldChange]:
    """The changes between two values of the field ``name`` at ``path``."""
    if _empty(old) and _empty(new):
        return
    if _empty(old):
        yield _added(path, new)
    elif _empty(new):
        yield _removed(path, old)
    elif isinstance(old, BaseModel) and isinstance(new, BaseModel):
        yield from diff_models(old, new, path)
    elif isinstance(old, list) and isinstance(new, list):
        yield from _lists(old, new, path, name)
    elif isinstance(old, dict) and isinstance(new, dict):
        for key in [*old, *(k for k in new if k not in old)]:
            if old.get(key) != new.get(key):
                yield from diff_values(old.get(key), new.get(key), f"{path}.{key}", str(key))
    elif is_long_text(old) or is_long_text(new):
        note = f"text changed ({text_size(str(old))} → {text_size(str(new))})"
        yield FieldChange(path, Change.CHANGED, note=note)
    else:
        yield FieldChange(path, Change.CHANGED, show(old), show(new))


def _added(path: str, value: object) -> FieldChange:
    if is_long_text(value):
        return FieldChange(path, Change.ADDED, note=f"text, {text_size(str(value))}")
    return FieldChange(path, Change.ADDED, new=show(value))


def _removed(path: str, value: object) -> FieldChange:
    if is_long_text(value):
        return FieldChange(path, Change.REMOVED, note=f"text, {text_size(str(value))}")
    return FieldChange(path, Change.REMOVED, old=show(value))


def _lists(old: list[object], new: list[object], path: str, name: str) -> Iterator[FieldChange]:
    if name == "responses":
        yield _responses(old, new, path)
    elif not any(isinstance(item, BaseModel) for item in [*old, *new]):
        yield from _scalars(old, new, path)
    else:
        key = ITEM_KEYS.get(name)
        if key and _unique(old, key) and _unique(new, key):
            yield from _keyed(old, new, path, key)
        else:
            yield from _indexed(old, new, path, name)


def _unique(items: Sequence[object], key: str) -> bool:
    keys = [getattr(item, key, None) for item in items]
    return None not in keys and len(set(keys)) == len(keys)


def _item_path(path: str, key: str, value: object) -> str:
    if isinstance(value, int):
        return f"{path}[{key} {value}]"
    shown = show(value, 40)
    return f"{path}[{shown}]"


def _keyed(old: list[object], new: list[object], path: str, key: str) -> Iterator[FieldChange]:
    before = {getattr(item, key): item for item in old}
    after = {getattr(item, key): item for item in new}
    for k, item in before.items():
        if k not in after:
            yield FieldChange(_item_path(path, key, k), Change.REMOVED, old=show(item))
    for k, item in after.items():
        here = _item_path(path, key, k)
        if k not in before:
            yield FieldChange(here, Change.ADDED, new=show(item))
        elif before[k] != item:
            assert isinstance(item, BaseModel) and isinstance(before[k], BaseModel)
            yield from diff_models(before[k], item, here)  # type: ignore[arg-type]


def _indexed(old: list[object], new: list[object], path: str, name: str) -> Iterator[FieldChange]:
    for i in range(max(len(old), len(new))):
        here = f"{path}[{i}]"
        if i >= len(old):
            yield FieldChange(here, Change.ADDED, new=show(new[i]))
        elif i >= len(new):
            yield FieldChange(here, Change.REMOVED, old=show(old[i]))
        elif old[i] != new[i]:
            yield from diff_values(old[i], new[i], here, name)


def unmatched(items: Sequence[object], others: Sequence[object]) -> list[object]:
    """The items that have no equal partner in ``others``, each partner used once."""
    remaining = list(others)
    left = []
    for item in items:
        if item in remaining:
            remaining.remove(item)
        else:
            left.append(item)
    return left


def _scalars(old: list[object], new: list[object], path: str) -> Iterator[FieldChange]:
    removed, added = unmatched(old, new), unmatched(new, old)
    for item in removed:
        yield _removed(path, item)
    for item in added:
        yield _added(path, item)
    if not removed and not added:
        yield FieldChange(path, Change.CHANGED, note="order changed")


def _responses(old: list[object], new: list[object], path: str) -> FieldChange:
    """Survey responses have no id: count how many were added and removed, compared whole."""
    added, removed = len(unmatched(new, old)), len(unmatched(old, new))
    note = f"{added} added, {removed} removed ({len(old)} → {len(new)})"
    return FieldChange(path, Change.CHANGED, note=note)
