"""The words the demo organisation is made of: divisions, services, people and topics."""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass

from .yamltext import Value


@dataclass(frozen=True, slots=True)
class Division:
    """A division (a customer) and the business lines under it (its purchasers)."""

    slug: str
    name: str
    manager_title: str
    lines: tuple[str, ...]
    services: tuple[str, ...]


DIVISIONS: tuple[Division, ...] = (
    Division(
        "finance",
        "Finance",
        "Chief Financial Officer",
        ("Accounts Payable", "Controlling", "Treasury", "Tax"),
        ("erp", "reporting", "workplace"),
    ),
    Division(
        "manufacturing",
        "Manufacturing",
        "Chief Operating Officer",
        ("Plant North", "Plant South", "Quality", "Maintenance"),
        ("mes", "erp", "site-network"),
    ),
    Division(
        "retail",
        "Retail",
        "Managing Director, Retail",
        ("Stores North", "Stores South", "Store Operations", "Loss Prevention"),
        ("pos", "site-network", "service-desk"),
    ),
    Division(
        "supply-chain",
        "Supply Chain",
        "Supply Chain Director",
        ("Warehousing", "Transport", "Planning", "Procurement"),
        ("wms", "erp", "reporting"),
    ),
    Division(
        "human-resources",
        "Human Resources",
        "Chief People Officer",
        ("Payroll", "Recruiting", "Learning", "Employee Services"),
        ("hr-platform", "workplace", "service-desk"),
    ),
    Division(
        "sales-marketing",
        "Sales and Marketing",
        "Chief Commercial Officer",
        ("E-commerce", "Key Accounts", "Brand", "Customer Insights"),
        ("ecommerce", "reporting", "workplace"),
    ),
    Division(
        "research-development",
        "Research and Development",
        "Chief Technology Officer",
        ("Product Engineering", "Test Lab", "Materials", "Innovation"),
        ("reporting", "workplace", "site-network"),
    ),
    Division(
        "legal",
        "Legal and Compliance",
        "General Counsel",
        ("Contracts", "Compliance", "Data Protection", "Company Secretariat"),
        ("workplace", "service-desk", "reporting"),
    ),
    Division(
        "customer-service",
        "Customer Service",
        "Customer Service Director",
        ("Contact Centre", "Field Service", "Returns", "Service Quality"),
        ("service-desk", "ecommerce", "workplace"),
    ),
    Division(
        "facilities",
        "Facilities and Real Estate",
        "Head of Facilities",
        ("Buildings North", "Buildings South", "Energy", "Security"),
        ("site-network", "workplace", "erp"),
    ),
)

SERVICES: tuple[tuple[str, str, str], ...] = (
    ("erp", "Core ERP", "Mon-Fri 07:00-19:00 CET; extended at month end"),
    ("reporting", "Reporting and analytics", "Mon-Fri 07:00-18:00 CET"),
    ("workplace", "Digital workplace", "24/7"),
    ("service-desk", "Service desk", "Mon-Sat 06:00-22:00 CET"),
    ("mes", "Manufacturing execution", "24/7 with on-call engineers"),
    ("site-network", "Site network", "24/7"),
    ("pos", "Point of sale", "Store opening hours, 7 days"),
    ("wms", "Warehouse management", "24/7"),
    ("hr-platform", "HR platform", "Mon-Fri 08:00-18:00 CET"),
    ("ecommerce", "E-commerce platform", "24/7"),
)
"""Service slug, name and support hours: the ten services of each unit of scale."""

FIRST_NAMES = (
    "Anna", "Martin", "Julia", "Ole", "Karin", "Tomasz", "Claire", "Henrik", "Priya",
    "Marek", "Beatriz", "Nadia", "Jonas", "Sofia", "Lukas", "Elena", "Mateo", "Ingrid",
    "David", "Amira", "Pieter", "Chloé", "Björn", "Léa", "Jan", "Fatima", "Emil", "Marta",
    "Ravi", "Noor", "Oskar", "Hanna", "Tobias", "Inés", "Kofi", "Greta",
)  # fmt: skip
LAST_NAMES = (
    "Lind", "Keller", "Hartmann", "Olsson", "Nowak", "Dubois", "Dahl", "Raman", "Santos",
    "Haddad", "Berg", "Moreau", "Fischer", "Jansen", "Rossi", "Novak", "Meyer", "Larsen",
    "García", "Kowalski", "Schulz", "Andersson", "Müller", "Petit", "Costa", "Horváth",
    "Ström", "Virtanen", "Brennan", "Okafor", "Yilmaz", "Peters", "Lambert", "Vidal",
)  # fmt: skip

MEETING_TYPES = (
    "relationship-review",
    "service-review",
    "planning",
    "satisfaction",
    "escalation",
    "other",
)
TOPICS = (
    "the upgrade plan for next year",
    "licence costs after the supplier's price change",
    "the backlog of change requests",
    "training for new key users",
    "the pilot with two sites",
    "data quality in the monthly reports",
    "the cutover weekend",
    "support hours during the peak season",
    "the security findings from the last audit",
    "self-service for common requests",
)
VERBS = ("Review", "Agree", "Prepare", "Document", "Test", "Estimate", "Plan", "Share")


def ascii_slug(text: str) -> str:
    """``text`` as lower-case ASCII words joined by hyphens, for ids and emails."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if c.isascii() and (c.isalnum() or c in " -"))
    return "-".join(plain.lower().split())


def person(rng: random.Random, domain: str, title: str | None = None) -> dict[str, Value]:
    """A person with a name, an email at ``domain`` and, when given, a title."""
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    email = f"{ascii_slug(first)}.{ascii_slug(last)}@{domain}"
    found: dict[str, Value] = {"name": f"{first} {last}", "email": email}
    if title:
        found["title"] = title
    return found
