"""What a record with schema errors still says, so that one run finds every problem.

A record that fails its schema is kept out of the loaded records, but its other fields
may still refer to unknown records or break a rule: reporting those only after the
schema errors are fixed makes a writer go round the check several times. The valid part
is the record without every value that failed, where a value can be left out without
moving the items of a list (which would move the lines that findings point at).
"""

from __future__ import annotations

import copy
from typing import Any

from pydantic import BaseModel, ValidationError

from .model import Record
from .validation import Loc, model_at

Value = Any


def _removable(model: type[BaseModel], loc: Loc) -> Loc | None:
    """The deepest part of ``loc`` that may be left out: an unknown or optional field, or
    a key of a plain mapping; None when only the whole record would do."""
    for end in range(len(loc), 0, -1):
        part = loc[end - 1]
        if isinstance(part, int):
            continue
        parent = model_at(model, loc[: end - 1])
        if parent is None:
            return loc[:end]
        field = parent.model_fields.get(part)
        if field is None or not field.is_required():
            return loc[:end]
    return None


def _remove(data: Value, loc: Loc) -> None:
    """Remove the value at ``loc`` from ``data`` if the path leads to it."""
    node = data
    for part in loc[:-1]:
        inside = isinstance(node, dict) and part in node
        inside |= isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if not inside:
            return
        node = node[part]
    if isinstance(node, dict):
        node.pop(loc[-1], None)


def salvaged(data: dict[str, Value], model: type[Record]) -> tuple[Record, frozenset[str]] | None:
    """The record without every value that failed validation, and the fields left out
    whole; None when a required field failed or is missing (or nothing failed)."""
    try:
        model.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
    else:
        return None
    pruned = copy.deepcopy(data)
    removed: set[str] = set()
    for err in errors:
        loc: Loc = tuple(err["loc"])
        loc = loc[:-1] if loc and loc[-1] == "[key]" else loc
        removable = _removable(model, loc)
        if removable is None:
            return None
        _remove(pruned, removable)
        if len(removable) == 1:
            removed.add(str(removable[0]))
    try:
        return model.model_validate(pruned), frozenset(removed)
    except ValidationError:
        return None
