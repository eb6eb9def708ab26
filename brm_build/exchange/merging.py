"""A spreadsheet row merged into the record that exists: only the fields the row carries
change; comments, the order of fields and every field the row does not carry stay as a
person wrote them (ruamel.yaml's round trip keeps them). The project's own reader then
checks the result, as ``brm check`` will read it."""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import YAMLError

from ..demo.yamltext import Value
from ..validation import is_restricted

Path = tuple[str, ...]


@dataclass(frozen=True)
class Change:
    """One field that an update changes: its dotted path, its value before and after
    (None: absent)."""

    field: str
    before: object
    after: object


def _yaml() -> YAML:
    """A round-trip YAML as records are written: two spaces, list items indented."""
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096  # never fold a long text a person kept on one line
    return yaml


def leaves(data: Mapping[str, Value], prefix: Path = ()) -> Iterator[tuple[Path, Value]]:
    """Every value of a row's fields with its path; a list is one value."""
    for name, value in data.items():
        if isinstance(value, dict):
            yield from leaves(value, (*prefix, name))
        else:
            yield (*prefix, name), value


def _plain(value: object) -> object:
    """A round-trip value as plain data, to compare with a row's."""
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def _place(root: CommentedMap, path: Path) -> CommentedMap | None:
    """The mapping that holds the last part of ``path``, made where missing; None when a
    value that is no mapping stands in the way."""
    node = root
    for name in path[:-1]:
        if name not in node:
            node[name] = CommentedMap()
        child = node[name]
        if not isinstance(child, CommentedMap):
            return None
        node = child
    return node


def merge(text: str, data: Mapping[str, Value]) -> tuple[str, list[Change]] | str:
    """``text`` with the row's ``data`` written into it, and what changed; or why the
    record cannot be updated."""
    yaml = _yaml()
    try:
        root = yaml.load(text)
    except (YAMLError, RecursionError):
        return "cannot be read as YAML to update it: run 'brm check' and correct it first"
    if not isinstance(root, CommentedMap):
        return "holds no mapping of fields to update: run 'brm check' and correct it first"
    changes = []
    for path, value in leaves(data):
        node = _place(root, path)
        if node is None:
            return f"{'.'.join(path)}: the record holds no mapping there to update"
        before = _plain(node.get(path[-1]))
        if before != value:
            node[path[-1]] = value
            changes.append(Change(".".join(path), before, value))
    if not changes:
        return text, []
    out = io.StringIO()
    yaml.dump(root, out)
    return out.getvalue(), changes


def _shown(value: object) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, list):
        return "; ".join(str(item) for item in value) or "(none)"
    return repr(value) if isinstance(value, str) else str(value)


def describe(change: Change, model: type[BaseModel]) -> str:
    """A change as a line of the report: the field, the value before and after; never a
    restricted value (records.md, "Restricted data")."""
    if is_restricted(model, tuple(change.field.split("."))):
        return f"{change.field}: changed (value hidden: restricted field)"
    return f"{change.field}: {_shown(change.before)} -> {_shown(change.after)}"
