"""Mistakes in a value: a quote left open or closed too early, a value that starts with
a character YAML reserves or holds ': ', a list or mapping left open."""

from __future__ import annotations

from .lines import (
    FIELD,
    Case,
    Explanation,
    Lines,
    corrected,
    plain_value,
    quote_value,
    quoted,
    value_start,
)


def unclosed_quote(case: Case) -> Explanation | None:
    """A quote still open at the end of the text: where it opens (libyaml: at the end)."""
    error = case.error
    if "quoted scalar" not in error.context or "end of stream" not in error.problem:
        return None
    if error.context_line is None or error.context_column is None:
        return None
    column = error.context_column
    quote = case.lines[error.context_line][column : column + 1]
    return Explanation(
        error.context_line,
        column,
        f"the quote {quote} that opens this value is never closed: "
        f"add {quote} at the end of the value",
    )


def _opening_quote(lines: Lines, n: int, close: int) -> tuple[int, int] | None:
    """Where the quoted value that closes at column ``close`` of line ``n`` opens, when
    that is where a value can start; only the value's own text is read."""
    quote, end = lines[n][close], close
    for m in range(n, -1, -1):
        line = lines[m]
        j = line.rfind(quote, 0, end)
        while j >= 0:
            if quote == '"' and (j - len(line[:j].rstrip("\\"))) % 2:
                j = line.rfind(quote, 0, j)  # an escaped quote, \"
            elif quote == "'" and line[j - 1 : j] == "'":
                j = line.rfind(quote, 0, j - 1)  # a quote written twice, ''
            else:
                before = line[:j].rstrip(" \t")
                return (m, j) if not before or before[-1] in ":-[{,?" else None
        end = len(lines[m - 1])
    return None


def _closing_quote(case: Case) -> tuple[int, int, int] | None:
    """The quoted value that ends just before the error: the line and column where it
    opens, and the column where it closes on the error's line."""
    close, sign = case.before_error()
    if sign not in ("'", '"'):
        return None
    opening = _opening_quote(case.lines, case.error.line, close)
    return None if opening is None else (*opening, close)


def quote_closed_later(case: Case) -> Explanation | None:
    """A quote left open that the next quote, lines further, closes."""
    quoted = _closing_quote(case)
    if quoted is None or quoted[0] == case.error.line:
        return None
    n, start, _ = quoted
    quote = case.lines[n][start]
    return Explanation(
        n,
        start,
        f"the quote {quote} that opens this value is closed only on line "
        f"{case.number(case.error.line)}: add {quote} at the end of the value here",
    )


def text_after_quote(case: Case) -> Explanation | None:
    """Text after a value's closing quote, such as the rest of 'Finance's ERP'."""
    quoted = _closing_quote(case)
    if quoted is None or quoted[0] != case.error.line:
        return None
    n, start, close = quoted
    line = case.lines[n]
    written, quote = plain_value(line[start:]), line[start]
    closed = len(written) > 1 and written.endswith(quote)
    value = written[1:-1] if closed else written
    if quote == "'" and closed and line[close + 1 : close + 2].isalnum():
        why = "an apostrophe ends a value quoted with '"
        action = "write it twice ('') or quote the value with \" instead"
        return quote_value(case, n, start, why, value, action)
    return quote_value(case, n, start, "text follows the closing quote", value)


def unknown_escape(case: Case) -> Explanation | None:
    """A backslash in double quotes that starts no escape, as in a Windows path."""
    error = case.error
    if "escape character" not in error.problem or error.context_column is None:
        return None
    why = 'a backslash inside "…" starts an escape, such as \\n for a new line'
    action = "write it twice (\\\\) or quote the value with ' instead"
    start, line = error.context_column, case.line
    close = _closing_double_quote(line, start)
    fixed = ""
    if error.context_line == error.line and close is not None:
        value = line[start + 1 : close]  # the text as written, backslashes and all
        fixed, visible = corrected(case.lines, error.line, line[:start] + quoted(value), value)
    else:
        visible = case.lines.shown(error.line)
    message = f"{why}: {action}{', as in ' + fixed if fixed else ''}"
    return Explanation(error.line, error.column, message, visible)


def _closing_double_quote(line: str, start: int) -> int | None:
    """The column of the '"' that closes the one at ``start``, on the same line."""
    column = start + 1
    while column < len(line):
        if line[column] == "\\":
            column += 2
        elif line[column] == '"':
            return column
        else:
            column += 1
    return None


def text_after_flow(case: Case) -> Explanation | None:
    """Text after a ']' or '}' that closes what YAML read as a list or mapping."""
    if case.before_error()[1] not in ("]", "}"):
        return None
    start = value_start(case.line)
    if start is None or case.line[start : start + 1] not in ("[", "{"):
        return None
    what = "list" if case.line[start] == "[" else "mapping"
    why = f"a value that starts with '{case.line[start]}' is read as a {what}"
    return quote_value(case, case.error.line, start, why)


def unclosed_flow(case: Case) -> Explanation | None:
    """A list or mapping opened with '[' or '{' on an earlier line and never closed."""
    error = case.error
    if "flow" not in error.context or error.context_line is None or error.context_column is None:
        return None
    if error.context_line >= error.line:
        return None
    sequence = "sequence" in error.context
    what, opening, closing = ("list", "[", "]") if sequence else ("mapping", "{", "}")
    return Explanation(
        error.context_line,
        error.context_column,
        f"the {what} opened with '{opening}' here is not closed: add '{closing}' at its end",
    )


def reserved_start(case: Case) -> Explanation | None:
    """A value that starts with a character YAML reserves: '@', '`', '%' or '*'."""
    error = case.error
    column = error.column
    if error.context == "while scanning an alias" and error.context_column is not None:
        column = error.context_column
    elif "undefined alias" not in error.problem and "cannot start any token" not in error.problem:
        return None
    sign = case.line[column : column + 1]
    if sign == "*":
        why = "a value that starts with '*' is read as a reference to another value"
    elif sign in ("@", "`", "%"):
        why = f"a value cannot start with '{sign}'"
    else:
        return None
    return quote_value(case, error.line, column, why)


def colon_in_value(case: Case) -> Explanation | None:
    """A value holding ': ', as in ``text: Follow-up: call``."""
    error, line = case.error, case.line
    if "mapping values" not in error.problem or line[error.column : error.column + 1] != ":":
        return None
    field = FIELD.match(line)
    if field is None or not field.group(4) or field.start(4) >= error.column:
        return None
    why = "this value holds ': ', which YAML reads as the start of a field"
    return quote_value(case, error.line, field.start(4), why)


def block_text_on_its_line(case: Case) -> Explanation | None:
    """Text after '|' or '>' on the same line."""
    error = case.error
    if "block scalar" not in error.context or "line break" not in error.problem:
        return None
    return Explanation(
        error.line,
        error.column,
        "the text of a '|' or '>' block starts on the next line, indented: move it there",
    )
