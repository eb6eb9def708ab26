"""New survey responses written into a survey file's text: appended at the end of its
``responses`` list, so that nothing a person wrote in the file (comments, order, quoting,
layout) is changed; a new survey file is written whole."""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections.abc import Mapping, Sequence

import yaml

from ..demo.yamltext import scalar
from ..yamlevents import SAFE_LOADER
from .tables import SourceError

Value = str | int


_UNPRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar that reads back exactly: JSON's escapes,
    and escapes for what YAML may not hold unescaped (DEL, C1 controls, line separators)."""
    return _UNPRINTABLE.sub(
        lambda c: f"\\u{ord(c.group()):04x}", json.dumps(text, ensure_ascii=False)
    )


_FLOW = frozenset(",[]{}")
"""Characters that end a plain scalar inside a flow mapping (``{a: 1, b: 2}``)."""


@functools.lru_cache(maxsize=4096, typed=True)
def _scalar(value: Value) -> str:
    """A value inside a flow mapping: plain when it reads back the same there (kept for
    the values that recur, such as ids and scores: a response's ten were most of a
    survey's writing)."""
    if isinstance(value, int):
        return str(value)
    plain = scalar(value)
    return plain if plain == value and not _FLOW.intersection(value) else quoted(value)


def response_line(values: Mapping[str, Value], indent: str) -> str:
    """One response as a list item: a flow mapping on one line."""
    return f"{indent}- {{{', '.join(f'{k}: {_scalar(v)}' for k, v in values.items())}}}\n"


def new_survey(
    title: str, period: str, closed: dt.date | None, responses: Sequence[Mapping[str, Value]]
) -> str:
    """A new survey file's text."""
    head = f"title: {_scalar(title)}\nperiod: {quoted(period)}\n"
    if closed is not None:
        head += f"closed: {closed.isoformat()}\n"
    if not responses:
        return head + "responses: []\n"
    return head + "responses:\n" + "".join(response_line(r, "  ") for r in responses)


def _responses_node(text: str, path: str) -> yaml.Node | None:
    try:
        root = yaml.compose(text, Loader=SAFE_LOADER)
    except yaml.YAMLError:
        root = None
    if not isinstance(root, yaml.MappingNode):
        raise SourceError(f"{path} cannot be read as a survey: run 'brm check' and correct it")
    for key, value in root.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "responses":
            found: yaml.Node = value
            return found
    return None


def _last_line(node: yaml.Node) -> int:
    """The last line (0-based) that holds part of ``node``."""
    if isinstance(node, yaml.ScalarNode):
        end = node.end_mark
        return end.line if end.column > 0 or node.style not in ("|", ">") else end.line - 1
    if isinstance(node, yaml.SequenceNode | yaml.MappingNode) and node.flow_style:
        return node.end_mark.line
    children: list[yaml.Node] = []
    if isinstance(node, yaml.SequenceNode):
        children = list(node.value)
    elif isinstance(node, yaml.MappingNode):
        children = [part for pair in node.value for part in pair]
    return max((_last_line(c) for c in children), default=node.start_mark.line)


def append_responses(text: str, path: str, responses: Sequence[Mapping[str, Value]]) -> str:
    """``text`` of an existing survey with ``responses`` added at the end of its list."""
    if not responses:
        return text
    newline = "\r\n" if "\r\n" in text else "\n"
    node = _responses_node(text, path)
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += newline
    if node is None or (isinstance(node, yaml.SequenceNode) and node.flow_style and not node.value):
        added = "".join(response_line(r, "  ") for r in responses).replace("\n", newline)
        if node is None:
            return "".join(lines) + "responses:" + newline + added
        line = lines[node.start_mark.line]
        start, end = node.start_mark.column, node.end_mark.column
        rest = line[end:].strip()
        lines[node.start_mark.line] = (
            line[:start].rstrip() + (f"  {rest}" if rest else "") + newline
        )
        lines.insert(node.start_mark.line + 1, added)
        return "".join(lines)
    if not isinstance(node, yaml.SequenceNode) or node.flow_style:
        raise SourceError(
            f"{path}: its responses are not a block list ('- ' per line): write them so to "
            "import into it"
        )
    indent = " " * max(node.value[0].start_mark.column - 2, 0)
    added = "".join(response_line(r, indent) for r in responses).replace("\n", newline)
    after = _last_line(node) + 1
    return "".join([*lines[:after], added, *lines[after:]])
