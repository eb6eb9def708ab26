"""Parse record text into plain values, keeping the position of every node.

libyaml composes the node tree (fast, in C); we construct values from it ourselves so
that scalars follow YAML 1.2's core schema (``no`` and ``on`` stay text, ``12:30`` is not
a number), duplicate keys, tags and anchors become findings, and nothing is lost.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

import yaml

from .findings import Finding, error

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - libyaml is a dependency, this is a fallback
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_T = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL, TIMESTAMP = (
    _T + "str",
    _T + "int",
    _T + "float",
    _T + "bool",
    _T + "null",
    _T + "timestamp",
)
MAP, SEQ, MERGE = _T + "map", _T + "seq", _T + "merge"
_PLAIN_TAGS = frozenset({STR, INT, FLOAT, BOOL, NULL, TIMESTAMP})
_INT12 = re.compile(r"[-+]?[0-9]+|0x[0-9a-fA-F]+|0o[0-7]+")
_FLOAT12 = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_SPECIAL_FLOATS = {
    ".inf": float("inf"),
    ".Inf": float("inf"),
    ".INF": float("inf"),
    "+.inf": float("inf"),
    "-.inf": float("-inf"),
    "-.Inf": float("-inf"),
    ".nan": float("nan"),
    ".NaN": float("nan"),
    ".NAN": float("nan"),
}
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
MAX_DEPTH = 40

Value = object
Loc = Sequence[str | int]


@dataclass(frozen=True, slots=True)
class Document:
    """A parsed YAML mapping, its node tree and where its text starts in the file."""

    data: dict[str, Value]
    root: yaml.MappingNode
    line_offset: int = 0

    def _walk(self, loc: Loc, key: bool = False) -> tuple[yaml.Node, bool]:
        """The node at ``loc`` (with ``key``, the mapping key) and whether it was reached;
        a path that leads nowhere stops at the deepest node that exists on the way."""
        node: yaml.Node = self.root
        for depth, part in enumerate(loc):
            last = depth == len(loc) - 1
            if isinstance(node, yaml.MappingNode) and isinstance(part, str):
                for key_node, value_node in node.value:
                    if key_node.value == part:
                        node = key_node if (key and last) else value_node
                        break
                else:
                    return node, False
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                if not 0 <= part < len(node.value):
                    return node, False
                node = node.value[part]
            else:
                return node, False
        return node, True

    def position(self, loc: Loc, key: bool = False) -> tuple[int, int]:
        """Return the 1-based (line, column) of the node at ``loc``.

        With ``key``, the position of the mapping key itself. A path that leads nowhere
        (a missing field) yields the deepest node that exists on the way.
        """
        mark = self._walk(loc, key)[0].start_mark
        return mark.line + 1 + self.line_offset, mark.column + 1

    def source_text(self, loc: Loc) -> str | None:
        """The scalar text at ``loc`` as written, or None when it is not a scalar."""
        node, reached = self._walk(loc)
        return node.value if reached and isinstance(node, yaml.ScalarNode) else None

    def line_within(self, loc: Loc, offset: int) -> int:
        """The line of character ``offset`` of a multi-line text value at ``loc``."""
        node, reached = self._walk(loc)
        line = node.start_mark.line + 1 + self.line_offset
        if not (reached and isinstance(node, yaml.ScalarNode)):
            return line
        if node.style in ("|", ">"):
            line += 1  # the text starts below its block indicator
        if node.style != ">":  # folded text joins lines: keep the first line then
            line += node.value.count("\n", 0, offset)
        return line


def _plain_scalar(value: str, tag: str) -> Value:
    """Resolve a plain scalar by YAML 1.2's core schema (PyYAML resolves by 1.1)."""
    if tag == STR:
        return value
    if tag == NULL:
        return None
    if tag == BOOL:
        if value in ("true", "True", "TRUE"):
            return True
        if value in ("false", "False", "FALSE"):
            return False
        return value
    if tag == INT:
        if _INT12.fullmatch(value):
            if value.startswith("0x"):
                return int(value, 16)
            if value.startswith("0o"):
                return int(value[2:], 8)
            return int(value, 10)
        return value
    if tag == FLOAT:
        if value in _SPECIAL_FLOATS:
            return _SPECIAL_FLOATS[value]
        return float(value) if _FLOAT12.fullmatch(value) else value
    if tag == TIMESTAMP and _DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


