"""An export read as a table: named columns and rows numbered as a spreadsheet shows them
(header rows counted). CSV comes as Excel and the forms tools save it: UTF-8 with or
without BOM, comma or semicolon separated, CRLF line ends."""

from __future__ import annotations

import csv
import gc
import io
import json
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from itertools import count
from operator import itemgetter
from typing import NamedTuple

from ..files import open_regular

MAX_SOURCE_BYTES = 200 * 1024 * 1024
"""The largest export read: far beyond a survey of a hundred thousand responses."""
MAX_CELL = 1_000_000
"""The longest cell read (csv's own default, 131,072, is less than a long comment)."""


class SourceError(Exception):
    """Why a file cannot be read as the named source: nothing is imported from it."""


class Row(NamedTuple):
    """One data row: its number as a spreadsheet shows it, and its cells (a tuple: one is
    made for each of many thousand rows, several times faster than a dataclass)."""

    number: int
    cells: Sequence[str]


@dataclass(frozen=True)
class Table:
    """A source's columns, by name, and its data rows."""

    columns: list[str]
    rows: list[Row]

    def index(self, name: str) -> int:
        """The position of column ``name``; SourceError when it is missing or repeated."""
        found = [i for i, column in enumerate(self.columns) if column == name]
        if len(found) > 1:
            where = ", ".join(_letter(i) for i in found)
            raise SourceError(
                f"the column '{name}' appears {len(found)} times (columns {where}): rename "
                "the copies so that the mapping names one column"
            )
        if not found:
            raise SourceError(f"the file has no column '{name}'")
        return found[0]


def _letter(index: int) -> str:
    """A spreadsheet's column letter for a 0-based ``index`` (0 -> A, 26 -> AA)."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(65 + rest) + out
    return out


def read_bytes(path: str) -> bytes:
    """The bytes of the export at ``path``; SourceError when it is too large or unreadable."""
    try:
        fd = open_regular(path)
    except OSError as exc:
        raise SourceError(f"cannot read {path}: {exc.strerror or exc}") from None
    with os.fdopen(fd, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > MAX_SOURCE_BYTES:
            raise SourceError(
                f"{path} is {size // (1024 * 1024)} MB: brm import reads at most "
                f"{MAX_SOURCE_BYTES // (1024 * 1024)} MB; export fewer responses at a time"
            )
        return handle.read()


def decode(data: bytes, path: str, encoding: str | None = None) -> str:
    """UTF-8 text, with or without BOM, or text in the ``encoding`` named (such as cp1252);
    SourceError when the bytes are not that."""
    try:
        return data.decode(encoding or "utf-8-sig")
    except LookupError:
        raise SourceError(f"'{encoding}' is not an encoding: name one such as cp1252") from None
    except UnicodeDecodeError as exc:
        what = encoding or "UTF-8"
        raise SourceError(
            f"{path} is not {what} (byte {exc.start + 1}): export it again as CSV UTF-8, "
            "or name its encoding with --encoding"
        ) from None


def not_source(path: str, what: str, why: str, hint: str) -> SourceError:
    """That the file at ``path`` is not ``what`` (such as "a Prometheus query_range
    answer"), why, and what to do instead."""
    return SourceError(f"{path} is not {what}: {why}; {hint}")


def read_json(path: str, encoding: str | None, not_source: Callable[[str], SourceError]) -> object:
    """The JSON that the export at ``path`` holds; ``not_source(why)`` when it holds none."""
    try:
        return json.loads(decode(read_bytes(path), path, encoding))
    except json.JSONDecodeError as exc:
        raise not_source(f"it is not JSON (line {exc.lineno}: {exc.msg})") from None
    except RecursionError:
        raise not_source("it is nested too deeply to be one") from None


def separator(text: str) -> str:
    """Comma or semicolon: whichever the first line holds more of outside quotes."""
    first = text.split("\n", 1)[0]
    outside = first.split('"')[::2]
    counts = {sep: sum(part.count(sep) for part in outside) for sep in (",", ";", "\t")}
    return max(counts, key=lambda sep: counts[sep]) if any(counts.values()) else ","


@contextmanager
def uncollected() -> Iterator[None]:
    """No cyclic garbage collection within: rows of text hold no cycles, and collecting
    while they pile up scanned every row again (a third of reading an export)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def csv_rows(text: str, path: str) -> list[list[str]]:
    """Every row of a CSV text, header rows included; SourceError names a bad row."""
    csv.field_size_limit(MAX_CELL)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator(text), strict=True)
    try:
        with uncollected():
            rows = list(reader)  # in C: a loop here took as long as reading
    except csv.Error as exc:
        raise SourceError(f"{path}: row {reader.line_num}: not readable as CSV: {exc}") from None
    while rows and not any(cell.strip() for cell in rows[-1]):
        rows.pop()  # blank lines at the end, as spreadsheets save them
    return rows


def _blank(row: list[str]) -> bool:
    return not (row and row[0].strip()) and not "".join(row).strip()


def table(rows: list[list[str]], header: list[str], first: int) -> Table:
    """A table of ``header`` and the data rows from row index ``first`` on; a row that
    is entirely blank is left out."""
    with uncollected():
        data = rows[first:]
        if all(data) and all(map(str.strip, map(itemgetter(0), data))):
            # No row is blank (each begins with an answer), as in most exports: the rows
            # are made in C's loops, several times faster than one by one.
            numbered = zip(count(first + 1), data)
            return Table(header, list(map(partial(tuple.__new__, Row), numbered)))
        numbers = count(first + 1)
        return Table(
            header, [Row(n, row) for n, row in zip(numbers, data, strict=False) if not _blank(row)]
        )
