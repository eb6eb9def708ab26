"""brm's own ``reports.measurements.csv``, as ``brm export --format csv`` writes it:
``report,period,notes,service_level,result`` (``agreement`` accepted for ``report``), one
row per result, the period's notes repeated on each of its rows. Importing an export
again changes nothing."""

from __future__ import annotations

from ..escape.spreadsheet import restore
from .readings import Note, Readings, Result, RowProblem, admitted, number, within
from .sources_context import SourceContext
from .tables import Row, SourceError, Table, csv_rows, decode, read_bytes, table


def _columns(found: Table, path: str) -> tuple[int, int, int | None, int, int]:
    header = found.columns
    name = "report" if "report" in header else "agreement"
    needed = [name, "period", "service_level", "result"]
    if not all(column in header for column in needed):
        first = ", ".join(f"'{c}'" for c in header[:4]) or "nothing"
        raise SourceError(
            f"{path} is not a brm CSV of measurements: its first row begins {first}, "
            "without the columns report, period, service_level and result; write the "
            "columns of 'brm export --format csv' (reports.measurements.csv)"
        )
    notes = found.index("notes") if "notes" in header else None
    report, period, level, result = (found.index(c) for c in needed)
    return report, period, notes, level, result


def _cell(row: Row, index: int | None) -> str:
    if index is None or index >= len(row.cells):
        return ""
    return restore(row.cells[index]).strip()


def _note(seen: dict[tuple[str, str], Note], note: Note) -> None:
    """One period's notes, the same on every one of its rows."""
    key = (note.agreement, note.period)
    held = seen.get(key)
    if held is None:
        seen[key] = note
    elif held.text != note.text:
        raise RowProblem(
            f"the notes of {note.period} differ from those of row {held.rows[0]}: a period "
            "has one text of notes"
        )


def _result(seen: dict[tuple[str, str, str], Result], result: Result) -> None:
    """One result, the same wherever the file repeats it."""
    key = (result.agreement, result.period, result.service_level)
    held = seen.get(key)
    if held is None:
        seen[key] = result
    elif held.value != result.value:
        raise RowProblem(
            f"{result.service_level} of {result.period} is {result.value:g} here and "
            f"{held.value:g} in row {held.rows[0]}: keep one"
        )


def read_report_csv(path: str, context: SourceContext) -> Readings:
    """Results and notes of a brm CSV of measurements; SourceError when it is none."""
    rows = csv_rows(decode(read_bytes(path), path, context.encoding), path)
    found = table(rows, rows[0] if rows else [], 1)
    report, period_at, notes_at, level_at, result_at = _columns(found, path)
    readings = Readings()
    results: dict[tuple[str, str, str], Result] = {}
    notes: dict[tuple[str, str], Note] = {}
    for row in found.rows:
        readings.rows_read += 1
        agreement, period = _cell(row, report), _cell(row, period_at)
        level, value = _cell(row, level_at), _cell(row, result_at)
        try:
            if agreement not in context.agreements:
                raise RowProblem(f"'{agreement}' names no agreement")
            within(context.agreements[agreement], agreement, period)
            text = _cell(row, notes_at)
            if text:
                _note(notes, Note(agreement, period, text, (row.number,)))
            if not level and not value:
                if not text:
                    readings.skipped.append((row.number, "no service level and no result"))
                continue
            admitted(context.agreements, agreement, level, period)
            result = Result(agreement, period, level, number(value, "result"), (row.number,))
            _result(results, result)
        except RowProblem as problem:
            readings.problems.append((row.number, str(problem)))
    readings.results = list(results.values())
    readings.notes = list(notes.values())
    return readings
