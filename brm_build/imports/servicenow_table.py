"""A ServiceNow task_sla export read as one table, whichever way it was exported: a CSV
list export (fields' names or labels as headers; display values, times in the exporting
user's zone) or a Table API answer (``sysparm_display_value`` false, true or all; a
reference as ``{"link", "value"}`` or ``{"display_value", "link"}``)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from .tables import MAX_CELL, SourceError, Table, decode, read_bytes, separator

LABELS = {
    "task": ("Task",),
    "task.number": ("Task.Number", "Number"),
    "sla": ("SLA definition", "SLA Definition", "SLA"),
    "stage": ("Stage",),
    "has_breached": ("Has breached", "Breached"),
    "business_percentage": ("Business elapsed percentage", "Business elapsed %"),
    "percentage": ("Actual elapsed percentage",),
    "start_time": ("Start time",),
    "end_time": ("Stop time", "End time"),
    "planned_end_time": ("Breach time", "Planned end time"),
    "task.company": ("Task.Company", "Company", "company"),
    "task.priority": ("Task.Priority", "Priority", "priority"),
    "task.assignment_group": ("Task.Assignment group", "Assignment group", "assignment_group"),
}
"""task_sla's fields and the labels its list shows for them (a dot-walked field of the
task as ``Task.<label>``, or its own label when the list was set so)."""
_NAMES = {label.casefold(): name for name, labels in LABELS.items() for label in labels}
_RAW_STAGES = frozenset({"in_progress", "completed", "cancelled", "paused", "breached"})


Cells = Sequence[str]
Rows = Iterator[tuple[int, Cells, Cells | None]]
"""Each row's number (as a spreadsheet shows it, header counted, or from 1 in an API
answer's ``result``), its display values, and its values when the answer has both."""


@dataclass(frozen=True)
class SlaTable:
    """The export's columns and its rows, read as they are asked for (an export of a
    hundred thousand rows is never held whole); whether its times are in UTC (the API's
    values are)."""

    columns: list[str]
    rows: Rows
    utc: bool


def column_of(found: SlaTable | Table, name: str) -> int | None:
    """The column of a field named by its name or label, or by a column's exact header;
    SourceError when two columns have that header."""
    wanted = {name, *LABELS.get(name, ()), *LABELS.get(_NAMES.get(name.casefold(), ""), ())}
    wanted.add(_NAMES.get(name.casefold(), name))
    hits = [i for i, column in enumerate(found.columns) if column in wanted]
    exact = [i for i in hits if found.columns[i] == name]
    if len(exact) > 1 or (not exact and len(hits) > 1):
        shown = ", ".join(f"'{found.columns[i]}'" for i in (exact or hits))
        raise SourceError(f"the column of {name} appears more than once ({shown}): keep one")
    found_at = exact or hits
    return found_at[0] if found_at else None


def _cell(value: object) -> tuple[str, str, str]:
    """(display value, value, form) of one field of a Table API record; the form is
    "both", "value" (a reference of display_value=false), "display" or "plain"."""
    if isinstance(value, dict):
        shown, raw = value.get("display_value"), value.get("value")
        form = "both" if shown is not None and raw is not None else "display"
        if shown is None:
            shown, form = raw, "value"
        raw = shown if raw is None else raw
        return ("" if shown is None else str(shown)), ("" if raw is None else str(raw)), form
    text = "" if value is None else str(value).lower() if isinstance(value, bool) else str(value)
    return text, text, "plain"


def _records(data: object, path: str) -> list[dict[str, object]]:
    result = data.get("result") if isinstance(data, dict) else None
    if not isinstance(result, list) or not all(isinstance(r, dict) for r in result):
        raise SourceError(
            f'{path} is not a ServiceNow Table API answer: it holds no {{"result": [...]}} '
            "of records; save the answer of GET /api/now/table/task_sla as it comes"
        )
    return result


def _api_table(text: str, path: str) -> SlaTable:
    try:
        records = _records(json.loads(text), path)
    except ValueError as exc:
        raise SourceError(f"{path} is not JSON: {exc}") from None
    columns = list(dict.fromkeys(key for record in records for key in record))
    shown: list[Cells] = []
    raw: list[Cells] = []
    forms: set[str] = set()
    for record in records:
        cells = [_cell(record.get(column)) for column in columns]
        shown.append([display for display, _, _ in cells])
        raw.append([value for _, value, _ in cells])
        forms.update(form for _, _, form in cells)
    at = columns.index("stage") if "stage" in columns else None
    stages = {values[at] for values in raw} if at is not None else set()
    values = "value" in forms or (bool(stages) and stages <= _RAW_STAGES and "display" not in forms)
    both = "both" in forms
    rows = zip(range(1, len(shown) + 1), shown, raw if both else [None] * len(shown), strict=True)
    return SlaTable(columns, rows, utc=both or values)


def _csv_rows(reader: Iterator[list[str]], width: int, path: str) -> Rows:
    """The data rows of a CSV reader, a blank one left out, a short one filled up."""
    number = 1
    try:
        for number, row in enumerate(reader, start=2):
            if len(row) < width or not row[0]:
                if not "".join(row).strip():
                    continue  # a blank line, as spreadsheets leave them
                row = [*row, *[""] * (width - len(row))]
            yield number, row, None
    except csv.Error as exc:
        raise SourceError(f"{path}: row {number + 1}: not readable as CSV: {exc}") from None


def read_sla_table(path: str, encoding: str | None) -> SlaTable:
    """The export at ``path`` as a table; SourceError when it is neither CSV nor JSON."""
    text = decode(read_bytes(path), path, encoding)
    if text.lstrip().startswith(("{", "[")):
        return _api_table(text, path)
    csv.field_size_limit(MAX_CELL)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator(text), strict=True)
    try:
        header = next(reader, [])
    except csv.Error as exc:
        raise SourceError(f"{path}: row 1: not readable as CSV: {exc}") from None
    return SlaTable(header, _csv_rows(reader, len(header), path), utc=False)
