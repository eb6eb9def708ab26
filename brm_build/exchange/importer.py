"""``brm import``: a spreadsheet (CSV) of customers or services becomes records.

The columns are those of ``brm export --format csv`` for the kind: ``id``, then the
fields, nested ones dotted (``manager.email``), lists joined by ``;``. Every row is
rendered, parsed and validated as ``brm check`` will read it; a row that fails is
reported with its spreadsheet row number (the header is row 1) and written nowhere.
``admission`` then runs the real check on the repository as it would be with the rows
written, and keeps only what it accepts.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from ..demo.yamltext import Value, document
from ..escape.spreadsheet import restore
from ..model import KIND_BY_NAME, Kind
from ..model.ids import is_id
from ..reading import parse_file
from ..scaffold import Draft, record_path, schema_line
from ..validation import validate
from .merging import Change, merge
from .tables import SEPARATOR, Column, columns

Reader = Callable[[str], str | None]
"""The text of a record file that exists, by its path in the repository (None: unreadable)."""

IMPORTABLE = ("customers", "services")
MAX_CELL = 131_072
"""Characters at most in one cell (Python's csv default), far beyond any record's value."""


@dataclass(frozen=True)
class RowProblem:
    """Why one row (numbered as in the spreadsheet) was not converted."""

    row: int
    reason: str


@dataclass
class Imported:
    """The records to write (by path, each with its row), what each update changes, the
    rows identical to their records, and the rows that could not be converted."""

    drafts: dict[str, tuple[int, Draft]] = field(default_factory=dict)
    problems: list[RowProblem] = field(default_factory=list)
    changes: dict[str, list[Change]] = field(default_factory=dict)
    """For a record that exists: the fields the row changes, by path."""
    unchanged: list[tuple[int, str]] = field(default_factory=list)
    """Rows (number, path) identical to the record that exists: nothing to write."""

    @property
    def files(self) -> dict[str, str]:
        """The text of every record to write, by path."""
        return {path: draft.text for path, (_, draft) in self.drafts.items()}


def _number(text: str) -> object:
    try:
        return int(text)
    except ValueError:
        try:
            return (
                float(text.replace(",", "."))
                if re.fullmatch(r"-?[0-9]+([.,][0-9]+)?", text)
                else text
            )
        except ValueError:
            return text


def _typed(column: Column, text: str) -> Value:
    """A cell as the value its field expects; left as text when it is not one, so that
    validation reports the cell in the same words as ``brm check``."""
    if column.shape == "scalars":
        return [part.strip() for part in text.split(SEPARATOR.strip()) if part.strip()]
    if column.type in (int, float):
        return _number(text)  # type: ignore[return-value]
    if column.type is bool and text.lower() in ("true", "false"):
        return text.lower() == "true"
    if column.type is dt.date:
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return text
    return text


def _nest(
    row: Mapping[str, str], by_header: Mapping[str, Column]
) -> tuple[dict[str, Value], set[str]]:
    """A row's values as a record's fields, and the list columns whose cell has commas
    but no ';' (a person's list, which the check will see as one item)."""
    data: dict[str, Value] = {}
    commas: set[str] = set()
    for header, column in by_header.items():
        raw = restore(row.get(header) or "")  # as exported: a formula-like cell is quoted
        if not raw.strip():
            continue
        text = raw.strip(" \t")  # a text's line breaks are its own, as in a block scalar
        if column.shape == "scalars" and "," in text and SEPARATOR.strip() not in text:
            commas.add(header)
        target = data
        for step in column.path[:-1]:
            target = target.setdefault(step, {})  # type: ignore[assignment]
        target[column.path[-1]] = _typed(column, text)
    return data, commas


def _comma_hint(problem: str, commas: set[str], row: Mapping[str, str]) -> str:
    """``problem`` with the advice to separate a list with ';' when its cell used commas."""
    field = re.sub(r"\[\d+\]", "", problem.split(":", 1)[0])
    if field not in commas:
        return problem
    items = "; ".join(part.strip() for part in row[field].split(",") if part.strip())
    return f"{problem}; separate the items of a list with ';', as in '{items}'"


def _dialect(text: str) -> str:
    """Spreadsheets in many locales separate cells with ';': look at the header."""
    header = text.split("\n", 1)[0]
    return ";" if header.count(";") > header.count(",") else ","


def _rules(kind: Kind, data: Mapping[str, Value], known: Mapping[str, set[str]]) -> list[str]:
    """What ``brm check`` would report across records: roles, parents and references."""
    problems = []
    parent = data.get("parent")
    role = data.get("role")
    if kind.name == "customer" and role == "customer" and not data.get("relationship_manager"):
        problems.append(
            "relationship_manager: a customer needs a relationship manager: fill "
            "relationship_manager.name and relationship_manager.email"
        )
    if kind.name == "customer" and role == "purchaser" and not parent:
        problems.append("parent: a purchaser sits under a customer: give the parent's id")
    parent = parent if isinstance(parent, str) and is_id(parent) else None  # else: schema
    if kind.name == "customer" and parent is not None and parent not in known["customer"]:
        problems.append(
            f"parent: unknown customer '{parent}': not in records/customers/ nor in this file"
        )
    for service in data.get("services") or []:  # type: ignore[union-attr]
        if isinstance(service, str) and is_id(service) and service not in known["service"]:
            problems.append(
                f"services: unknown service '{service}': import or write the services first"
            )
    return problems


def _row(
    kind: Kind, rid: str, data: dict[str, Value], known: Mapping[str, set[str]]
) -> Draft | list[str]:
    """The record file for one row, or every reason why it cannot be one."""
    problems = []
    if not is_id(rid):
        problems.append(
            f"id: '{rid}' is not a valid id: lower-case letters, digits and single hyphens"
        )
    path = record_path(kind, rid if is_id(rid) else "row")
    checked = _checked(kind, rid, path, schema_line(kind, path) + document(data))
    problems += [] if isinstance(checked, Draft) else checked
    return problems + _rules(kind, data, known) or checked


def _canonical(header: str) -> str:
    """A header as matched: without surrounding spaces, in lower case."""
    return header.strip().lower()


def _headers(
    headers: list[str], by_header: Mapping[str, Column]
) -> tuple[dict[str, str], str | None]:
    """Each header of the file by the column it names (matched without regard to case or
    surrounding spaces), or the problem with the headers."""
    names = {_canonical(name): name for name in ["id", *by_header]}
    matched = {
        header: names[_canonical(header)] for header in headers if _canonical(header) in names
    }
    unknown = [h for h in headers if h.strip() and h not in matched]
    if "id" in matched.values() and not unknown:
        return matched, None
    described = []
    for header in unknown:
        close = difflib.get_close_matches(_canonical(header), list(names), n=1)
        described.append(
            f"{header.strip()} (did you mean {names[close[0]]}?)" if close else header.strip()
        )
    what = f"unknown column(s) {', '.join(described)}" if unknown else "no 'id' column"
    return matched, f"{what}: the columns are {', '.join(names.values())}"


def _table(text: str) -> tuple[list[str], list[tuple[int, list[str]]]] | RowProblem:
    """The header and the numbered rows of a CSV text (blank rows left out), or the first
    row that cannot be read: a cell over ``MAX_CELL`` characters, or broken quoting."""
    csv.field_size_limit(MAX_CELL)  # process-wide: set for each read, as other readers do
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_dialect(text))
    rows: list[list[str]] = []
    try:
        rows.extend(reader)
    except csv.Error as exc:
        too_long = "field larger than field limit" in str(exc)
        why = (
            f"a cell holds more than {MAX_CELL:,} characters, far more than any value of a "
            "record: shorten it"
            if too_long
            else f"not readable as CSV: {exc}"
        )
        return RowProblem(len(rows) + 1, why)
    header = rows[0] if rows else []
    twice = _repeated(header)
    if twice:
        return RowProblem(1, twice)
    return header, [(n, row) for n, row in enumerate(rows[1:], start=2) if row]


def _repeated(header: list[str]) -> str | None:
    """Why a header that names a column twice is refused: one of them would be lost."""
    first: dict[str, int] = {}
    for number, name in enumerate(header, start=1):
        key = _canonical(name)
        if key and key in first:
            return (
                f"the column {name.strip()} appears twice (columns {first[key]} and {number}): "
                "keep one, or the values of the other would be lost"
            )
        first.setdefault(key, number)
    return None


def _known(kind: Kind, existing: Mapping[str, set[str]], ids: set[str]) -> dict[str, set[str]]:
    """The ids a reference may name: those in the repository, and this file's own."""
    known = {"customer": set(), "service": set(), **{k: set(v) for k, v in existing.items()}}
    known[kind.name] |= ids
    return known


def _checked(kind: Kind, rid: str, path: str, text: str) -> Draft | list[str]:
    """The record ``text`` as ``brm check`` reads it: a draft, or the problems."""
    parsed = parse_file(text, path, markdown=False)
    findings = list(parsed.findings)
    if parsed.document is not None:
        findings += validate(parsed.document, kind.model, path)[1]
    return [f"{f.field or 'row'}: {f.message}" for f in findings] or Draft(kind, rid, path, text)


def _update(
    kind: Kind, rid: str, data: dict[str, Value], read: Reader
) -> tuple[Draft | list[str], list[Change]]:
    """The record that exists with the row merged in (or its problems), and the fields
    the row changes (none: the row is identical to the record)."""
    path = record_path(kind, rid)
    text = read(path)
    if text is None:
        return [f"id: {path} cannot be read to update it"], []
    merged = merge(text, data)
    if isinstance(merged, str):
        return [merged if ": the record" in merged else f"id: {path} {merged}"], []
    new, changes = merged
    return _checked(kind, rid, path, new), changes


def _nothing(path: str) -> str | None:
    return None


def import_csv(
    folder: str, text: str, existing: Mapping[str, set[str]], read: Reader = _nothing
) -> Imported:
    """Convert CSV ``text`` into records of the kind in ``folder`` (``customers``);
    ``existing`` holds the ids already in the repository by kind name, and ``read`` gives
    the text of a record file that exists (by path), which a row then updates."""
    kind = next(k for k in KIND_BY_NAME.values() if k.folder == folder)
    result = Imported()
    by_header = {c.header: c for c in columns(kind.model, kind.name, None)}
    table = _table(text)
    if isinstance(table, RowProblem):
        result.problems.append(table)
        return result
    matched, problem = _headers(table[0], by_header)
    if problem:
        result.problems.append(RowProblem(1, problem))
        return result
    rows = [
        (number, {matched[k]: v for k, v in zip(table[0], cells, strict=False) if k in matched})
        for number, cells in table[1]
    ]
    known = _known(kind, existing, {row.get("id", "").strip() for _, row in rows})
    seen: dict[str, int] = {}
    for number, row in rows:
        rid = row.get("id", "").strip()
        if rid in seen:
            result.problems.append(RowProblem(number, f"id: '{rid}' repeats row {seen[rid]}"))
        else:
            seen[rid] = number
            data, commas = _nest(row, by_header)
            if rid in existing.get(kind.name, set()):
                outcome, changes = _update(kind, rid, data, read)
                if isinstance(outcome, Draft) and not changes:
                    result.unchanged.append((number, outcome.path))
                    continue
                if changes:
                    result.changes[record_path(kind, rid)] = changes
            else:
                outcome = _row(kind, rid, data, known)
            if isinstance(outcome, Draft):
                result.drafts[outcome.path] = (number, outcome)
            else:
                reasons = [_comma_hint(reason, commas, row) for reason in outcome]
                result.problems += [RowProblem(number, reason) for reason in reasons]
    return result
