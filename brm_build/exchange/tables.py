"""The records as flat tables: one per kind, and one per list of items inside a kind.

A kind's table has a row per record and a column per field; nested fields become dotted
columns (``manager.email``) and lists of plain values one cell joined by ``"; "``. A list
of items (service levels, responses, actions) becomes a table of its own with the
record's id in the first column, a list inside an item (a service level's
``earlier_targets``) a table led by the record's and the item's id, and a mapping inside
an item (a measurement's ``results``) a row per key. Restricted fields are left out
unless opted in by name.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from ..model import Kind, Person, is_restricted
from ..publication import EVERY_PHONE

SEPARATOR = "; "
"""Joins a list of plain values in one cell."""
DICT_COLUMNS = {"results": ("service_level", "result")}
"""Column names for the key and the value of a mapping exploded into rows."""

Shape = typing.Literal["scalar", "scalars", "model", "models", "mapping"]


@dataclass(frozen=True)
class Column:
    """A table column: its header, the attribute path to its value, its plain type."""

    header: str
    path: tuple[str, ...]
    shape: Shape
    type: Any


def _unwrap(annotation: Any) -> Any:
    """``X`` from ``X | None`` and ``Annotated[X, ...]``."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _unwrap(args[0]) if len(args) == 1 else annotation
    return annotation


def shape(annotation: Any) -> tuple[Shape, Any]:
    """How a field is laid out in a table, and the type of its plain values or items."""
    inner = _unwrap(annotation)
    origin = typing.get_origin(inner)
    if origin is list:
        item = _unwrap(typing.get_args(inner)[0])
        if isinstance(item, type) and issubclass(item, BaseModel):
            return "models", item
        return "scalars", item
    if origin is dict:
        return "mapping", _unwrap(typing.get_args(inner)[1])
    if isinstance(inner, type) and issubclass(inner, BaseModel):
        return "model", inner
    if origin is typing.Literal:
        return "scalar", str
    return "scalar", inner


def published(model: type[BaseModel], field: str, name: str, publish: frozenset[str]) -> bool:
    """Whether a field may leave the repository: not restricted, or opted in by name."""
    if not is_restricted(model.model_fields[field]):
        return True
    every_phone = issubclass(model, Person) and field == "phone" and EVERY_PHONE in publish
    return name in publish or every_phone


def columns(
    model: type[BaseModel], name: str, publish: frozenset[str] | None, prefix: tuple[str, ...] = ()
) -> Iterator[Column]:
    """The columns of ``model``'s table; ``name`` is its publish name (``customer``).
    With ``publish`` None every field is a column, restricted ones included."""
    for field, info in model.model_fields.items():
        here = f"{name}.{field}"
        if publish is not None and not published(model, field, here, publish):
            continue
        kind, inner = shape(info.annotation)
        path = (*prefix, field)
        if kind == "model":
            yield from columns(inner, here, publish, path)
        elif kind in ("scalar", "scalars"):
            yield Column(".".join(path), path, kind, inner)


def child_fields(model: type[BaseModel]) -> Iterator[tuple[str, type[BaseModel]]]:
    """The fields of ``model`` that hold a list of items: each is a table of its own."""
    for field, info in model.model_fields.items():
        kind, inner = shape(info.annotation)
        if kind == "models":
            yield field, inner


def cell(value: object) -> str:
    """A value as a spreadsheet cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return SEPARATOR.join(cell(item) for item in value)
    return str(value)


def value_at(model: BaseModel, path: tuple[str, ...]) -> object:
    """The value at an attribute path, None when a step is missing."""
    current: object = model
    for step in path:
        current = getattr(current, step, None)
        if current is None:
            return None
    return current


def kind_tables(
    kind: Kind, records: Sequence[tuple[str, BaseModel]], publish: frozenset[str]
) -> dict[str, list[list[str]]]:
    """The kind's table and its item tables, by table name, each with its header row."""
    main = list(columns(kind.model, kind.name, publish))
    tables = {kind.folder: [["id", *(c.header for c in main)]]}
    tables[kind.folder] += [[rid, *(cell(value_at(r, c.path)) for c in main)] for rid, r in records]
    for field, item in child_fields(kind.model):
        if not published(kind.model, field, f"{kind.name}.{field}", publish):
            continue
        tables[f"{kind.folder}.{field}"] = _child_table(kind, field, item, records, publish)
        for sub, subitem in child_fields(item):  # a service level's earlier targets
            name = f"{kind.folder}.{field}.{sub}"
            tables[name] = _grandchild_table(kind, (field, sub), subitem, records, publish)
    return tables


def _grandchild_table(
    kind: Kind,
    fields: tuple[str, str],
    item: type[BaseModel],
    records: Sequence[tuple[str, BaseModel]],
    publish: frozenset[str],
) -> list[list[str]]:
    """The items of a list inside the items of a list, each row led by the record's id
    and the id (else the position, from 1) of the item that holds it."""
    field, sub = fields
    cols = list(columns(item, f"{kind.name}.{field}.{sub}", publish))
    rows = [[kind.name, f"{field}.id", *(c.header for c in cols)]]
    for rid, record in records:
        for n, entry in enumerate(getattr(record, field), start=1):
            key = getattr(entry, "id", None) or str(n)
            rows += [
                [rid, str(key), *(cell(value_at(one, c.path)) for c in cols)]
                for one in getattr(entry, sub)
            ]
    return rows


def _child_table(
    kind: Kind,
    field: str,
    item: type[BaseModel],
    records: Sequence[tuple[str, BaseModel]],
    publish: frozenset[str],
) -> list[list[str]]:
    cols = list(columns(item, f"{kind.name}.{field}", publish))
    mapping = next(
        (f for f, i in item.model_fields.items() if shape(i.annotation)[0] == "mapping"), None
    )
    header = [kind.name, *(c.header for c in cols)]
    if mapping is not None:
        header += DICT_COLUMNS.get(mapping, (f"{mapping}.key", f"{mapping}.value"))
    rows = [header]
    for rid, record in records:
        for entry in getattr(record, field):
            row = [rid, *(cell(value_at(entry, c.path)) for c in cols)]
            pairs = list(getattr(entry, mapping).items()) if mapping else []
            if mapping is None:
                rows.append(row)
            elif not pairs:
                rows.append([*row, "", ""])
            rows += [[*row, str(key), cell(value)] for key, value in pairs]
    return rows
