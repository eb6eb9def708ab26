"""Jira Service Management's SLAs as exported (imports.md): the answers of
``GET /rest/servicedeskapi/request/{issueKey}/sla`` gathered into one JSON list of
``{"issueKey": ..., "values": [...]}``. Each completed cycle of an SLA is one row, numbered
from 1 in the file's order; a result is 100 times the completed cycles not breached over
the completed cycles, by the period of their stop time in the mapping's zone."""

from __future__ import annotations

import datetime as dt
import difflib
import zoneinfo
from collections.abc import Iterator
from dataclasses import dataclass

from ..findings import Finding, error, format_field
from .measurement_mapping import LoadedMeasurementsMapping, series_fed
from .readings import Readings, RowProblem, two_series
from .sla_tally import Tally, problem
from .sources_context import SourceContext
from .tables import SourceError, not_source, read_json
from .times import period_of

FIELDS = ("sla", "project", "issueKey")
"""What a series may match: the SLA's name, the request's project key and its issue key."""


@dataclass(frozen=True)
class Cycle:
    """One cycle of one SLA of one request, numbered as a row."""

    number: int
    fields: dict[str, str]
    cycle: object
    completed: bool


def _not_jsm(path: str, why: str) -> SourceError:
    hint = ('gather the answers of GET /rest/servicedeskapi/request/{issueKey}/sla as '
            '[{"issueKey": ..., "values": [...]}, ...], or set source:')  # fmt: skip
    return not_source(path, "a Jira Service Management SLA export", why, hint)


def _requests(path: str, encoding: str | None) -> list[dict[str, object]]:
    data = read_json(path, encoding, lambda why: _not_jsm(path, why))
    if not isinstance(data, list):
        raise _not_jsm(path, "it is not a JSON list")
    for n, item in enumerate(data, 1):
        if not isinstance(item, dict) or not isinstance(item.get("issueKey"), str):
            raise _not_jsm(path, f"item {n} has no issueKey")
        if not isinstance(item.get("values"), list):
            raise _not_jsm(path, f"item {n} ({item['issueKey']}) has no list of values")
    return data


def cycles(requests: list[dict[str, object]]) -> Iterator[Cycle]:
    """Every cycle of every SLA, completed ones first within an SLA, as the API lists them."""
    number = 0
    for request in requests:
        key = str(request["issueKey"])
        values = request["values"]
        assert isinstance(values, list)
        for sla in values:
            if not isinstance(sla, dict):
                continue
            fields = {"sla": str(sla.get("name", "")), "project": key.split("-")[0]}
            fields["issueKey"] = key
            completed = sla.get("completedCycles")
            for cycle in completed if isinstance(completed, list) else []:
                number += 1
                yield Cycle(number, fields, cycle, True)
            if sla.get("ongoingCycle") is not None:
                number += 1
                yield Cycle(number, fields, sla["ongoingCycle"], False)


def _stop(cycle: object, zone: zoneinfo.ZoneInfo) -> tuple[int, int]:
    """The year and month of a cycle's stop time in ``zone``: its epochMillis, else its
    iso8601 (which carries its offset)."""
    stop = cycle.get("stopTime") if isinstance(cycle, dict) else None
    millis = stop.get("epochMillis") if isinstance(stop, dict) else None
    text = stop.get("iso8601") if isinstance(stop, dict) else None
    try:
        if isinstance(millis, int) and not isinstance(millis, bool):
            when = dt.datetime.fromtimestamp(millis / 1000, dt.UTC)
        elif isinstance(text, str):
            when = dt.datetime.fromisoformat(text)
            if when.tzinfo is None:
                raise ValueError(text)
        else:
            raise RowProblem("the cycle has no stopTime (epochMillis or iso8601)")
        local = when.astimezone(zone)
    except (ValueError, OverflowError, OSError):
        raise RowProblem(f"stopTime {text or millis!r} is not a time with its zone") from None
    return local.year, local.month


def _breached(cycle: object) -> bool:
    breached = cycle.get("breached") if isinstance(cycle, dict) else None
    if not isinstance(breached, bool):
        raise RowProblem(f"breached {breached!r} is neither true nor false")
    return breached


def _unknown_fields(loaded: LoadedMeasurementsMapping) -> list[Finding]:
    findings = []
    for n, series in enumerate(loaded.mapping.series):
        for name in series.match:
            if name in FIELDS:
                continue
            close = difflib.get_close_matches(name, FIELDS, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"match one of {', '.join(FIELDS)}"
            loc = ("series", n, "match", name)
            line, column = loaded.document.position(loc, key=True)
            message = f"a Jira Service Management SLA has no field '{name}': {hint}"
            findings.append(
                error("mapping-column", loaded.path, line, column, format_field(loc), message)
            )
    return findings


def read_jsm(path: str, context: SourceContext) -> Readings:
    """Results of a Jira Service Management SLA export; SourceError when it is none."""
    loaded = context.needed_mapping("a Jira Service Management export", "SLA")
    requests = _requests(path, context.encoding)
    findings = _unknown_fields(loaded)
    if findings:
        return Readings(findings=findings)
    zone = zoneinfo.ZoneInfo(loaded.mapping.timezone)
    series = loaded.mapping.series
    tally = Tally(series, context.agreements)
    readings = Readings()
    for cycle in cycles(requests):
        readings.rows_read += 1
        hits = series_fed(series, cycle.fields)
        if not hits:
            readings.unmatched += 1
        elif len(hits) > 1:
            why = two_series(f"{cycle.fields['issueKey']} '{cycle.fields['sla']}'", hits)
            readings.problems.append((cycle.number, why))
        elif not cycle.completed:
            why = f"{cycle.fields['issueKey']}: an ongoing cycle: only completed cycles count"
            readings.skipped.append((cycle.number, why))
        else:
            _count(tally, readings, hits[0], cycle, zone)
    readings.results = tally.results()
    return readings


def _count(
    tally: Tally, readings: Readings, index: int, cycle: Cycle, zone: zoneinfo.ZoneInfo
) -> None:
    period = None
    try:
        year, month = _stop(cycle.cycle, zone)
        period = period_of(year, month, tally.grains[index])
        tally.count(index, period, not _breached(cycle.cycle), cycle.number)
    except RowProblem as why:
        said = f"{cycle.fields['issueKey']} '{cycle.fields['sla']}': {why}"
        problem(readings, cycle.number, said, tally.withhold(index, period))
