"""ServiceNow's ``task_sla`` table as exported (imports.md): a list export as CSV, its
header the fields' names (``sla``, ``task.company``) or their labels ("SLA definition"),
or a Table API answer ``{"result": [...]}`` with ``sysparm_display_value`` false (values,
times in UTC), true (display values, times in the instance's zone) or all (both). Only
completed task SLAs count: 100 times those not breached over those completed, by the period of
their stop time in the mapping's zone."""

from __future__ import annotations

import difflib
import math
import operator
from collections.abc import Sequence
from dataclasses import dataclass

from ..findings import Finding
from .measurement_mapping import LoadedMeasurementsMapping
from .readings import Readings, RowProblem, number, two_series
from .servicenow_table import SlaTable, column_of, read_sla_table
from .sla_tally import Tally, problem
from .sources_context import SourceContext
from .tables import SourceError
from .times import TimeReader

COMPLETED = "completed"
_COMPLETED = frozenset({"completed", "Completed"})
TRUE = frozenset({"true", "1", "yes"})
FALSE = frozenset({"false", "0", "no"})
_AS_WRITTEN = {"true": True, "false": False}
"""How ServiceNow writes them: looked up before anything else is tried."""


def _breached(text: str) -> bool:
    known = _AS_WRITTEN.get(text)
    if known is not None:
        return known
    value = text.strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise RowProblem(f"has_breached '{text}' is neither true nor false")


def _finite(text: str) -> bool:
    try:
        return math.isfinite(float(text))
    except ValueError:
        return False


def _percentage(text: str) -> None:
    """A business elapsed percentage must be a number (ServiceNow writes 1,234.5)."""
    try:
        value = float(text)
    except ValueError:
        if text.strip():
            number(text.replace(",", "") if "." in text else text, "business_percentage")
        return
    if not math.isfinite(value):
        raise RowProblem(f"business_percentage '{text}' is not a finite number")


def _column(
    table: SlaTable, loaded: LoadedMeasurementsMapping, name: str, path: str
) -> int | Finding:
    """The column of a field every task_sla export has; a finding when the mapping names
    it otherwise (``columns``) and the file has no such column."""
    given = getattr(loaded.mapping.columns, name)
    index = column_of(table, given or name)
    if index is not None:
        return index
    if given is not None:
        close = difflib.get_close_matches(given, table.columns, n=1)
        hint = f": did you mean '{close[0]}'?" if close else ": correct the column name"
        message = f"the file has no column '{given}'{hint}"
        return loaded.error("mapping-column", ("columns", name), message)
    raise SourceError(
        f"{path} is not a ServiceNow task_sla export: it has no column {name}; export "
        "the task_sla list with the columns Task, SLA definition, Stage, Has breached "
        "and Stop time, or set source:"
    )


def _matchers(
    table: SlaTable, loaded: LoadedMeasurementsMapping
) -> tuple[list[list[tuple[int, str]]], list[Finding]]:
    """Per series, the (column, value) pairs a row must hold; a finding for each field
    of a ``match`` that the file has no column for."""
    out, findings = [], []
    for n, s in enumerate(loaded.mapping.series):
        pairs = []
        for name, value in s.match.items():
            column = column_of(table, name)
            if column is None:
                close = difflib.get_close_matches(name, table.columns, n=1)
                hint = f": did you mean '{close[0]}'?" if close else ": name one of its columns"
                message = f"the file has no column '{name}'{hint}"
                findings.append(
                    loaded.error("mapping-column", ("series", n, "match", name), message)
                )
            else:
                pairs.append((column, value))
        out.append(pairs)
    return out, findings


