"""Mistakes in the layout of the lines: tabs, a hidden byte-order mark, a colon without
its space, a field without its colon, an item without its '-', and indentation that
lines up with nothing above."""

from __future__ import annotations

import re

from .lines import FIELD, ITEM, LONGEST_FIX, Case, Explanation, Lines, content, indent

_GLUED = re.compile(r" *(?:- +)*[A-Za-z_][\w.-]*(:)(?=[^\s:/])")
"""``key:value``: a field name and its value with no space between them."""
TAB_MESSAGE = "tabs cannot indent YAML; use spaces"


def byte_order_mark(case: Case) -> Explanation | None:
    """A byte-order mark at the start of a line, as left by joining two files."""
    column = indent(case.line)
    if case.line[column : column + 1] != "\ufeff" or column > case.error.column:
        return None
    return Explanation(
        case.error.line,
        column,
        "an invisible character, the byte-order mark U+FEFF (often pasted in with text "
        "from another file), starts this line: delete it",
    )


def tab(case: Case) -> Explanation | None:
    """A tab in the indentation (libyaml: "cannot start any token", or at a later line)."""
    line, column = case.line, case.error.column
    if line[column : column + 1] != "\t" or line[:column].strip(" \t-?:"):
        if "tab character" not in case.error.problem:
            return None
        column = line.find("\t", 0, len(line) - len(line.lstrip(" \t-?:")))
        if column < 0:
            return None
    blank = "" if line.strip() else " (this line holds only blanks: delete them)"
    return Explanation(case.error.line, column, TAB_MESSAGE + blank)


def glued_colon(case: Case) -> Explanation | None:
    """``name:Finance``: libyaml reads one text and stops at the next field."""
    if "mapping values" not in case.error.problem and "expected ':'" not in case.error.problem:
        return None
    for n in case.region():
        line = case.lines[n]
        colon = _glued(line)
        if colon is not None:
            fixed = line[: colon + 1] + " " + line[colon + 1 :]
            if not case.lines.shown(n, fixed):
                return Explanation(n, colon, "a space is needed after the colon", quote=False)
            shown = f": write {fixed.strip()}" if len(fixed) <= LONGEST_FIX else ""
            return Explanation(n, colon, f"a space is needed after the colon{shown}")
    return None


def _glued(text: str) -> int | None:
    """The column of a field name's colon that no space follows, as in ``name:Finance``."""
    glued = _GLUED.match(text)
    return None if glued is None else glued.start(1)


def spaced_colon(text: str) -> str | None:
    """``text`` with a space after a field name's colon, when it lacks one."""
    colon = _glued(text)
    return None if colon is None else text[: colon + 1] + " " + text[colon + 1 :]


def _in_list_of(case: Case, n: int, column: int, item: int) -> Explanation:
    return Explanation(
        n,
        column,
        f"this line is in the list of the item on line {case.number(item)}: "
        "start it with '- ' to make it an item of its own",
    )


def in_list(case: Case) -> Explanation | None:
    """A line in a list that lacks its '- '."""
    error, lines = case.error, case.lines
    if error.context_line is None:
        return None
    if "'-' indicator" in error.problem:
        return _in_list_of(case, error.line, error.column, error.context_line)
    n = error.context_line
    if "expected ':'" not in error.problem or ":" in lines[n]:
        return None
    above = lines.content_above(n)
    item = ITEM.match(lines[above]) if above is not None else None
    if above is None or item is None or len(item.group(1)) != indent(lines[n]):
        return None
    return _in_list_of(case, n, indent(lines[n]), above)


