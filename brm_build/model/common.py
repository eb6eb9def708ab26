"""Shared value types of the records format: ids, dates, periods, people and money."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints
from pydantic.fields import FieldInfo

from .ids import ID_PATTERN, MAX_ID_LENGTH

PERIOD_PATTERN = r"^(19[0-9]{2}|2[01][0-9]{2})-((0[1-9]|1[0-2])|Q[1-4])$"
"""A month ``YYYY-MM`` or quarter ``YYYY-Qn`` of the years 1900 to 2199: a bounded span, so
that filling the gaps between two periods never runs for minutes."""
PERIOD_HINT = "a period: YYYY-MM (month) or YYYY-Qn (quarter), of the years 1900 to 2199"
YEARLY_PERIOD_PATTERN = r"^(19[0-9]{2}|2[01][0-9]{2})(-((0[1-9]|1[0-2])|Q[1-4]))?$"
"""A plan's or a survey's period (1.1): also a whole year ``YYYY``."""
YEARLY_PERIOD_HINT = (
    "a period: YYYY (year, quoted), YYYY-Qn (quarter) or YYYY-MM (month), of the years 1900 to 2199"
)
REF_PATTERN = r"^[0-9a-f]{12}$"
"""A response's ``ref``: 12 hex digits of SHA-256 written by ``brm import`` (1.1)."""
MAX_COUNT = 10_000_000
"""The most people a count may hold (those invited to a survey): more than any organisation,
and far from where a rate of them stops being a float."""
MAX_LEVEL = 99
"""The highest escalation level: a channel has a handful."""
MAX_NUMBER = 1e15
"""The largest size of a target, result or amount: far beyond any real one, and far from
where sums and chart scales overflow."""
ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")

#: Marks a field that is never published unless brm.yaml opts in (records.md, "Restricted").
RESTRICTED = "x-brm-restricted"


def _iso_date(value: Any) -> Any:
    """Accept a quoted ISO date as well as YAML's unquoted one."""
    if isinstance(value, str) and ISO_DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=MAX_ID_LENGTH)]
Date = Annotated[dt.date, BeforeValidator(_iso_date)]
Period = Annotated[str, StringConstraints(pattern=PERIOD_PATTERN)]
YearlyPeriod = Annotated[str, StringConstraints(pattern=YEARLY_PERIOD_PATTERN)]
Ref = Annotated[str, StringConstraints(pattern=REF_PATTERN)]
Text = Annotated[str, StringConstraints(min_length=1)]
Number = Annotated[float, Field(ge=-MAX_NUMBER, le=MAX_NUMBER)]
Markdown = Annotated[str, Field(json_schema_extra={"format": "markdown"})]
Email = Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
Currency = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
Url = Annotated[str, StringConstraints(pattern=r"^https?://\S+$")]
HOST_URL_PATTERN = r"^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~%+/-]*)?$"
"""The web address of a repository host (brm.yaml): host, port and path of plain characters,
no query, quote or markup, as it is written into links and pages."""
Handle = Annotated[
    str, StringConstraints(pattern=r"^@[A-Za-z0-9][A-Za-z0-9_.-]*(/[A-Za-z0-9_.-]+)?$")
]


def is_restricted(info: FieldInfo) -> bool:
    """Whether a model field is restricted: validated, never published unless opted in."""
    extra = info.json_schema_extra
    return isinstance(extra, dict) and extra.get(RESTRICTED) is True


def empty_list() -> Any:
    """An optional list, empty unless given: made afresh for each record, as pydantic would
    otherwise deep-copy a shared ``[]`` default into every one (JSON Schema: ``[]``)."""
    return Field(default_factory=list, json_schema_extra={"default": []})


def restricted(description: str) -> Any:
    """A field that is validated but never published unless opted in by name."""
    return Field(default=None, description=description, json_schema_extra={RESTRICTED: True})


class Record(BaseModel):
    """Base of every record model: strict types, unknown fields are errors. A model's
    validator is built when it first validates (``defer_build``): a check that validates
    a few files builds only the models of their kinds."""

    model_config = ConfigDict(
        extra="forbid", strict=True, frozen=True, allow_inf_nan=False, defer_build=True
    )


class Person(Record):
    """A person: name and email, optionally a title and a (restricted) phone."""

    name: Text
    email: Email
    title: str | None = None
    phone: str | None = restricted("Personal data: never published unless opted in.")


class Money(Record):
    """An amount in an ISO 4217 currency."""

    amount: float = Field(ge=0, le=MAX_NUMBER)
    currency: Currency
