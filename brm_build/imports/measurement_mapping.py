"""Mapping files of ``brm import measurements`` (imports.md, "Service-level sources"):
which source rows feed which service level of which agreement, and how the source writes
its times. Read and validated like a record, as the survey mappings are."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from ..model.common import Id, Record, Text, empty_list

MEASUREMENT_SOURCES = ("csv",)
"""The service-level sources a mapping may name; a new one is an entry here and in
``measurement_sources.READERS``."""
MeasurementSource = Literal["csv"]


def _zone(name: str) -> str:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"'{name}' is not a time zone: name one of the IANA database, such as "
            "Europe/Berlin or UTC"
        ) from None
    return name


def _time_format(text: str) -> str:
    sample = dt.datetime(2026, 10, 3, 14, 22, 10)
    try:
        back = dt.datetime.strptime(sample.strftime(text), text)
    except ValueError:
        back = None
    if back is None or back.replace(second=0) != sample.replace(second=0):
        raise ValueError(
            f"'{text}' does not read back a date and time: write one such as "
            "'%d/%m/%Y %H:%M:%S' (day, month, year, hours, minutes, seconds)"
        )
    return text


Zone = Annotated[str, AfterValidator(_zone)]
TimeFormat = Annotated[str, AfterValidator(_time_format)]


class Series(Record):
    """Which source rows feed one service level: every ``match`` field equals its value."""

    match: dict[Text, str] = Field(
        min_length=1,
        description="source field (its name, such as sla or task.company, or its label, "
        "such as 'SLA definition'): the value it must equal (display value or value)",
    )
    agreement: Id
    service_level: Id


class SlaColumns(Record):
    """The columns of a task SLA export when they are named otherwise than by ServiceNow."""

    stage: Text | None = None
    has_breached: Text | None = None
    end_time: Text | None = None
    business_percentage: Text | None = None


class MeasurementsMapping(Record):
    """A mapping for ``brm import measurements``: an ITSM or monitoring export becomes
    results of service levels."""

    source: MeasurementSource
    timezone: Zone = Field(
        default="UTC",
        description="The zone the export's times are written in (a ServiceNow instance's "
        "zone); a period ends at midnight there.",
    )
    time_format: TimeFormat | None = Field(
        default=None,
        description="How the export writes a date and time, as strftime does "
        "('%d/%m/%Y %H:%M:%S'); default YYYY-MM-DD HH:MM:SS.",
    )
    columns: SlaColumns = Field(default_factory=SlaColumns)
    series: list[Series] = empty_list()
