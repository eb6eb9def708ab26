"""Mapping files of ``brm import measurements`` (imports.md, "Service-level sources"):
which source rows feed which service level of which agreement, and how the source writes
its times. Read and validated like a record, as the survey mappings are."""

from __future__ import annotations

import datetime as dt
import difflib
import zoneinfo
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, ValidationInfo, field_validator

from ..findings import Finding, error, format_field
from ..model import Agreement
from ..model.common import Id, Record, Text
from ..reading import parse_file, read_text
from ..validation import validate
from ..yamlsource import Document

MAX_MAPPING_BYTES = 1_048_576

MAPPED_SOURCES = ("servicenow-task-sla", "jsm-sla", "prometheus")
"""The service-level sources whose export needs a mapping to know its agreements (brm's
own CSV names them); a new one is an entry here and in ``measurement_sources.READERS``."""
MappedSource = Literal["servicenow-task-sla", "jsm-sla", "prometheus"]


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


def series_fed(series: Sequence[Series], fields: Mapping[str, str]) -> list[int]:
    """The indexes of the series whose every ``match`` field has its value in ``fields``."""
    return [i for i, s in enumerate(series) if s.match.items() <= fields.items()]


class SlaColumns(Record):
    """The columns of a task SLA export when they are named otherwise than by ServiceNow."""

    stage: Text | None = None
    has_breached: Text | None = None
    end_time: Text | None = None
    business_percentage: Text | None = None


class MeasurementsMapping(Record):
    """A mapping for ``brm import measurements``: an ITSM or monitoring export becomes
    results of service levels."""

    source: MappedSource
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
    scale: float = Field(
        default=1,
        gt=0,
        allow_inf_nan=False,
        description="prometheus: what a sample is multiplied by (100 for a ratio of 0 to 1).",
    )
    series: list[Series] = Field(
        min_length=1, description="Which source rows feed which service level."
    )

    @field_validator("time_format", "columns", "scale")
    @classmethod
    def _of_its_source(cls, value: object, info: ValidationInfo) -> object:
        """A field another source reads is an error, never silently ignored."""
        source = info.data.get("source")
        owner = FIELD_SOURCES[str(info.field_name)]
        if source is not None and source != owner:
            raise ValueError(f"{info.field_name} is read only for source {owner}: remove it")
        return value


FIELD_SOURCES = {
    "time_format": "servicenow-task-sla",
    "columns": "servicenow-task-sla",
    "scale": "prometheus",
}
"""The mapping fields that only one source reads (the others' times carry their zone)."""


@dataclass(frozen=True)
class LoadedMeasurementsMapping:
    """A valid mapping with the parsed document it came from (for line numbers)."""

    mapping: MeasurementsMapping
    document: Document
    path: str

    def line_of(self, *loc: str | int) -> int:
        """The line of the field at ``loc`` in the mapping file."""
        return self.document.position(loc)[0]

    def error(self, code: str, loc: tuple[str | int, ...], message: str) -> Finding:
        """An error at the field ``loc`` of the mapping."""
        line, column = self.document.position(loc)
        return error(code, self.path, line, column, format_field(loc), message)


def is_measurements_mapping(document: Document) -> bool:
    """Whether a mapping file's ``source`` is a service-level source (else a survey's)."""
    return document.data.get("source") in MAPPED_SOURCES


def parse_measurements_mapping(
    text: str, path: str
) -> tuple[LoadedMeasurementsMapping | None, list[Finding]]:
    """Validate a mapping file's text: the mapping (None when it fails) and its findings."""
    parsed = parse_file(text, path, markdown=False)
    if parsed.document is None or parsed.findings:
        return None, list(parsed.findings)
    model, findings = validate(parsed.document, MeasurementsMapping, path)
    if model is None:
        return None, findings
    return LoadedMeasurementsMapping(model, parsed.document, path), []


def load_measurements_mapping(
    abspath: str, path: str
) -> tuple[LoadedMeasurementsMapping | None, list[Finding]]:
    """Read and validate the mapping file at ``abspath`` (shown as ``path``)."""
    text, problems = read_text(abspath, path, MAX_MAPPING_BYTES)
    if text is None:
        return None, problems
    return parse_measurements_mapping(text, path)


def against_agreements(
    loaded: LoadedMeasurementsMapping, agreements: Mapping[str, Agreement]
) -> list[Finding]:
    """Series whose agreement or service level does not exist."""
    findings = []
    for n, s in enumerate(loaded.mapping.series):
        agreement = agreements.get(s.agreement)
        if agreement is None:
            close = difflib.get_close_matches(s.agreement, sorted(agreements), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            message = (
                f"unknown agreement '{s.agreement}': there is no "
                f"records/agreements/{s.agreement}.yaml{hint}"
            )
            findings.append(loaded.error("ref-unknown", ("series", n, "agreement"), message))
            continue
        levels = [level.id for level in agreement.service_levels]
        if s.service_level not in levels:
            message = (
                f"the agreement {s.agreement} has no service level '{s.service_level}' "
                f"(it has: {', '.join(levels) or 'none'})"
            )
            findings.append(
                loaded.error("mapping-service-level", ("series", n, "service_level"), message)
            )
    return findings


def names_measurements(text: str, path: str) -> bool:
    """Whether a mapping file's text is for a service-level source (else it is a
    survey's, or unreadable, which the survey mapping's reading says)."""
    parsed = parse_file(text, path, markdown=False)
    return parsed.document is not None and is_measurements_mapping(parsed.document)
