"""Small record builders for analytics tests: models made in code, no files needed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from brm_build.model import Agreement, Customer, Feedback, Meeting, Person, Report, Survey
from brm_build.model.kinds import Action, Measurement, Response, ServiceLevel

PERSON = Person(name="Ann Example", email="ann@example.org")


def unit(name: str, parent: str | None = None) -> Customer:
    """A customer, or a purchaser when it has a parent."""
    if parent is None:
        return Customer(name=name, role="customer", manager=PERSON, relationship_manager=PERSON)
    return Customer(name=name, role="purchaser", parent=parent, manager=PERSON)


def answer(
    customer: str,
    csat: int,
    nps: int | None = None,
    service: str | None = None,
    role: str | None = None,
) -> Response:
    """One survey response."""
    return Response.model_validate(
        {
            "customer": customer,
            "csat": csat,
            "nps": nps,
            "service": service,
            "respondent_role": role,
        }
    )


def survey(period: str, responses: Sequence[Response]) -> Survey:
    """A survey round of ``period``."""
    return Survey(title=f"Survey {period}", period=period, responses=list(responses))


def level(
    id: str, target: float, direction: str = "at_least", period: str = "month"
) -> ServiceLevel:
    """A service level."""
    return ServiceLevel.model_validate(
        {
            "id": id,
            "metric": f"{id} metric",
            "target": target,
            "unit": "percent",
            "direction": direction,
            "period": period,
        }
    )


def agreement(
    customer: str,
    levels: Sequence[ServiceLevel],
    status: str = "active",
    valid_until: dt.date | None = None,
) -> Agreement:
    """An agreement with ``customer``."""
    return Agreement.model_validate(
        {
            "title": f"Agreement with {customer}",
            "customer": customer,
            "services": ["erp"],
            "status": status,
            "valid_from": dt.date(2024, 1, 1),
            "valid_until": valid_until,
            "service_levels": list(levels),
        }
    )


def report(agreement_id: str, measurements: dict[str, dict[str, float]]) -> Report:
    """A report: results by period."""
    return Report(
        agreement=agreement_id,
        measurements=[Measurement(period=p, results=r) for p, r in measurements.items()],
    )


def meeting(
    date: dt.date, customers: Sequence[str], actions: Sequence[tuple[str, dt.date]] = ()
) -> Meeting:
    """A meeting; ``actions`` are (status, due) pairs."""
    return Meeting.model_validate(
        {
            "title": "Review",
            "date": date,
            "customers": list(customers),
            "type": "relationship-review",
            "actions": [
                Action.model_validate({"text": "Do it", "owner": "Ann", "status": s, "due": d})
                for s, d in actions
            ],
        }
    )


def feedback(kind: str, date: dt.date, customer: str, status: str = "open") -> Feedback:
    """A complaint, compliment or escalation."""
    return Feedback.model_validate(
        {
            "type": kind,
            "date": date,
            "customer": customer,
            "summary": "Something happened",
            "status": status,
            "level": 1 if kind == "escalation" else None,
            "resolved_on": date if status == "resolved" else None,
        }
    )
