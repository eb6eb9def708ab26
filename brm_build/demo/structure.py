"""One unit of scale: a company of the demo group with its customers, services and agreements.

Everything is derived from a seeded random generator and the reference date, so the same
seed and date give the same files, and every date falls where no warning is due.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from .vocabulary import DIVISIONS, SERVICES, ascii_slug, person
from .yamltext import Value

DOMAIN = "demo-group.example"
_LEVELS: tuple[tuple[str, str, float, str, str], ...] = (
    ("availability", "Availability during support hours", 99.5, "percent", "at_least"),
    ("incident-response", "Response time for priority 1 and 2 incidents", 4, "hours", "at_most"),
    ("p1-resolution", "Resolution time for priority 1 incidents", 8, "hours", "at_most"),
    ("first-call-resolution", "Requests solved at first contact", 70, "percent", "at_least"),
)


@dataclass(frozen=True, slots=True)
class Unit:
    """A business unit of a company: a customer (its division) or a purchaser."""

    id: str
    name: str
    division: int
    parent: str | None


@dataclass(frozen=True, slots=True)
class AgreementPlan:
    """An agreement with a division: when it ran, in what status, with which levels."""

    id: str
    division: int
    status: str
    valid_from: dt.date
    valid_until: dt.date
    levels: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Company:
    """One unit of scale: its id prefix, reference date, units and agreements."""

    index: int
    prefix: str
    name: str
    today: dt.date
    units: tuple[Unit, ...]
    agreements: tuple[AgreementPlan, ...]

    def service(self, slug: str) -> str:
        """The id of this company's service ``slug``."""
        return f"{self.prefix}-{slug}"

    def division_units(self, division: int) -> list[Unit]:
        """The customer of a division first, then its purchasers."""
        return [u for u in self.units if u.division == division]

    def active_agreement(self, division: int) -> AgreementPlan:
        """The agreement in force with a division."""
        return next(a for a in self.agreements if a.division == division and a.status == "active")

    def project(self, division: int) -> str:
        """The id of the project that concerns a division."""
        return f"{self.prefix}-{DIVISIONS[division].slug}-programme"


def _units(prefix: str) -> tuple[Unit, ...]:
    units: list[Unit] = []
    for d, division in enumerate(DIVISIONS):
        customer = f"{prefix}-{division.slug}"
        units.append(Unit(customer, division.name, d, None))
        lines = [f"{customer}-{ascii_slug(line)}" for line in division.lines]
        for i, line in enumerate(division.lines):
            # the last business line sits under the first: some purchasers are two deep
            parent = lines[0] if i == len(lines) - 1 else customer
            units.append(Unit(lines[i], f"{division.name}, {line}", d, parent))
    return tuple(units)


def _agreements(prefix: str, today: dt.date, rng: random.Random) -> tuple[AgreementPlan, ...]:
    plans: list[AgreementPlan] = []
    year = today.year
    for d, division in enumerate(DIVISIONS):
        for start, status in ((year - 5, "expired"), (year - 3, "ended"), (year - 1, "active")):
            if status == "ended":
                status = "terminated" if d % 3 == 0 else "expired"
            levels = tuple(sorted(rng.sample(range(len(_LEVELS)), rng.randint(2, 4))))
            plans.append(
                AgreementPlan(
                    f"{prefix}-{division.slug}-{start}",
                    d,
                    status,
                    dt.date(start, 1, 1),
                    dt.date(start + 2, 12, 31)
                    if status == "active"
                    else dt.date(start + 1, 12, 31),
                    levels,
                )
            )
    return tuple(plans)


def company(index: int, seed: int, today: dt.date) -> Company:
    """The ``index``-th company: the same for a given seed at every scale."""
    rng = random.Random(f"{seed}/{index}/structure")
    prefix = f"c{index + 1:03d}"
    return Company(
        index,
        prefix,
        f"Demo Company {index + 1}",
        today,
        _units(prefix),
        _agreements(prefix, today, rng),
    )


def _owners(*people: dict[str, Value]) -> list[Value]:
    return [f"@{ascii_slug(str(p['name']))}" for p in people]


