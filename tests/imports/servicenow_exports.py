"""ServiceNow task_sla exports shaped as the instance writes them, made in the tests: the
same nine task SLAs as a CSV list export (field names or labels as headers, every cell
quoted, BOM, CRLF) and as Table API answers with sysparm_display_value false, true and
all. The instance is in Europe/Berlin: its display values are local, the API's values UTC.

Expected: p1-resolution 2026-02 1 of 2 met (50.0), 2026-03 1 of 1 (100.0; its stop time
is 00:30 on 1 March in Berlin, 23:30 on 28 February in UTC); request-fulfilment 2026-Q1
2 of 3 (66.67). One row is in progress and one cancelled (skipped), one of another
company (unmatched)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zoneinfo

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
P1, REQUEST = "P1 resolution 4h", "Standard request 5 days"
# task, sla, company, stage, has_breached, business %, start and stop (Berlin, in 2026)
_ROWS = """\
INC0010001|P1|Group Finance|Completed|false|45.2|02-03 08:00:00|02-03 09:48:00
INC0010002|P1|Group Finance|Completed|true|130.5|02-10 07:10:00|02-10 13:01:10
INC0010003|P1|Group Finance|Completed|false|20.75|02-28 22:10:00|03-01 00:30:00
INC0010004|P1|Group Finance|In progress|false|60|03-02 10:00:00|
INC0010005|P1|Retail|Completed|true|150|02-11 09:00:00|02-11 15:00:00
RITM0020001|REQUEST|Group Finance|Completed|false|80|01-12 09:00:00|01-15 16:20:00
RITM0020002|REQUEST|Group Finance|Cancelled|false|10|01-20 09:00:00|01-20 11:00:00
RITM0020003|REQUEST|Group Finance|Completed|false|99.1|02-02 09:00:00|02-06 17:00:00
RITM0020004|REQUEST|Group Finance|Completed|true|1,140.0|03-02 09:00:00|03-31 17:00:00
"""
TASK_SLAS = [
    [*cells[:6], *(f"2026-{t}" if t else "" for t in cells[6:])]
    for line in _ROWS.splitlines()
    for cells in [line.replace("|P1|", f"|{P1}|").replace("|REQUEST|", f"|{REQUEST}|").split("|")]
]
NAMES = ["task", "sla", "task.company", "stage", "has_breached", "business_percentage",
         "start_time", "end_time"]  # fmt: skip
LABELS = ["Task", "SLA definition", "Task.Company", "Stage", "Has breached",
          "Business elapsed percentage", "Start time", "Stop time"]  # fmt: skip
STAGES = {"Completed": "completed", "In progress": "in_progress", "Cancelled": "cancelled"}
MAPPING = """\
# ServiceNow task_sla of the Finance ERP agreement
source: servicenow-task-sla
timezone: Europe/Berlin
{extra}series:
  - match: {{sla: {p1}, company: {finance}}}
    agreement: finance-erp-2026
    service_level: p1-resolution
  - match: {{sla: {request}}}
    agreement: finance-erp-2026
    service_level: request-fulfilment
"""


def sys_id(text: str) -> str:
    """A record's 32-hex sys_id, made from its name."""
    return (text.encode().hex() * 4)[:32]


def mapping(by_sys_id: bool = False, time_format: str | None = None) -> str:
    """The mapping of the two series, by display value or by sys_id."""
    names = [P1, "Group Finance", REQUEST]
    p1, finance, request = (f'"{sys_id(n)}"' for n in names) if by_sys_id else names
    extra = f'time_format: "{time_format}"\n' if time_format else ""
    return MAPPING.format(extra=extra, p1=p1, finance=finance, request=request)


def _quoted_csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows(rows)
    return b"\xef\xbb\xbf" + out.getvalue().encode()


def _day_first(stamp: str) -> str:
    if not stamp:
        return ""
    return dt.datetime.fromisoformat(stamp).strftime("%d/%m/%Y %H:%M:%S")


def csv_names() -> bytes:
    """A list export with the fields' names as headers and ISO local times."""
    return _quoted_csv([NAMES, *TASK_SLAS])


def csv_labels() -> bytes:
    """A list export with the labels as headers and day-first local times."""
    rows = [[*r[:6], _day_first(r[6]), _day_first(r[7])] for r in TASK_SLAS]
    return _quoted_csv([LABELS, *rows])


def utc(stamp: str) -> str:
    """A Berlin time as the API's value: UTC."""
    if not stamp:
        return ""
    local = dt.datetime.fromisoformat(stamp).replace(tzinfo=BERLIN)
    return local.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S")


def _reference(name: str, table: str, form: str) -> dict[str, str]:
    link = f"https://meridian.service-now.com/api/now/table/{table}/{sys_id(name)}"
    if form == "false":
        return {"link": link, "value": sys_id(name)}
    if form == "true":
        return {"display_value": name, "link": link}
    return {"display_value": name, "link": link, "value": sys_id(name)}


def _record(row: list[str], form: str) -> dict[str, object]:
    task, sla, company, stage, breached, percent, start, stop = row
    values = {"stage": STAGES[stage], "has_breached": breached, "business_percentage": percent,
              "start_time": utc(start), "end_time": utc(stop)}  # fmt: skip
    shown = {"stage": stage, "has_breached": breached, "business_percentage": percent,
             "start_time": start, "end_time": stop}  # fmt: skip
    record: dict[str, object] = {
        "task": _reference(task, "task", form),
        "sla": _reference(sla, "contract_sla", form),
        "task.company": _reference(company, "core_company", form),
    }
    for key in values:
        if form == "false":
            record[key] = values[key]
        elif form == "true":
            record[key] = shown[key]
        else:
            record[key] = {"display_value": shown[key], "value": values[key]}
    return record


def table_api(form: str) -> bytes:
    """GET /api/now/table/task_sla?sysparm_display_value=<form> as it answers."""
    result = [_record(row, form) for row in TASK_SLAS]
    return json.dumps({"result": result}, indent=2).encode()
