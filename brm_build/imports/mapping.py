"""Mapping files (imports.md): where an export comes from and how its columns become
fields. A mapping is read and validated like a record, so that its findings carry file,
line and field, and an unknown key gets a "did you mean"."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import Field, StrictBool

from ..findings import Finding, error
from ..model.common import Date, Id, Record, Text, YearlyPeriod, empty_list
from ..reading import parse_file, read_text
from ..validation import validate
from ..yamlsource import Document

SURVEY_SOURCES = ("csv", "gforms", "msforms", "qualtrics", "surveymonkey")
SurveySource = Literal["csv", "gforms", "msforms", "qualtrics", "surveymonkey"]
MAX_MAPPING_BYTES = 1_048_576


class SurveyColumns(Record):
    """Which source column holds each field of a response (brm field: source column)."""

    customer: Text | None = None
    csat: Text | None = None
    nps: Text | None = None
    service: Text | None = None
    respondent_role: Text | None = None
    comment: Text | None = Field(
        default=None, description="Free text: goes to the restricted comment."
    )
    key: Text | None = Field(
        default=None,
        description="What makes a response unique (default: the source's own response id, "
        "else the whole row).",
    )
    email: Text | None = Field(
        default=None,
        description="The respondent's e-mail for customer_by_email, when the source's own "
        "e-mail column has another name. Read only to match; never written.",
    )


class SurveyValues(Record):
    """Per field: which brm value each source answer means."""

    customer: dict[str, Id] | None = None
    csat: dict[str, int] | None = None
    nps: dict[str, int] | None = None
    service: dict[str, Id] | None = None
    respondent_role: dict[str, Literal["customer", "purchaser", "user"]] | None = None


class SurveyMapping(Record):
    """A mapping for ``brm import survey``: a forms tool's export becomes responses."""

    source: SurveySource
    survey: Id = Field(description="records/surveys/<survey>.yaml, created or extended.")
    title: Text | None = Field(default=None, description="Required when the survey is new.")
    period: YearlyPeriod
    closed: Date | None = None
    columns: SurveyColumns = Field(default_factory=SurveyColumns)
    values: SurveyValues = Field(default_factory=SurveyValues)
    skip_values: list[str] = empty_list()
    customer_by_email: StrictBool = False


@dataclass(frozen=True)
class LoadedMapping:
    """A valid mapping with the parsed document it came from (for line numbers)."""

    mapping: SurveyMapping
    document: Document
    path: str

    def line_of(self, *loc: str | int) -> int:
        """The line of the field at ``loc`` in the mapping file."""
        return self.document.position(loc)[0]


def _required_columns(loaded: LoadedMapping) -> list[Finding]:
    """What the schema cannot say: a response needs a csat and a customer (a column, or
    customer_by_email)."""
    m, findings = loaded.mapping, []
    line = loaded.line_of("columns")
    if m.source != "csv" and m.columns.csat is None:
        message = "columns names no csat column: add 'csat: <the question's column>'"
        findings.append(error("mapping-column", loaded.path, line, 1, "columns.csat", message))
    if m.source != "csv" and m.columns.customer is None and not m.customer_by_email:
        message = (
            "columns names no customer column: add 'customer: <the column>', or set "
            "customer_by_email: true to find the unit by the respondent's e-mail"
        )
        findings.append(error("mapping-column", loaded.path, line, 1, "columns.customer", message))
    return findings


def against_survey(loaded: LoadedMapping, exists: bool, period: str | None) -> list[Finding]:
    """What the mapping says that the survey it names contradicts: a new survey needs a
    title, and an existing one is of its own period."""
    m, path = loaded.mapping, f"records/surveys/{loaded.mapping.survey}.yaml"
    if not exists and m.title is None:
        message = f"{path} does not exist yet: give the new survey a title"
        return [error("mapping-title", loaded.path, loaded.line_of("survey"), 1, "title", message)]
    if exists and period is not None and period != m.period:
        message = f"the survey {m.survey} is of {period}, not {m.period}: correct the period"
        return [
            error("mapping-period", loaded.path, loaded.line_of("period"), 1, "period", message)
        ]
    return []


def parse_mapping_text(text: str, path: str) -> tuple[LoadedMapping | None, list[Finding]]:
    """Validate a mapping file's text: the mapping (None when its schema fails) and its
    findings; a mapping with findings must not be used."""
    parsed = parse_file(text, path, markdown=False)
    if parsed.document is None or parsed.findings:
        return None, list(parsed.findings)
    model, findings = validate(parsed.document, SurveyMapping, path)
    if model is None:
        return None, findings
    loaded = LoadedMapping(model, parsed.document, path)
    return loaded, _required_columns(loaded)


def load_mapping(abspath: str, path: str) -> tuple[LoadedMapping | None, list[Finding]]:
    """Read and validate the mapping file at ``abspath`` (shown as ``path``)."""
    text, problems = read_text(abspath, path, MAX_MAPPING_BYTES)
    if text is None:
        return None, problems
    return parse_mapping_text(text, path)
