"""ServiceNow's ``task_sla`` table as exported (imports.md): a list export as CSV, its
header the fields' names (``sla``, ``task.company``) or their labels ("SLA definition"),
or a Table API answer ``{"result": [...]}`` with ``sysparm_display_value`` false (values,
times in UTC), true (display values, times in the instance's zone) or all (both). Only
completed task SLAs count: 100 times those not breached over those completed, by the period of
their stop time in the mapping's zone."""

from __future__ import annotations

import difflib
from collections.abc import Sequence

from ..findings import Finding
from .measurement_mapping import LoadedMeasurementsMapping
from .readings import Readings, RowProblem, number
from .servicenow_table import SlaTable, column_of, read_sla_table
from .sla_tally import Tally, problem
from .sources_context import SourceContext
from .tables import SourceError
from .times import TimeReader, period_of

COMPLETED = "completed"
TRUE = frozenset({"true", "1", "yes"})
FALSE = frozenset({"false", "0", "no"})


def _breached(text: str) -> bool:
    value = text.strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise RowProblem(f"has_breached '{text}' is neither true nor false")


def _percentage(text: str) -> None:
    """A business elapsed percentage must be a number (ServiceNow writes 1,234.5)."""
    if text.strip():
        number(text.replace(",", "") if "." in text else text, "business_percentage")


def _column(table: SlaTable, loaded: LoadedMeasurementsMapping, name: str, path: str) -> int:
    """The column of a field every task_sla export has (the mapping may rename it)."""
    given = getattr(loaded.mapping.columns, name)
    index = column_of(table, given or name)
    if index is not None:
        return index
    if given is not None:
        raise SourceError(f"{path} has no column '{given}' (columns.{name} of the mapping)")
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


def _matches(cells: Sequence[str], raw: Sequence[str] | None, pairs: list[tuple[int, str]]) -> bool:
    for column, value in pairs:
        if cells[column] != value and (raw is None or raw[column] != value):
            return False
    return True


def read_servicenow(path: str, context: SourceContext) -> Readings:
    """Results of a task_sla export; SourceError when it is none or lacks a column."""
    loaded = context.mapping
    if loaded is None:
        raise SourceError(
            "a ServiceNow export needs --map MAP: which SLA feeds which service level"
        )
    m = loaded.mapping
    table = read_sla_table(path, context.encoding)
    stage_at, breached_at, end_at = (
        _column(table, loaded, name, path) for name in ("stage", "has_breached", "end_time")
    )
    percent_at = column_of(table, m.columns.business_percentage or "business_percentage")
    matchers, findings = _matchers(table, loaded)
    if findings:
        return Readings(findings=findings)
    times = TimeReader(None if table.utc else m.time_format, m.timezone, table.utc)
    tally = Tally(m.series, context.agreements)
    readings = Readings()
    for n, row in enumerate(table.rows):
        readings.rows_read += 1
        raw = table.raw[n] if table.raw is not None else None
        cells = row.cells
        hits = [i for i, pairs in enumerate(matchers) if _matches(cells, raw, pairs)]
        if not hits:
            readings.unmatched += 1
            continue
        if len(hits) > 1:
            first, second = hits[0] + 1, hits[1] + 1
            why = (
                f"the row matches series {first} and {second} of the mapping: make their "
                "match tell them apart"
            )
            readings.problems.append((row.number, why))
            continue
        index = hits[0]
        stage = (raw or cells)[stage_at]
        if stage.strip().lower() != COMPLETED:
            why = f"stage is '{cells[stage_at]}': only completed task SLAs count"
            readings.skipped.append((row.number, why))
            continue
        period = None
        try:
            year, month = times.month((raw or cells)[end_at], "end_time")
            period = period_of(year, month, tally.grains[index])
            met = not _breached((raw or cells)[breached_at])
            if percent_at is not None:
                _percentage((raw or cells)[percent_at])
            tally.count(index, period, met, row.number)
        except RowProblem as why:
            problem(readings, row.number, str(why), tally.withhold(index, period))
    readings.results = tally.results()
    return readings
