"""One example record of each kind for a new records repository, dated around the day it
is made so that it checks clean: a customer and a purchaser under it, a service, their
agreement with a service level and its report, a meeting, a survey, a project and a
compliment. Every example's id starts with ``example``, so that they are easy to find and
delete."""

from __future__ import annotations

import datetime as dt

from ..demo.yamltext import Value, document
from ..model import KIND_BY_NAME
from ..scaffold import record_path, schema_line

CUSTOMER, PURCHASER, SERVICE = "example-division", "example-team", "example-service"
AGREEMENT = "example-division-services"


def _person(name: str) -> dict[str, Value]:
    return {"name": name, "email": name.lower().replace(" ", ".") + "@example.org"}


def _months_before(day: dt.date, months: int) -> str:
    """The period ``YYYY-MM`` that is ``months`` months before the month of ``day``."""
    index = day.year * 12 + day.month - 1 - months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _units() -> dict[str, dict[str, Value]]:
    return {
        f"customer:{CUSTOMER}": {
            "name": "Example Division",
            "role": "customer",
            "manager": _person("Dana Example"),
            "relationship_manager": _person("Robin Example"),
            "services": [SERVICE],
            "owners": ["@example-owner"],
            "summary": "An example customer: the business unit with the mandate to choose "
            "and fund IT services. Delete it, or make it one of yours.",
        },
        f"customer:{PURCHASER}": {
            "name": "Example Team",
            "role": "purchaser",
            "parent": CUSTOMER,
            "manager": _person("Kim Example"),
            "services": [SERVICE],
        },
        f"service:{SERVICE}": {
            "name": "Example Service",
            "description": "An example IT service from the catalogue.",
            "owner": _person("Sam Example"),
            "status": "live",
            "support_hours": "Mon-Fri 08:00-17:00",
        },
    }


def _agreements(today: dt.date) -> dict[str, dict[str, Value]]:
    level: dict[str, Value] = {
        "id": "availability",
        "metric": "Availability during support hours",
        "target": 99.5,
        "unit": "percent",
        "direction": "at_least",
        "period": "month",
    }
    return {
        f"agreement:{AGREEMENT}": {
            "title": "Services for Example Division",
            "customer": CUSTOMER,
            "services": [SERVICE],
            "status": "active",
            "valid_from": dt.date(today.year - 1, 1, 1),
            "valid_until": dt.date(today.year + 1, 12, 31),
            "service_levels": [level],
        },
        f"report:{AGREEMENT}": {
            "agreement": AGREEMENT,
            "measurements": [
                {"period": _months_before(today, 2), "results": {"availability": 99.8}},
                {"period": _months_before(today, 1), "results": {"availability": 99.3}},
            ],
        },
    }


def _activity(today: dt.date) -> dict[str, dict[str, Value]]:
    day = today.isoformat()
    quarter = f"{today.year}-Q{(today.month - 1) // 3 + 1}"
    answers = [(CUSTOMER, 5, 9), (CUSTOMER, 4, 8), (PURCHASER, 4, 9), (PURCHASER, 3, 6),
               (CUSTOMER, 5, 10)]  # fmt: skip
    return {
        f"survey:example-survey-{quarter.lower()}": {
            "title": f"Example satisfaction survey {quarter}",
            "period": quarter,
            "closed": today,
            "responses": [
                {"customer": unit, "csat": csat, "nps": nps, "service": SERVICE}
                for unit, csat, nps in answers
            ],
        },
        "project:example-project": {
            "name": "Example project",
            "customers": [CUSTOMER],
            "services": [SERVICE],
            "status": "active",
            "health": "green",
            "start": today,
            "planned_end": today + dt.timedelta(days=180),
            "milestones": [{"name": "First release", "due": today + dt.timedelta(days=90)}],
        },
        f"feedback:{day}-example-compliment": {
            "type": "compliment",
            "date": today,
            "customer": CUSTOMER,
            "service": SERVICE,
            "summary": "An example compliment: the service worked well during the month-end.",
            "status": "open",
        },
    }


def _meeting(today: dt.date) -> tuple[str, str]:
    front: dict[str, Value] = {
        "title": "Example relationship review",
        "date": today,
        "customers": [CUSTOMER],
        "type": "relationship-review",
        "attendees": [
            {"name": "Dana Example", "side": "business"},
            {"name": "Robin Example", "side": "it"},
        ],
        "agreements": [AGREEMENT],
        "decisions": ["Keep the availability target at 99.5 percent"],
        "actions": [
            {
                "text": "Share the service report",
                "owner": "Robin Example",
                "due": today + dt.timedelta(days=30),
                "status": "open",
            }
        ],
    }
    kind = KIND_BY_NAME["meeting"]
    path = record_path(kind, f"{today.isoformat()}-example-relationship-review")
    notes = "# Example relationship review\n\nThe notes of the meeting, in Markdown.\n"
    return path, f"---\n{document(front)}---\n{notes}"


def example_files(today: dt.date) -> dict[str, str]:
    """Every example record by its path in the repository, as of ``today``."""
    records = {**_units(), **_agreements(today), **_activity(today)}
    files = dict([_meeting(today)])
    for name, data in records.items():
        kind_name, _, rid = name.partition(":")
        kind = KIND_BY_NAME[kind_name]
        path = record_path(kind, rid)
        files[path] = schema_line(kind, path) + document(data)
    return dict(sorted(files.items()))