class _Constructor:
    """Builds plain values from nodes and collects findings on the way."""

    def __init__(self, path: str, line_offset: int) -> None:
        self.path = path
        self.offset = line_offset
        self.findings: list[Finding] = []

    def _finding(self, code: str, node: yaml.Node, loc: list[str | int], message: str) -> None:
        from .findings import format_field

        mark = node.start_mark
        self.findings.append(
            error(
                code,
                self.path,
                mark.line + 1 + self.offset,
                mark.column + 1,
                format_field(loc),
                message,
            )
        )

    def build(self, node: yaml.Node, loc: list[str | int]) -> Value:
        """Construct the value of ``node`` (``loc`` is its field path)."""
        if isinstance(node, yaml.ScalarNode):
            if not node.style and node.tag in _PLAIN_TAGS:  # plain: '' in libyaml, None in Python
                return _plain_scalar(node.value, node.tag)
            if node.style and node.tag == STR:
                return node.value
            return self._tagged(node, loc)
        if len(loc) > MAX_DEPTH:
            self._finding(
                "yaml-too-deep",
                node,
                loc,
                f"nested more than {MAX_DEPTH} levels deep; records are shallow: "
                "flatten this value",
            )
            return None
        if isinstance(node, yaml.SequenceNode):
            if node.tag != SEQ:
                return self._tagged(node, loc)
            return [self.build(item, [*loc, i]) for i, item in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode) and node.tag == MAP:
            return self.mapping(node, loc)
        return self._tagged(node, loc)

    def mapping(self, node: yaml.MappingNode, loc: list[str | int]) -> dict[str, Value]:
        """Construct a mapping; duplicate, merge and non-text keys are findings."""
        out: dict[str, Value] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self._finding(
                    "yaml-key",
                    key_node,
                    loc,
                    "a mapping key must be plain text, not a list or mapping",
                )
                continue
            key = key_node.value
            if key_node.tag == MERGE and not key_node.style:
                self._finding(
                    "yaml-merge-key",
                    key_node,
                    loc,
                    "merge keys (<<) are not allowed in records: write the fields out",
                )
                continue
            if key in first_line:
                self._finding(
                    "yaml-duplicate-key",
                    key_node,
                    [*loc, key],
                    f"'{key}' appears twice in this mapping (first on line "
                    f"{first_line[key]}); remove one: only one value can count",
                )
                continue
            first_line[key] = key_node.start_mark.line + 1 + self.offset
            out[key] = self.build(value_node, [*loc, key])
        return out

    def _tagged(self, node: yaml.Node, loc: list[str | int]) -> Value:
        self._finding(
            "yaml-tag",
            node,
            loc,
            f"YAML tag '{node.tag}' is not allowed in records: remove it and write a plain value",
        )
        return None


def _mark_finding(
    code: str, path: str, exc: yaml.MarkedYAMLError, offset: int, message: str
) -> Finding:
    mark = exc.problem_mark or exc.context_mark
    if mark is None:
        return error(code, path, 1 + offset, 1, "", message)
    line, column = mark.line + 1 + offset, mark.column + 1
    return error(code, path, line, column, "", message)


def _anchor_findings(text: str, path: str, offset: int) -> list[Finding]:
    """Report every anchor and alias; records never need them (and they enable bombs)."""
    findings: list[Finding] = []
    loader = _Loader(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            anchor = getattr(event, "anchor", None)
            if anchor is None or event is None:
                continue
            mark = event.start_mark
            if mark is None:
                continue
            what = "alias" if isinstance(event, yaml.AliasEvent) else "anchor"
            sign = "*" if what == "alias" else "&"
            findings.append(
                error(
                    "yaml-anchor",
                    path,
                    mark.line + 1 + offset,
                    mark.column + 1,
                    "",
                    f"{what} '{sign}{anchor}' is not allowed in records: write the value out "
                    "in full where it is needed",
                )
            )
    except yaml.YAMLError:
        pass  # the composer reports syntax errors precisely; this pass only looks for anchors
    finally:
        loader.dispose()
    return findings


def parse_mapping(
    text: str, path: str, line_offset: int = 0
) -> tuple[Document | None, list[Finding]]:
    """Parse ``text`` as one YAML mapping; return it with every finding met."""
    if "&" in text:
        anchors = _anchor_findings(text, path, line_offset)
        if anchors:
            return None, anchors
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
    except yaml.composer.ComposerError as exc:
        if "single document" in f"{exc.context} {exc.problem}":
            return None, [
                _mark_finding(
                    "yaml-multiple-documents",
                    path,
                    exc,
                    line_offset,
                    "a record file holds exactly one YAML document: remove this '---' and what "
                    "follows, or move it into a file of its own",
                )
            ]
        return None, [
            _mark_finding("yaml-syntax", path, exc, line_offset, f"invalid YAML: {exc.problem}")
        ]
    except yaml.MarkedYAMLError as exc:
        context = f" ({exc.context})" if exc.context else ""
        if "nesting depth" in str(exc.problem):  # libyaml stops at 1000 levels
            return None, [
                _mark_finding(
                    "yaml-too-deep",
                    path,
                    exc,
                    line_offset,
                    "nested too deeply to read; records are shallow: flatten this value",
                )
            ]
        return None, [
            _mark_finding(
                "yaml-syntax", path, exc, line_offset, f"invalid YAML: {exc.problem}{context}"
            )
        ]
    except yaml.YAMLError as exc:
        return None, [error("yaml-syntax", path, 1 + line_offset, 1, "", f"invalid YAML: {exc}")]
    except RecursionError:
        return None, [
            error(
                "yaml-too-deep",
                path,
                1 + line_offset,
                1,
                "",
                "nested too deeply to read; records are shallow: flatten it",
            )
        ]
    finally:
        loader.dispose()
    if root is None:
        return None, [
            error(
                "yaml-empty",
                path,
                1 + line_offset,
                1,
                "",
                "the record is empty: write its fields (see the schema for this kind)",
            )
        ]
    if not isinstance(root, yaml.MappingNode) or root.tag != MAP:
        mark = root.start_mark
        return None, [
            error(
                "yaml-not-mapping",
                path,
                mark.line + 1 + line_offset,
                mark.column + 1,
                "",
                "a record must be a mapping of field names to values at the top level",
            )
        ]
    constructor = _Constructor(path, line_offset)
    data = constructor.mapping(root, [])
    return Document(data, root, line_offset), constructor.findings
