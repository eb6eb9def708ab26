"""The eight record kinds of records.md, version 1.1, as pydantic models.

These models are the single source of truth: ``schemas/*.schema.json`` are generated
from them (``brm schemas``) and a test fails when the committed files drift.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StrictBool

from .common import (
    MAX_COUNT,
    MAX_LEVEL,
    Date,
    Handle,
    Id,
    Markdown,
    Money,
    Number,
    Period,
    Person,
    Record,
    Ref,
    Text,
    Url,
    YearlyPeriod,
    empty_list,
    restricted,
)

Role = Literal["customer", "purchaser"]
UnitStatus = Literal["active", "retired"]


class Contact(Person):
    """A contact person at a business unit, with their role there."""

    role: str | None = None


class Plan(Record):
    """A customer's operational plan and how it changes the need for IT services."""

    period: YearlyPeriod
    summary: Text
    it_impact: str | None = None


class EscalationLevel(Record):
    """One step of the formal escalation channel."""

    level: int = Field(ge=1, le=MAX_LEVEL)
    contact: Person
    when: str | None = None


class Customer(Record):
    """A business unit: a customer (mandate and budget) or a purchaser under one."""

    name: Text
    role: Role
    parent: Id | None = None
    manager: Person
    relationship_manager: Person | None = None
    tier: Id | None = Field(
        default=None,
        description=(
            "The service tier whose meeting cadence applies (a name under tiers in "
            "brm.yaml); a customer's only: its purchasers follow it."
        ),
    )
    cost_center: str | None = None
    it_budget: Money | None = restricted("The unit's IT budget. Restricted.")
    services: list[Id] = empty_list()
    contacts: list[Contact] = empty_list()
    plans: list[Plan] = empty_list()
    escalation: list[EscalationLevel] = empty_list()
    owners: list[Handle] = empty_list()
    summary: Markdown | None = None
    tags: list[str] = empty_list()
    status: UnitStatus = Field(
        default="active",
        description="A retired unit was reorganised away: it keeps its history and pages.",
    )
    retired_on: Date | None = Field(
        default=None, description="The day the unit was retired (with status retired)."
    )

    @property
    def retired(self) -> bool:
        """Whether the unit was reorganised away (records.md 1.1)."""
        return self.status == "retired"

    @property
    def watched(self) -> bool:
        """Whether its relationship needs attention: a customer, not retired (records.md).

        Attention warnings, the dashboard's glances and relationship health read this."""
        return self.role == "customer" and not self.retired


class Service(Record):
    """An IT service in the light catalogue that BRM refers to."""

    name: Text
    description: str | None = None
    owner: Person
    status: Literal["pipeline", "live", "retired"]
    support_hours: str | None = None


class Signatures(Record):
    """Who signed an agreement, on each side, and when."""

    customer: Person | None = None
    it: Person | None = None
    date: Date | None = None


class EarlierTarget(Record):
    """A target that was in force up to and including the period ``until`` (1.1)."""

    until: Period
    target: Number


class ServiceLevel(Record):
    """An agreed service-level target, with the targets that were in force before it."""

    id: Id
    metric: Text
    target: Number
    unit: Text
    direction: Literal["at_least", "at_most"]
    period: Literal["month", "quarter"] = "month"
    earlier_targets: list[EarlierTarget] = empty_list()


class Funding(Money):
    """How the delivery under an agreement is funded."""

    period: Literal["year", "month", "once"]
    cost_center: str | None = None


class Agreement(Record):
    """An agreement with a customer: services, service levels and funding."""

    title: Text
    customer: Id
    services: list[Id] = Field(min_length=1)
    status: Literal["draft", "active", "expired", "terminated"]
    valid_from: Date
    valid_until: Date | None = None
    review_by: Date | None = None
    signed: Signatures | None = None
    service_levels: list[ServiceLevel] = empty_list()
    funding: Funding | None = restricted("Funding of the delivery. Restricted.")
    document: Url | None = None
    notes: Markdown | None = None


class Attendee(Record):
    """Someone at a meeting, from the business or from IT."""

    name: Text
    side: Literal["business", "it"]


class Action(Record):
    """An action agreed at a meeting."""

    text: Text
    owner: Text
    due: Date | None = None
    status: Literal["open", "done", "dropped"]


class Requirement(Record):
    """A requirement for a new or changed service, raised at a meeting."""

    text: Text
    service: Id | None = None
    status: Literal["proposed", "accepted", "rejected", "delivered"]


class Meeting(Record):
    """A meeting's front matter; its notes are the Markdown body of the file."""

    title: Text
    date: Date
    customers: list[Id] = Field(min_length=1)
    type: Literal[
        "relationship-review",
        "service-review",
        "planning",
        "escalation",
        "satisfaction",
        "other",
    ]
    attendees: list[Attendee] = empty_list()
    agreements: list[Id] = empty_list()
    projects: list[Id] = empty_list()
    decisions: list[Text] = empty_list()
    actions: list[Action] = empty_list()
    requirements: list[Requirement] = empty_list()


class Response(Record):
    """One answer to a satisfaction survey."""

    customer: Id
    csat: int = Field(ge=1, le=5)
    nps: int | None = Field(default=None, ge=0, le=10)
    service: Id | None = None
    respondent_role: Literal["customer", "purchaser", "user"] | None = None
    comment: str | None = restricted("Free-text comment. Restricted.")
    ref: Ref | None = Field(
        default=None,
        description="Written by brm import: recognises a response imported before (1.1).",
    )


class Survey(Record):
    """A customer-satisfaction survey round with its responses."""

    title: Text
    period: YearlyPeriod
    closed: Date | None = None
    invited: dict[Id, Annotated[int, Field(ge=1, le=MAX_COUNT)]] = Field(
        default_factory=dict,
        description="How many people of each customer were invited: gives the response rate.",
        json_schema_extra={"default": {}},
    )
    responses: list[Response]


class Measurement(Record):
    """Measured service levels for one period."""

    period: Period
    results: dict[Id, Number]
    notes: str | None = None


class Report(Record):
    """Measured service levels for one agreement, by period."""

    agreement: Id
    measurements: list[Measurement]


class Milestone(Record):
    """A project milestone."""

    name: Text
    due: Date
    done: StrictBool = False


class Project(Record):
    """An ongoing project that concerns customers."""

    name: Text
    customers: list[Id]
    services: list[Id] = empty_list()
    status: Literal["planned", "active", "on-hold", "done", "cancelled"]
    health: Literal["green", "amber", "red"] | None = None
    start: Date | None = None
    planned_end: Date | None = None
    forecast_end: Date | None = None
    sponsor: Person | None = None
    milestones: list[Milestone] = empty_list()
    summary: Markdown | None = None


class Feedback(Record):
    """A complaint, compliment or formal escalation."""

    type: Literal["complaint", "compliment", "escalation"]
    date: Date
    customer: Id
    service: Id | None = None
    agreement: Id | None = None
    level: int | None = Field(default=None, ge=1, le=MAX_LEVEL)
    summary: Text
    raised_by: Person | None = restricted("Who raised it. Restricted.")
    status: Literal["open", "resolved", "withdrawn"]
    resolved_on: Date | None = None
    resolution: Markdown | None = None
