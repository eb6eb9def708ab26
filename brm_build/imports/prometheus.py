"""A Prometheus ``query_range`` answer (imports.md): ``{"status": "success", "data":
{"resultType": "matrix", "result": [{"metric": {...}, "values": [[time, "value"], ...]}]}}``.
Each series of ``result`` is a row, numbered from 1; a mapping series matches its labels.
A period's result is the sample at or last before the period's end (midnight in the
mapping's zone), times the mapping's ``scale``; a period the samples do not reach the end
of gets none yet."""

from __future__ import annotations

import datetime as dt
import math
import zoneinfo
from collections.abc import Mapping
from dataclasses import dataclass

from ..analytics.periods import period_end
from ..model import Agreement
from .measurement_mapping import Series, series_fed
from .readings import Readings, Result, RowProblem, admitted, level_period, two_series
from .sla_tally import DECIMALS
from .sources_context import SourceContext
from .tables import SourceError, not_source, read_json
from .times import period_of


@dataclass(frozen=True)
class Sample:
    """A sample's time (seconds since the epoch) and its value as Prometheus writes it."""

    time: float
    value: str


def _not(path: str, why: str) -> SourceError:
    hint = "save the JSON of GET /api/v1/query_range, or set source:"
    return not_source(path, "a Prometheus query_range answer", why, hint)


def _result(path: str, encoding: str | None) -> list[dict[str, object]]:
    answer = read_json(path, encoding, lambda why: _not(path, why))
    if not isinstance(answer, dict) or not isinstance(answer.get("data"), dict):
        raise _not(path, 'it holds no {"data": {...}}')
    if answer.get("status") != "success":
        raise _not(path, f"its status is {answer.get('status')!r}: {answer.get('error', '')}")
    data = answer["data"]
    if data.get("resultType") != "matrix" or not isinstance(data.get("result"), list):
        raise _not(path, f"its resultType is {data.get('resultType')!r}, not matrix")
    for n, item in enumerate(data["result"], 1):
        if not isinstance(item, dict) or not isinstance(item.get("metric"), dict):
            raise _not(path, f"series {n} has no metric")
        if not isinstance(item.get("values"), list):
            raise _not(path, f"series {n} has no values")
    result: list[dict[str, object]] = data["result"]
    return result


def _samples(values: list[object]) -> list[Sample]:
    samples = []
    for pair in values:
        if not (isinstance(pair, list) and len(pair) == 2 and isinstance(pair[1], str)):
            raise RowProblem(f'a sample {pair!r} is not [time, "value"]')
        when = pair[0]
        if isinstance(when, bool) or not isinstance(when, int | float) or not math.isfinite(when):
            raise RowProblem(f"a sample's time {when!r} is not a time")
        samples.append(Sample(float(when), pair[1]))
    return sorted(samples, key=lambda s: s.time)


def _period_ending_at(when: float, zone: zoneinfo.ZoneInfo, grain: str) -> str:
    """The period a sample at ``when`` speaks for: the one it falls in, or the one it ends
    (a sample at midnight on the 1st is the month before's)."""
    local = dt.datetime.fromtimestamp(when, zone) - dt.timedelta(microseconds=1)
    return period_of(local.year, local.month, grain)


def _end(period: str, zone: zoneinfo.ZoneInfo) -> float:
    after = period_end(period) + dt.timedelta(days=1)
    return dt.datetime(after.year, after.month, after.day, tzinfo=zone).timestamp()


def _value(sample: Sample, scale: float) -> float:
    try:
        value = float(sample.value)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        when = dt.datetime.fromtimestamp(sample.time, dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
        raise RowProblem(f"the sample at {when} is '{sample.value}', not a number")
    return round(value * scale, DECIMALS)


@dataclass(frozen=True)
class _Reading:
    agreements: Mapping[str, Agreement]
    zone: zoneinfo.ZoneInfo
    scale: float

    def results(self, series: Series, row: int, samples: list[Sample], out: Readings) -> None:
        """One result per period the samples reach the end of; a problem withholds its
        period's result only."""
        grain = level_period(self.agreements[series.agreement], series.service_level)
        latest: dict[str, Sample] = {}
        for sample in samples:  # in time order: the last one before each end stays
            latest[_period_ending_at(sample.time, self.zone, grain)] = sample
        last = samples[-1].time if samples else -math.inf
        for period, sample in latest.items():
            if _end(period, self.zone) > last:
                out.skipped.append((row, f"{period} has not ended by the last sample"))
                continue
            try:
                admitted(self.agreements, series.agreement, series.service_level, period)
                value = _value(sample, self.scale)
            except RowProblem as why:
                level = series.service_level
                out.problems.append(
                    (row, f"{why}; the result of {level} for {period} is not written")
                )
                continue
            out.results.append(
                Result(series.agreement, period, series.service_level, value, (row,))
            )


def read_prometheus(path: str, context: SourceContext) -> Readings:
    """Results of a Prometheus query_range answer; SourceError when it is none."""
    loaded = context.needed_mapping("a Prometheus answer", "series")
    m = loaded.mapping
    reading = _Reading(context.agreements, zoneinfo.ZoneInfo(m.timezone), m.scale)
    readings = Readings()
    fed: dict[int, int] = {}
    for row, item in enumerate(_result(path, context.encoding), 1):
        readings.rows_read += 1
        metric = item["metric"]
        assert isinstance(metric, dict)  # _result checked every series
        labels = {str(k): str(v) for k, v in metric.items()}
        hits = series_fed(m.series, labels)
        if not hits:
            readings.unmatched += 1
            continue
        if len(hits) > 1:
            readings.problems.append((row, two_series("the series", hits)))
            continue
        if hits[0] in fed:
            why = (f"series {hits[0] + 1} of the mapping matches row {fed[hits[0]]} as well: "
                   "make its match pick one")  # fmt: skip
            readings.problems.append((row, why))
            continue
        fed[hits[0]] = row
        try:
            values = item["values"]
            assert isinstance(values, list)
            samples = _samples(values)
        except RowProblem as why:
            readings.problems.append((row, str(why)))
            continue
        reading.results(m.series[hits[0]], row, samples, readings)
    return readings
