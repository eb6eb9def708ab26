"""The survey sources of imports.md, each read into a table whose columns are named as
the mapping names them: every file is checked to be the source it is said to be, so that
a Qualtrics file read as Google Forms is a message, not a table of header rows."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from .tables import (
    SourceError,
    Table,
    csv_rows,
    decode,
    not_source,
    read_bytes,
    table,
    uncollected,
)
from .xlsx import xlsx_rows


@dataclass(frozen=True)
class SourceTable:
    """A survey export as a table, with what its source says besides the answers."""

    table: Table
    response_id: str | None
    """The column of the source's own response id, if it has one."""
    emails: tuple[str, ...]
    """The columns where the source writes the respondent's e-mail."""
    finished: str | None = None
    """A column whose 0 or false marks a response the respondent did not finish."""


def _not(source: str, path: str, why: str, hint: str) -> SourceError:
    return not_source(path, f"a {source} export", why, hint)


def _first_cells(rows: list[list[str]]) -> str:
    return ", ".join(f"'{c}'" for c in (rows[0] if rows else [])[:3]) or "nothing"


@uncollected()  # each reader: collecting between the rows and the table scanned them
def read_gforms(path: str, encoding: str | None = None) -> SourceTable:
    """Google Forms responses downloaded as CSV: ``Timestamp`` first, one header row."""
    rows = csv_rows(decode(read_bytes(path), path, encoding), path)
    if not rows or not rows[0] or rows[0][0].strip() != "Timestamp":  # [] for an empty line
        raise _not(
            "Google Forms",
            path,
            f"its first row begins {_first_cells(rows)}, not 'Timestamp'",
            "download the responses from the form's Responses tab as CSV, or set source:",
        )
    emails = tuple(c for c in rows[0] if c in ("Email Address", "Email address"))
    return SourceTable(table(rows, rows[0], 1), None, emails)


@uncollected()
def read_csv(path: str, encoding: str | None = None) -> SourceTable:
    """brm's own ``surveys.responses.csv``, as ``brm export --format csv`` writes it."""
    rows = csv_rows(decode(read_bytes(path), path, encoding), path)
    if not rows or "csat" not in rows[0] or "customer" not in rows[0]:
        raise _not(
            "brm CSV",
            path,
            f"its first row begins {_first_cells(rows)}, without the columns customer and csat",
            "write the columns of 'brm export --format csv' (surveys.responses.csv)",
        )
    return SourceTable(table(rows, rows[0], 1), None, ())


def _is_import_ids(row: list[str]) -> bool:
    cells = [c for c in row if c.strip()]
    if not cells:
        return False
    try:
        return all(isinstance(d := json.loads(c), dict) and "ImportId" in d for c in cells)
    except ValueError:
        return False


@uncollected()
def read_qualtrics(path: str, encoding: str | None = None) -> SourceTable:
    """A Qualtrics CSV export: ids, question texts and ``{"ImportId": …}`` rows on top."""
    rows = csv_rows(decode(read_bytes(path), path, encoding), path)
    if len(rows) < 3 or not _is_import_ids(rows[2]):
        raise _not(
            "Qualtrics",
            path,
            'its third row does not hold the {"ImportId": …} of each column',
            "export the responses from Data & Analysis as CSV, or set source:",
        )
    emails = tuple(c for c in rows[0] if c == "RecipientEmail")
    rid = "ResponseId" if "ResponseId" in rows[0] else None
    finished = "Finished" if "Finished" in rows[0] else None
    return SourceTable(table(rows, rows[0], 3), rid, emails, finished)


def _monkey_names(headings: list[str], labels: list[str]) -> list[str]:
    """Row-1 headings, or ``heading / label`` for a question spanning several columns
    (its later columns have an empty heading)."""
    names: list[str] = []
    current = ""
    for i, heading in enumerate(headings):
        label = labels[i].strip() if i < len(labels) else ""
        spans = i + 1 < len(headings) and not headings[i + 1].strip()
        if heading.strip():
            current = heading.strip()
            names.append(f"{current} / {label}" if spans and label else current)
        else:
            names.append(f"{current} / {label}" if current and label else "")
    return names


@uncollected()
def read_surveymonkey(path: str, encoding: str | None = None) -> SourceTable:
    """A SurveyMonkey "all responses" CSV: headings, then answer labels, then responses."""
    rows = csv_rows(decode(read_bytes(path), path, encoding), path)
    if len(rows) < 2 or "Respondent ID" not in rows[0]:
        raise _not(
            "SurveyMonkey",
            path,
            "its first row has no 'Respondent ID' column",
            'export "All responses data" as CSV (expanded), or set source:',
        )
    names = _monkey_names(rows[0], rows[1])
    emails = tuple(c for c in names if c == "Email Address")
    return SourceTable(table(rows, names, 2), "Respondent ID", emails)


@uncollected()
def read_msforms(path: str, encoding: str | None = None) -> SourceTable:
    """Microsoft Forms responses as ``.xlsx``: ``ID``, times, ``Email``, ``Name``, answers
    (a workbook has no text encoding: ``encoding`` is not used)."""
    rows = xlsx_rows(read_bytes(path), path)
    if not rows or "ID" not in rows[0] or "Completion time" not in rows[0]:
        raise _not(
            "Microsoft Forms",
            path,
            f"its first row begins {_first_cells(rows)}, without 'ID' and 'Completion time'",
            "open the form's responses in Excel and save the workbook, or set source:",
        )
    return SourceTable(table(rows, rows[0], 1), "ID", ("Email",) if "Email" in rows[0] else ())


READERS: dict[str, Callable[[str, str | None], SourceTable]] = {
    "csv": read_csv,
    "gforms": read_gforms,
    "msforms": read_msforms,
    "qualtrics": read_qualtrics,
    "surveymonkey": read_surveymonkey,
}
