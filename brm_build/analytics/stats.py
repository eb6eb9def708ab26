"""Every figure of a records repository in one object: satisfaction, service levels, health."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from ..attention.cadence import meeting_interval
from ..model import Agreement, Customer, Feedback, Meeting, Report, Service, Survey
from ..model.repository import Repository, records
from ..model.settings import BrmConfig, Settings
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
from .signals import Status


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
    health_history: Mapping[str, Mapping[str, Status]] | None = None
    """Each customer's rating at each quarter's end, by customer and then quarter, when
    asked for (it reads the git history)."""
    history_note: str = ""
    """Why the git history was not read, when it was not: the past is then placed in time
    by the records' dates alone."""


@dataclass(frozen=True)
class Tables:
    """The records that the figures read, by kind and id (surveys without their copies)."""

    customers: Mapping[str, Customer]
    services: Mapping[str, Service]
    agreements: Mapping[str, Agreement]
    reports: Mapping[str, Report]
    surveys: Mapping[str, Survey]
    meetings: Mapping[str, Meeting]
    feedback: Mapping[str, Feedback]


def tables(repo: Repository) -> Tables:
    """The records of a repository that the figures read; a survey's copies left out."""
    surveys: dict[str, Survey] = records(repo.surveys)
    copies = survey_copies(surveys)  # counted once, with the survey they copy
    return Tables(
        customers=records(repo.customers),
        services=records(repo.services),
        agreements=records(repo.agreements),
        reports=records(repo.reports),
        surveys={sid: survey for sid, survey in surveys.items() if sid not in copies},
        meetings=records(repo.meetings),
        feedback=records(repo.feedback),
    )


def health_inputs(data: Tables, config: BrmConfig, today: dt.date) -> HealthInputs:
    """Satisfaction, service-level attainment and the records that health is rated on,
    as of ``today``."""
    sat = satisfaction(
        data.surveys.values(),
        data.customers,
        data.services,
        config.thresholds.survey_min_responses,
        config.organisation,
    )
    met = attainment(data.agreements, counted_reports(data.agreements, data.reports, today))
    return HealthInputs(
        data.customers,
        sat,
        met,
        data.agreements,
        list(data.meetings.values()),
        list(data.feedback.values()),
        {cid: meeting_interval(config, data.customers, cid) for cid in data.customers},
    )


def compute_stats(repo: Repository, settings: Settings) -> Stats:
    """Analyse the loaded records as of ``settings.today``."""
    t = settings.config.thresholds
    data = tables(repo)
    inputs = health_inputs(data, settings.config, settings.today)
    index = health_index(inputs)
    return Stats(
        today=settings.today,
        satisfaction=inputs.satisfaction,
        attainment=inputs.attainment,
        health=relationship_health(inputs, t, settings.today, index),
        rules=health_rules(t),
        customers=data.customers,
        services=data.services,
        purchasers=purchaser_health(inputs, t, settings.today, index),
    )
