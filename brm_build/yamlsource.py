"""Parse record text into plain values, keeping the position of every node.

libyaml composes the node tree (fast, in C); we construct values from it ourselves so
that scalars follow YAML 1.2's core schema (``no`` and ``on`` stay text, ``12:30`` is not
a number), duplicate keys, tags and anchors become findings, and nothing is lost.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import replace

import yaml

from .findings import Finding, error, format_field
from .yamlerrors import explain
from .yamlevents import event_position

try:
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - libyaml is a dependency, this is a fallback
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser, Composer):  # type: ignore[no-redef]
        """The pure-Python parser and composer, for a PyYAML built without libyaml."""

        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)


Value = object
Loc = Sequence[str | int]

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
_WORDS: dict[str, Value] = {
    "null": None,
    "Null": None,
    "NULL": None,
    "~": None,
    "true": True,
    "True": True,
    "TRUE": True,
    "false": False,
    "False": False,
    "FALSE": False,
}
_NUMBER_START = frozenset("0123456789+-.")
_ANCHOR = re.compile(r"(?:^|[\s\[{,:])&[^\s\[\]{},]", re.MULTILINE)
"""Where an anchor may start; prose such as "R&D" never matches, so the slow scan is rare."""
MAX_DEPTH = 40


class _Implicit(str):
    """The tag of a plain scalar that carried no tag: equal to ``!!str`` for code that
    compares tags, yet told apart from an explicit ``!!str`` by its type."""

    __slots__ = ()


PLAIN = _Implicit(_T + "str")


class Document:
    """A parsed YAML mapping: its text, where that starts in the file, its values and
    the node tree that knows every position.

    A document kept with a loaded record holds only its text (see ``detached``): its
    values and node tree are made again, and kept, the first time something asks for
    them. Positions are needed only for findings, and thousands of node trees would cost
    far more memory and time than parsing the few files with findings once more.
    """

    __slots__ = ("_data", "_keys", "_root", "_text", "line_offset")

    def __init__(
        self,
        text: str | Callable[[], str],
        line_offset: int = 0,
        data: dict[str, Value] | None = None,
        root: yaml.MappingNode | None = None,
    ) -> None:
        """``text``, or what reads it when it is first needed: a record restored without
        reading its file needs its text only for a position."""
        self._text = text
        self.line_offset = line_offset
        self._data = data
        self._root = root
        self._keys: dict[int, dict[str, tuple[yaml.Node, yaml.Node]]] = {}

    @property
    def text(self) -> str:
        """The mapping's text, read on first use when it was given as a reader."""
        if not isinstance(self._text, str):
            self._text = self._text()
        return self._text

    @property
    def root(self) -> yaml.MappingNode:
        """The node tree, composed again from the text when it was not kept."""
        if self._root is None:
            root = _compose(self.text)
            if not isinstance(root, yaml.MappingNode):  # the text parsed as a mapping once
                raise ValueError("a document's text no longer holds a mapping")
            self._root = root
        return self._root

    @property
    def data(self) -> dict[str, Value]:
        """The values, constructed again from the node tree when they were not kept."""
        if self._data is None:
            self._data = _Constructor("", self.line_offset).mapping(self.root, [])
        return self._data

    def detached(self) -> Document:
        """The same document keeping only its text, to hold many in memory."""
        return Document(self._text, self.line_offset)

    def _pairs(self, node: yaml.MappingNode) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        """The first key and value node of each text key of a mapping, made once per
        mapping: a scan per lookup made a file with many findings quadratic to report."""
        pairs = self._keys.get(id(node))
        if pairs is None:
            pairs = {}
            for key_node, value_node in node.value:
                if key_node.__class__ is yaml.ScalarNode:
                    pairs.setdefault(key_node.value, (key_node, value_node))
            self._keys[id(node)] = pairs
        return pairs

    def nodes(self, loc: Loc) -> list[yaml.Node]:
        """The nodes from the root along ``loc``, as far as the path leads."""
        node: yaml.Node = self.root
        found = [node]
        for part in loc:
            if isinstance(node, yaml.MappingNode) and isinstance(part, str):
                pair = self._pairs(node).get(part)
                if pair is None:
                    break
                node = pair[1]
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                if not 0 <= part < len(node.value):
                    break
                node = node.value[part]
            else:
                break
            found.append(node)
        return found

    def _walk(self, loc: Loc, key: bool = False) -> tuple[yaml.Node, bool]:
        """The node at ``loc`` (with ``key``, the mapping key) and whether it was reached;
        a path that leads nowhere stops at the deepest node that exists on the way."""
        node: yaml.Node = self.root
        for depth, part in enumerate(loc):
            last = depth == len(loc) - 1
            if isinstance(node, yaml.MappingNode) and isinstance(part, str):
                pair = self._pairs(node).get(part)
                if pair is None:
                    return node, False
                node = pair[0] if (key and last) else pair[1]
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
        if self._root is None:
            found = event_position(self.text, loc, key)  # no tree yet: read only up to it
            if found is not None:
                return found[0] + 1 + self.line_offset, found[1] + 1
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
    """The value of a plain scalar with an explicit standard tag such as ``!!int``."""
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


