"""Jira Service Management SLA exports shaped as its REST API answers them: the answers of
``GET /rest/servicedeskapi/request/{issueKey}/sla``, each with its ``issueKey``, gathered
into one JSON list; times as ``iso8601`` (with the offset), ``jira``, ``friendly`` and
``epochMillis``; and the mapping that reads them."""

from __future__ import annotations

import datetime as dt
import json

BERLIN = dt.timezone(dt.timedelta(hours=1))
SITE = "https://meridian.atlassian.net/rest/servicedeskapi/request"


def _time(when: dt.datetime) -> dict[str, object]:
    return {
        "iso8601": when.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "jira": when.strftime("%Y-%m-%dT%H:%M:%S.000%z"),
        "friendly": when.strftime("%d/%b/%y %I:%M %p"),
        "epochMillis": int(when.timestamp() * 1000),
    }


def _duration(hours: float) -> dict[str, object]:
    return {"millis": int(hours * 3_600_000), "friendly": f"{int(hours)}h {int(hours % 1 * 60)}m"}


def cycle(stop: dt.datetime, breached: bool, goal: float = 4) -> dict[str, object]:
    """A completed cycle that stopped at ``stop``."""
    start = stop - dt.timedelta(hours=2)
    return {
        "startTime": _time(start),
        "stopTime": _time(stop),
        "breachTime": _time(start + dt.timedelta(hours=goal)),
        "breached": breached,
        "goalDuration": _duration(goal),
        "elapsedTime": _duration(2),
        "remainingTime": _duration(goal - 2),
    }


def ongoing(start: dt.datetime) -> dict[str, object]:
    return {
        "startTime": _time(start),
        "breachTime": _time(start + dt.timedelta(hours=4)),
        "breached": False,
        "paused": False,
        "withinCalendarHours": True,
        "goalDuration": _duration(4),
        "elapsedTime": _duration(1),
        "remainingTime": _duration(3),
    }


def sla(
    number: int, name: str, done: list[dict[str, object]], now: dict[str, object] | None = None
) -> dict[str, object]:
    value: dict[str, object] = {"id": str(number), "name": name, "completedCycles": done}
    if now is not None:
        value["ongoingCycle"] = now
    value["_links"] = {"self": f"{SITE}/{number}/sla/{number}"}
    return value


def request(key: str, *values: dict[str, object]) -> dict[str, object]:
    """One request's answer with its issue key, as a script that gathers them keeps it."""
    return {
        "issueKey": key,
        "_expands": [],
        "size": len(values),
        "start": 0,
        "limit": 50,
        "isLastPage": True,
        "_links": {"base": "https://meridian.atlassian.net", "context": ""},
        "values": list(values),
    }


def at(day: int, month: int, hour: int = 10, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute, tzinfo=BERLIN)


RESOLUTION = "Time to resolution"
RESPONSE = "Time to first response"
REQUESTS = [
    # February: ERP-11 met and ERP-12 breached its resolution; both answered in time.
    request(
        "ERP-11",
        sla(1, RESPONSE, [cycle(at(3, 2), False)]),
        sla(2, RESOLUTION, [cycle(at(4, 2), False)]),
    ),
    request(
        "ERP-12",
        sla(1, RESPONSE, [cycle(at(9, 2), False)]),
        sla(2, RESOLUTION, [cycle(at(10, 2), True)]),
    ),
    # Stopped at 00:30 on 1 March in Berlin: 23:30 on 28 February in UTC.
    request("ERP-13", sla(2, RESOLUTION, [cycle(at(1, 3, 0, 30), False)])),
    # Reopened: two completed cycles, the first breached, and one still running.
    request(
        "ERP-14",
        sla(2, RESOLUTION, [cycle(at(5, 3), True), cycle(at(20, 3), False)], ongoing(at(28, 3))),
    ),
    # Another project's request, matched by no series.
    request("HR-7", sla(2, RESOLUTION, [cycle(at(6, 3), False)])),
]


def export(requests: list[dict[str, object]] | None = None) -> bytes:
    """The gathered answers as a file."""
    return json.dumps(REQUESTS if requests is None else requests, indent=2).encode()


MAPPING = """\
source: jsm-sla
timezone: Europe/Berlin           # the period of a stop time is its month in Berlin
series:
  - match: {sla: Time to resolution, project: ERP}
    agreement: finance-erp-2026
    service_level: p1-resolution
"""