def customer_record(co: Company, unit: Unit, rng: random.Random) -> dict[str, Value]:
    """A customer or purchaser record."""
    division = DIVISIONS[unit.division]
    is_customer = unit.parent is None
    manager = person(rng, DOMAIN, division.manager_title if is_customer else "Head of unit")
    manager_rm = person(rng, DOMAIN, "Business Relationship Manager")
    record: dict[str, Value] = {
        "name": f"{co.name} {unit.name}",
        "role": "customer" if is_customer else "purchaser",
        "parent": unit.parent,
        "manager": manager,
        "relationship_manager": manager_rm if is_customer else None,
        "cost_center": f"CC-{co.index + 1:03d}{unit.division}{rng.randint(10, 99)}",
        "services": [co.service(s) for s in division.services],
        "contacts": [
            {**person(rng, DOMAIN, "Key user lead"), "role": "Day-to-day contact for changes"}
        ],
        "owners": _owners(manager_rm if is_customer else manager),
        "summary": f"{unit.name} of {co.name}. Uses {', '.join(division.services)}.\n",
        "tags": [division.slug],
    }
    if is_customer:
        record["it_budget"] = {"amount": rng.randrange(200, 3000) * 1000, "currency": "EUR"}
        record["plans"] = _plans(co.today, rng)
        record["escalation"] = [
            {"level": level, "contact": person(rng, DOMAIN, title), "when": when}
            for level, title, when in (
                (1, "Business Relationship Manager", "A service level is missed."),
                (2, "Head of Service Management", "Level 1 is not resolved in five days."),
                (3, "Chief Information Officer", "The business is at risk."),
            )
        ]
    return record


def _plans(today: dt.date, rng: random.Random) -> list[Value]:
    return [
        {
            "period": f"{today.year + offset}-Q{rng.randint(1, 4)}",
            "summary": f"Grow the business by {rng.randint(2, 15)} % with the same staff.",
            "it_impact": "More self-service and automation in the services this unit uses.",
        }
        for offset in (0, 1)
    ]


def service_record(co: Company, slug: str, rng: random.Random) -> dict[str, Value]:
    """A service of the catalogue."""
    name, hours = next((n, h) for s, n, h in SERVICES if s == slug)
    return {
        "name": f"{name} ({co.name})",
        "description": f"{name} for every division of {co.name}.\n",
        "owner": person(rng, DOMAIN, f"Service Owner, {name}"),
        "status": "live",
        "support_hours": hours,
    }


def agreement_record(co: Company, plan: AgreementPlan, rng: random.Random) -> dict[str, Value]:
    """An agreement with a division's customer."""
    division = DIVISIONS[plan.division]
    return {
        "title": f"{division.name} services {plan.valid_from.year}-{plan.valid_until.year}",
        "customer": f"{co.prefix}-{division.slug}",
        "services": [co.service(s) for s in division.services],
        "status": plan.status,
        "valid_from": plan.valid_from,
        "valid_until": plan.valid_until,
        "review_by": plan.valid_until - dt.timedelta(days=120),
        "signed": {
            "customer": person(rng, DOMAIN, division.manager_title),
            "it": person(rng, DOMAIN, "Chief Information Officer"),
            "date": plan.valid_from - dt.timedelta(days=rng.randint(10, 40)),
        },
        "service_levels": [
            {"id": i, "metric": m, "target": t, "unit": u, "direction": d, "period": "month"}
            for i, m, t, u, d in (_LEVELS[n] for n in plan.levels)
        ],
        "funding": {
            "amount": rng.randrange(100, 2500) * 1000,
            "currency": "EUR",
            "period": "year",
        },
        "document": f"https://intranet.{DOMAIN}/agreements/{plan.id}.pdf",
    }


def _months(first: dt.date, last: dt.date) -> list[str]:
    months, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(f"{year}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def report_record(co: Company, plan: AgreementPlan, rng: random.Random) -> dict[str, Value]:
    """The measured service levels of an agreement, one entry per month it ran."""
    last_month = co.today.replace(day=1) - dt.timedelta(days=1)
    measurements: list[Value] = []
    for period in _months(plan.valid_from, min(plan.valid_until, last_month)):
        results: dict[str, Value] = {}
        for n in plan.levels:
            level, _, target, unit, _ = _LEVELS[n]
            spread = 0.4 if unit == "percent" and target > 90 else target * 0.3
            results[level] = round(target + rng.uniform(-spread, spread), 2)
        measurements.append({"period": period, "results": results})
    return {"agreement": plan.id, "measurements": measurements}
