"""The text around a syntax error, line by line as libyaml counts lines, and the
corrected lines that a message may show."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import yaml

from ..quoting import hide_restricted
from ..yamlevents import SAFE_LOADER

_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""The line breaks of YAML 1.1, where libyaml counts a new line."""
FIELD = re.compile(r"( *)((?:- +)*)([A-Za-z_][\w.-]*) *:(?:[ \t]+(.*))?$")
"""``key: value`` (or ``key:`` alone), after the indentation and any list dashes."""
ITEM = re.compile(r"( *)- +(.*)$")
"""``- value``: a list item."""
_SMART_QUOTES = "\u201c\u201d\u201e\u2018\u2019\u201a"
LONGEST_FIX = 120
"""Characters of a corrected line that a message may show; longer ones are described."""


@dataclass(frozen=True, slots=True)
class Explanation:
    """Where a mistake is (0-based line and column of the parsed text) and what to do."""

    line: int
    column: int
    message: str
    quote: bool = True
    """False when the line or its correction is a restricted field's: no output shows it."""


@dataclass(frozen=True, slots=True)
class Error:
    """libyaml's error: what it found where (0-based), and what it was reading where."""

    problem: str
    context: str
    line: int
    column: int
    context_line: int | None
    context_column: int | None


class Lines:
    """The lines of the parsed text."""

    def __init__(self, text: str) -> None:
        self.lines = _BREAK.split(text)

    def __getitem__(self, n: int) -> str:
        return self.lines[n] if 0 <= n < len(self.lines) else ""

    def shown(self, n: int, *versions: str) -> bool:
        """Whether line ``n``, as written and as ``versions`` of it (with its indentation),
        may appear in a message: never a line of a restricted field (records.md,
        "Restricted data"). Which lines are hidden depends only on the lines from the last
        one that starts in the first column."""
        top = next((m for m in range(n - 1, -1, -1) if self[m][:1].strip()), 0)
        hidden = hide_restricted([*self.lines[top : n + 1], *versions])
        return None not in hidden[n - top :]

    def content_above(self, n: int) -> int | None:
        """The nearest line above ``n`` that holds more than blanks or a comment."""
        return next((m for m in range(n - 1, -1, -1) if content(self[m])), None)


class Case:
    """One syntax error in one text."""

    def __init__(self, lines: Lines, error: Error, line_offset: int) -> None:
        self.lines = lines
        self.error = error
        self.offset = line_offset

    def number(self, n: int) -> int:
        """The number of line ``n`` of the text as the file counts it, from 1."""
        return n + 1 + self.offset

    @property
    def line(self) -> str:
        """The line of the error."""
        return self.lines[self.error.line]

    def before_error(self) -> tuple[int, str]:
        """The column and character just before the error on its line, past blanks."""
        line = self.line[: self.error.column].rstrip(" \t")
        return len(line) - 1, line[-1:]

    def region(self) -> range:
        """The lines that a plain value ending at the error may span: from the line of the
        key libyaml was reading, or back over the lines that can continue a value."""
        error, top = self.error, self.error.line
        if error.context_line is not None and "simple key" in error.context:
            return range(min(error.context_line, top), top + 1)
        for n in range(top - 1, -1, -1):
            line = self.lines[n]
            if not content(line):
                break
            top = n
            if ": " in line or line.rstrip().endswith(":") or line.lstrip(" ").startswith("-"):
                break
        return range(top, error.line + 1)


Diagnosis = Callable[[Case], Explanation | None]
"""Recognises one kind of mistake behind an error, or returns None."""


def content(line: str) -> bool:
    """Whether a line holds more than blanks or a comment."""
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def indent(line: str) -> int:
    """The spaces that a line starts with."""
    return len(line) - len(line.lstrip(" "))


def value_start(line: str) -> int | None:
    """Where the value of a ``key: value`` or ``- value`` line starts."""
    field = FIELD.match(line)
    if field is not None:
        return field.start(4) if field.group(4) else None
    item = ITEM.match(line)
    return item.start(2) if item is not None and item.group(2) else None


def plain_value(text: str) -> str:
    """A plain value as YAML reads it from the rest of a line: up to a comment."""
    for sign in (" #", "\t#"):
        cut = text.find(sign)
        if cut >= 0:
            text = text[:cut]
    return text.rstrip(" \t")


def quoted(value: str) -> str:
    """``value`` in the quotes that keep it as written."""
    if '"' not in value and "\\" not in value:
        return f'"{value}"'
    return "'" + value.replace("'", "''") + "'"


def _reads_as(line: str, value: str) -> bool:
    """Whether ``line``, alone, is valid YAML whose last value is the quoted text ``value``,
    with no tag."""
    try:
        node = yaml.compose(line.lstrip(" "), Loader=SAFE_LOADER)
    except yaml.YAMLError:
        return False
    while isinstance(node, yaml.MappingNode | yaml.SequenceNode) and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(last, tuple) else last
    return (
        isinstance(node, yaml.ScalarNode)
        and node.style in ("'", '"')
        and node.tag == "tag:yaml.org,2002:str"  # no tag such as '!' before the quotes
        and node.value == value
    )


def corrected(lines: Lines, n: int, fixed: str, value: str | None = None) -> tuple[str, bool]:
    """``fixed``, the corrected line ``n``, for a message, when it may be shown, is short
    and (given ``value``) reads as that text; and whether line ``n`` may be quoted."""
    if not lines.shown(n, fixed):
        return "", False
    if len(fixed) > LONGEST_FIX or (value is not None and not _reads_as(fixed, value)):
        return "", True
    return fixed.strip(), True


def quote_value(
    case: Case,
    n: int,
    start: int,
    why: str,
    value: str | None = None,
    action: str = "quote this value",
) -> Explanation:
    """``why``, then "quote this value" and the corrected line: ``value``, or else the rest
    of line ``n`` from ``start``, in quotes."""
    line = case.lines[n]
    if value is None:
        value = plain_value(line[start:])
        if len(value) > 1 and value[0] in _SMART_QUOTES and value[-1] in _SMART_QUOTES:
            why = f"{value[0]} and {value[-1]} are typographic quotes, which YAML reads as text"
            value, action = value[1:-1], "write straight quotes instead"
    fixed, quote = corrected(case.lines, n, line[:start] + quoted(value), value)
    return Explanation(n, start, f"{why}: {action}{', as in ' + fixed if fixed else ''}", quote)