def _resolve_plain(value: str) -> Value:
    """The value of an untagged plain scalar by YAML 1.2's core schema, plus ISO dates."""
    if not value:
        return None
    if value[0] not in _NUMBER_START:
        return _WORDS.get(value, value) if len(value) <= 5 else value
    if len(value) == 10 and _DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    if _INT12.fullmatch(value):
        if value.startswith("0x"):
            return int(value, 16)
        if value.startswith("0o"):
            return int(value[2:], 8)
        return int(value, 10)
    if value in _SPECIAL_FLOATS:
        return _SPECIAL_FLOATS[value]
    return float(value) if _FLOAT12.fullmatch(value) else value


def reads_as_text(text: str) -> bool:
    """Whether a word such as ``2026-01`` reads back as that text when written without
    quotes (``2026`` is a number, ``2026-01-01`` a date)."""
    value = _resolve_plain(text)
    return isinstance(value, str) and value == text


class _Composer(_Parser):
    """libyaml's parser and composer, leaving scalars untyped for ``_resolve_plain``.

    PyYAML resolves every node's tag by YAML 1.1 in Python, which costs more than the
    parsing itself; only which scalars were plain matters here.
    """

    def resolve(self, kind: type[yaml.Node], value: str | None, implicit: object) -> str:
        """The tag of a node written without one."""
        if kind is yaml.ScalarNode:
            if isinstance(implicit, tuple) and implicit[0]:
                return MERGE if value == "<<" else PLAIN
            return STR
        return SEQ if kind is yaml.SequenceNode else MAP

    def descend_resolver(self, current_node: object, current_index: object) -> None:
        """Nothing to track: tags do not depend on the path."""

    def ascend_resolver(self) -> None:
        """Nothing to track: tags do not depend on the path."""


def _compose(text: str) -> yaml.Node | None:
    """The node tree of ``text``, which holds a single document."""
    composer = _Composer(text)
    try:
        return composer.get_single_node()
    finally:
        composer.dispose()


