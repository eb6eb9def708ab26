"""Prometheus ``query_range`` answers shaped as its HTTP API gives them, and the mapping
that reads them: ``avg_over_time(probe_success[...])`` of two jobs, a sample every twelve
hours at 11:00 and 23:00 UTC from January to 1 April 2026."""

from __future__ import annotations

import datetime as dt
import json

START = dt.datetime(2026, 1, 1, 11, tzinfo=dt.UTC)
END = dt.datetime(2026, 4, 1, 11, tzinfo=dt.UTC)
ENDS = {
    # midnight in Berlin at the end of January and February is 23:00 UTC the day before
    dt.datetime(2026, 1, 31, 23, tzinfo=dt.UTC): "0.9987",
    dt.datetime(2026, 2, 28, 23, tzinfo=dt.UTC): "0.99953",
    # summer time from 29 March: midnight on 1 April is 22:00 UTC, the last sample before
    # it is at 11:00, and the one at 23:00 is April's
    dt.datetime(2026, 3, 31, 11, tzinfo=dt.UTC): "0.9991",
    dt.datetime(2026, 3, 31, 23, tzinfo=dt.UTC): "0.5",
}


def samples(special: dict[dt.datetime, str] | None = None) -> list[list[object]]:
    """[time, "value"] pairs every twelve hours, the month ends' as ``ENDS`` says."""
    special = ENDS if special is None else special
    out: list[list[object]] = []
    when = START
    while when <= END:
        value = special.get(when, f"{0.999 + (when.day % 7) / 10_000:.5f}")
        out.append([when.timestamp(), value])
        when += dt.timedelta(hours=12)
    return out


def answer(*series: dict[str, object]) -> bytes:
    """A query_range answer as GET /api/v1/query_range gives it."""
    if not series:
        series = (
            {"metric": {"job": "erp", "instance": "erp-prod-1:9115"}, "values": samples()},
            {"metric": {"job": "mes", "instance": "mes-prod-1:9115"}, "values": samples({})},
        )
    data = {"resultType": "matrix", "result": list(series)}
    return json.dumps({"status": "success", "data": data}).encode()


MAPPING = """\
source: prometheus
timezone: Europe/Berlin           # a month ends at midnight in Berlin
scale: 100                        # probe_success is a ratio: the results are percent
series:
  - match: {job: erp}
    agreement: finance-erp-2026
    service_level: availability
"""