def no_colon(case: Case) -> Explanation | None:
    """A field without its colon, or text that continues a value without its indentation."""
    error, lines = case.error, case.lines
    if "mapping values" not in error.problem and "expected ':'" not in error.problem:
        return None
    n = case.region().start
    line = lines[n]
    item = ITEM.match(line)
    if ":" in line or (n == error.line and "mapping values" in error.problem):
        return None
    if "mapping values" in error.problem and " " not in (item.group(2) if item else line.strip()):
        return None  # one word, such as "- erp": a value with a field under it, not a field
    column = item.start(2) if item is not None else indent(line)
    message = "this line has no ':' after a field name: write the name, ': ' and the value"
    above = lines.content_above(n)
    field = FIELD.match(lines[above]) if above is not None else None
    if above is not None and field is not None and field.group(4) and column <= field.start(3):
        key = field.group(3)
        message += (
            f"; if it continues the text of '{key}' (line {case.number(above)}), "
            f"indent it more than '{key}'"
        )
    return Explanation(n, column, message)


def indented_under_value(case: Case) -> Explanation | None:
    """A field indented under a field or item that already has a value."""
    error = case.error
    top = case.region().start
    if "mapping values" not in error.problem or top == error.line:
        return None
    above, column = case.lines[top], indent(case.line)
    field, item = FIELD.match(above), ITEM.match(above)
    if field is not None and field.group(4) and column > field.start(3):
        key = field.group(3)
        message = (
            f"this line is indented under '{key}' (line {case.number(top)}), which already "
            f"has a value: if it is a field of its own, line it up with '{key}'; "
            "if it continues the text, quote the whole text"
        )
    elif field is None and item is not None and item.group(2) and column > len(item.group(1)):
        message = (
            f"this line is indented under the item on line {case.number(top)}, which is "
            "already a value: to give the item fields, start it with one ('- name: …'); "
            "if the line continues the text, quote the whole item"
        )
    else:
        return None
    return Explanation(error.line, column, message)


def list_on_field_line(case: Case) -> Explanation | None:
    """``services: - erp``: a list item on the line of its field."""
    if "sequence entries are not allowed" not in case.error.problem:
        return None
    return Explanation(
        case.error.line,
        case.error.column,
        "a list item cannot follow its field on the same line: put '- ' and the item on a "
        "line of its own below, indented; if this is text, quote this value",
    )


def item_among_fields(case: Case) -> Explanation | None:
    """A list item in line with the fields of a mapping, under none of them."""
    error = case.error
    item = ITEM.match(case.line)
    if "expected key" not in error.problem or item is None or len(item.group(1)) != error.column:
        return None
    return Explanation(
        error.line,
        error.column,
        "this list item stands among fields, under none of them: indent it under the "
        "field whose list it belongs to",
    )


def _columns_above(lines: Lines, n: int) -> list[tuple[int, int, str]]:
    """Where the fields and items above line ``n`` start, nearest first: (line, column,
    what starts there), each column left of the one before."""
    found: list[tuple[int, int, str]] = []
    for m in range(n - 1, -1, -1):
        line = lines[m]
        if not content(line) or (found and indent(line) >= found[-1][1]):
            continue
        field, item = FIELD.match(line), ITEM.match(line)
        starts = [(field.start(3), f"'{field.group(3)}'")] if field is not None else []
        starts += [(len(item.group(1)), "the item")] if item is not None else []
        for column, what in starts:
            if not found or column < found[-1][1]:
                found.append((m, column, what))
        if found and found[-1][1] == 0:
            break
    return found


def misaligned(case: Case) -> Explanation | None:
    """A line whose indentation lines up with no field or item above it."""
    error = case.error
    if "expected key" not in error.problem and "'-' indicator" not in error.problem:
        return None
    column = indent(case.line)
    if error.column != column:
        return None
    above = _columns_above(case.lines, error.line)
    if any(start == column for _, start, _ in above):
        return None
    nearest = [a for a in above if a[1] > column][-1:] + [a for a in above if a[1] < column][:1]
    if not nearest:
        return None
    options = " or ".join(
        f"{_spaces(start)} like {what} (line {case.number(m)})" for m, start, what in nearest
    )
    return Explanation(
        error.line,
        column,
        f"this line is indented {_spaces(column)}, in line with no field or item above it: "
        f"indent it {options}",
    )


def _spaces(n: int) -> str:
    return f"{n} space{'' if n == 1 else 's'}"
