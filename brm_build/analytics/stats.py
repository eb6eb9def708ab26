"""Every figure of a records repository in one object: satisfaction, service levels, health."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypeVar

from ..model import Agreement, Customer, Feedback, Meeting, Record, Report, Service, Survey
from ..model.repository import Entry, Repository
from ..model.settings import Settings
from .counted import counted_reports, survey_copies
from .health import (
    Health,
    HealthInputs,
    Rule,
    health_index,
    health_rules,
    purchaser_health,
    relationship_health,
)
from .practice import Practice
from .satisfaction import Satisfaction, satisfaction
from .service_levels import AgreementAttainment, attainment

R = TypeVar("R", bound=Record)


@dataclass(frozen=True)
class Stats:
    """The analysed figures as of one day."""

    today: dt.date
    satisfaction: Satisfaction
    attainment: Mapping[str, AgreementAttainment]
    health: Mapping[str, Health]
    rules: tuple[Rule, ...]
    customers: Mapping[str, Customer]
    services: Mapping[str, Service]
    purchasers: Mapping[str, Health]
    """The health of every purchaser not retired, for its review pack (the dashboard and
    ``health`` rate customers only)."""
    practice: Mapping[str, Practice] | None = None
    """The practice's figures by quarter, when asked for (they read the git history)."""


def records(table: Mapping[str, Entry[R]]) -> dict[str, R]:
    """The models of a repository table, by id."""
    return {key: entry.record for key, entry in sorted(table.items())}


def compute_stats(repo: Repository, settings: Settings) -> Stats:
    """Analyse the loaded records as of ``settings.today``."""
    t = settings.config.thresholds
    customers: dict[str, Customer] = records(repo.customers)
    services: dict[str, Service] = records(repo.services)
    agreements: dict[str, Agreement] = records(repo.agreements)
    reports: dict[str, Report] = records(repo.reports)
    surveys: dict[str, Survey] = records(repo.surveys)
    copies = survey_copies(surveys)  # counted once, with the survey they copy
    surveys = {sid: survey for sid, survey in surveys.items() if sid not in copies}
    meetings: dict[str, Meeting] = records(repo.meetings)
    feedback: dict[str, Feedback] = records(repo.feedback)
    sat = satisfaction(
        surveys.values(),
        customers,
        services,
        t.survey_min_responses,
        settings.config.organisation,
    )
    met = attainment(agreements, counted_reports(agreements, reports, settings.today))
    inputs = HealthInputs(
        customers, sat, met, agreements, list(meetings.values()), list(feedback.values())
    )
    index = health_index(inputs)
    return Stats(
        today=settings.today,
        satisfaction=sat,
        attainment=met,
        health=relationship_health(inputs, t, settings.today, index),
        rules=health_rules(t),
        customers=customers,
        services=services,
        purchasers=purchaser_health(inputs, t, settings.today, index),
    )