class _SeriesOf:
    """Which series a row feeds: the indexes of the series whose ``match`` it holds. An
    export has few distinct combinations of the matched fields, so each is worked out once."""

    def __init__(self, matchers: list[list[tuple[int, str]]]) -> None:
        self.matchers = matchers
        columns = sorted({column for pairs in matchers for column, _ in pairs})
        self.key = operator.itemgetter(*columns) if columns else (lambda cells: ())
        self.known: dict[object, tuple[int, ...]] = {}

    def __call__(self, cells: Sequence[str], raw: Sequence[str] | None) -> tuple[int, ...]:
        if raw is not None:  # a display value or a value may match: not kept
            return self._hits(cells, raw)
        key = self.key(cells)
        hits = self.known.get(key)
        if hits is None:
            hits = self.known[key] = self._hits(cells, None)
        return hits

    def _hits(self, cells: Sequence[str], raw: Sequence[str] | None) -> tuple[int, ...]:
        return tuple(
            i
            for i, pairs in enumerate(self.matchers)
            if all(cells[c] == v or (raw is not None and raw[c] == v) for c, v in pairs)
        )


@dataclass(frozen=True)
class _Columns:
    stage: int
    breached: int
    end: int
    percent: int | None


def _columns(
    table: SlaTable, loaded: LoadedMeasurementsMapping, path: str
) -> _Columns | list[Finding]:
    found = [_column(table, loaded, name, path) for name in ("stage", "has_breached", "end_time")]
    named = loaded.mapping.columns.business_percentage
    percent = column_of(table, named or "business_percentage")
    if named is not None and percent is None:
        found.append(_column(table, loaded, "business_percentage", path))
    findings = [f for f in found if isinstance(f, Finding)]
    if findings:
        return findings
    stage, breached, end = (i for i in found if isinstance(i, int))
    return _Columns(stage, breached, end, percent)


def _counts(
    readings: Readings,
    at: _Columns,
    hits: tuple[int, ...],
    row: int,
    cells: tuple[Sequence[str], Sequence[str]],
) -> bool:
    """Whether a matched row counts: it feeds one series (else it is a problem) and is
    completed (else it is skipped). ``cells`` are its display values and its values."""
    shown, values = cells
    if len(hits) > 1:
        readings.problems.append((row, two_series("the row", hits)))
        return False
    stage = values[at.stage]
    if stage not in _COMPLETED and stage.strip().lower() != COMPLETED:
        why = f"stage is '{shown[at.stage]}': only completed task SLAs count"
        readings.skipped.append((row, why))
        return False
    return True


def read_servicenow(path: str, context: SourceContext) -> Readings:
    """Results of a task_sla export; SourceError when it is none or lacks a column."""
    loaded = context.needed_mapping("a ServiceNow export", "SLA")
    m = loaded.mapping
    table = read_sla_table(path, context.encoding)
    at = _columns(table, loaded, path)
    matchers, findings = _matchers(table, loaded)
    if isinstance(at, list) or findings:
        return Readings(findings=(at if isinstance(at, list) else []) + findings)
    times = TimeReader(None if table.utc else m.time_format, m.timezone, table.utc)
    tally = Tally(m.series, context.agreements)
    readings = Readings()
    series_of = _SeriesOf(matchers)
    for row, shown, raw in table.rows:
        readings.rows_read += 1
        hits = series_of(shown, raw)
        if not hits:
            readings.unmatched += 1
            continue
        values = raw or shown
        simple = len(hits) == 1 and values[at.stage] in _COMPLETED  # most rows: no call
        if not simple and not _counts(readings, at, hits, row, (shown, values)):
            continue
        index, period = hits[0], None
        try:
            period = tally.period(index, times.month(values[at.end], "end_time"))
            breached = _AS_WRITTEN.get(values[at.breached])
            met = not (_breached(values[at.breached]) if breached is None else breached)
            if at.percent is not None and not _finite(values[at.percent]):
                _percentage(values[at.percent])  # says why, unless written 1,234.5 or blank
            tally.count(index, period, met, row)
        except RowProblem as why:
            problem(readings, row, str(why), tally.withhold(index, period))
    readings.results = tally.results()
    return readings