class _Constructor:
    """Builds plain values from nodes and collects findings on the way."""

    def __init__(self, path: str, line_offset: int) -> None:
        self.path = path
        self.offset = line_offset
        self.findings: list[Finding] = []
        self._first_keys: dict[int, dict[str, yaml.Node]] = {}

    def _first_key(self, node: yaml.MappingNode, key: str) -> yaml.Node:
        """The first key node named ``key`` in ``node``, indexed once per mapping so that
        many repeats of a key late in a large mapping cost no scan each."""
        firsts = self._first_keys.get(id(node))
        if firsts is None:
            firsts = {}
            for key_node, _ in node.value:
                if key_node.__class__ is yaml.ScalarNode:
                    firsts.setdefault(key_node.value, key_node)
            self._first_keys[id(node)] = firsts
        return firsts[key]

    def _finding(self, code: str, node: yaml.Node, loc: list[str | int], message: str) -> None:
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

    def _scalar(self, node: yaml.ScalarNode, loc: list[str | int]) -> Value:
        tag = node.tag
        if tag is PLAIN:
            return _resolve_plain(node.value)
        if tag == STR:  # quoted, or tagged !!str
            return node.value
        if not node.style and tag in _PLAIN_TAGS:  # plain: '' in libyaml, None in Python
            return _plain_scalar(node.value, tag)
        return self._tagged(node, loc)

    def build(self, node: yaml.Node, loc: list[str | int]) -> Value:
        """Construct the value of ``node``; ``loc``, its field path, is restored on return."""
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, loc)
        if len(loc) > MAX_DEPTH:
            self._finding(
                "yaml-too-deep",
                node,
                loc,
                f"nested more than {MAX_DEPTH} levels deep; records are shallow: "
                "flatten this value",
            )
            return None
        if isinstance(node, yaml.SequenceNode) and node.tag == SEQ:
            items: list[Value] = []
            for i, item in enumerate(node.value):
                if item.__class__ is yaml.ScalarNode and item.tag is PLAIN:
                    items.append(_resolve_plain(item.value))  # the common case, inline
                else:
                    loc.append(i)
                    items.append(self.build(item, loc))
                    loc.pop()
            return items
        if isinstance(node, yaml.MappingNode) and node.tag == MAP:
            return self.mapping(node, loc)
        return self._tagged(node, loc)

    def _skipped_key(
        self,
        node: yaml.MappingNode,
        key_node: yaml.Node,
        out: dict[str, Value],
        loc: list[str | int],
    ) -> bool:
        """Report a key that cannot count: not text, a merge key, or a repeat."""
        if key_node.__class__ is not yaml.ScalarNode:
            self._finding(
                "yaml-key", key_node, loc, "a mapping key must be plain text, not a list or mapping"
            )
            return True
        if key_node.tag == MERGE and not key_node.style:
            self._finding(
                "yaml-merge-key",
                key_node,
                loc,
                "merge keys (<<) are not allowed in records: write the fields out",
            )
            return True
        key = key_node.value
        if key in out:
            first = self._first_key(node, key)
            self._finding(
                "yaml-duplicate-key",
                key_node,
                [*loc, key],
                f"'{key}' appears twice in this mapping (first on line "
                f"{first.start_mark.line + 1 + self.offset}); remove one: only one value can count",
            )
            return True
        return False

    def mapping(self, node: yaml.MappingNode, loc: list[str | int]) -> dict[str, Value]:
        """Construct a mapping; duplicate, merge and non-text keys are findings."""
        out: dict[str, Value] = {}
        for key_node, value_node in node.value:
            if (
                key_node.__class__ is not yaml.ScalarNode
                or key_node.tag == MERGE
                or key_node.value in out
            ) and self._skipped_key(node, key_node, out, loc):
                continue
            key = key_node.value
            if value_node.__class__ is yaml.ScalarNode and value_node.tag is PLAIN:
                out[key] = _resolve_plain(value_node.value)  # the common case, inline
            else:
                loc.append(key)
                out[key] = self.build(value_node, loc)
                loc.pop()
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


def _syntax_finding(
    text: str, path: str, exc: yaml.MarkedYAMLError, offset: int, parsers_words: str
) -> Finding:
    """A syntax error where the mistake lies, in plain words (``yamlerrors``), or where
    the parser stopped, in its own words, for a mistake not recognised there."""
    found = explain(text, exc, offset)
    if found is None:
        return _mark_finding("yaml-syntax", path, exc, offset, parsers_words)
    finding = error(
        "yaml-syntax", path, found.line + 1 + offset, found.column + 1, "", found.message
    )
    return finding if found.quote else replace(finding, quote=False)


def _character_finding(text: str, path: str, exc: yaml.reader.ReaderError, offset: int) -> Finding:
    """A character that YAML does not allow, such as NUL, at its line and column.

    libyaml counts the position in bytes of UTF-8, not in characters.
    """
    before = text.encode("utf-8")[: exc.position].decode("utf-8", errors="ignore")
    line = before.count("\n") + 1 + offset
    column = len(before) - before.rfind("\n")
    character = exc.character if isinstance(exc.character, int) else ord(exc.character)
    return error(
        "yaml-syntax",
        path,
        line,
        column,
        "",
        f"the character #x{character:04X} is not allowed in YAML ({exc.reason}): remove it",
    )


def _anchor_findings(text: str, path: str, offset: int) -> list[Finding]:
    """Report every anchor and alias; records never need them (and they enable bombs)."""
    findings: list[Finding] = []
    loader = _Composer(text)
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
    if "&" in text and _ANCHOR.search(text):
        anchors = _anchor_findings(text, path, line_offset)
        if anchors:
            return None, anchors
    loader = _Composer(text)
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
        return None, [_syntax_finding(text, path, exc, line_offset, f"invalid YAML: {exc.problem}")]
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
        message = f"invalid YAML: {exc.problem}{context}"
        return None, [_syntax_finding(text, path, exc, line_offset, message)]
    except yaml.reader.ReaderError as exc:
        return None, [_character_finding(text, path, exc, line_offset)]
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
    if isinstance(root, yaml.MappingNode) and root.tag != MAP:
        constructor = _Constructor(path, line_offset)
        constructor.build(root, [])  # reports the tag, as on any other value
        return None, constructor.findings
    if not isinstance(root, yaml.MappingNode):
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
    return Document(text, line_offset, data, root), constructor.findings
