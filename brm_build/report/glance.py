"""The relationship at a glance: health and its signals, who looks after it, whom the
pack covers."""

from __future__ import annotations

from ..model import Person
from ..site.relations import relationship_manager
from .document import Block, Section, Table
from .scope import Scope


def _person(person: Person | None, internal: bool) -> str:
    if person is None:
        return "none on record"
    text = person.name + (f", {person.title}" if person.title else "") + f" ({person.email})"
    return text + (f", phone {person.phone}" if internal and person.phone else "")


def _covered(s: Scope) -> list[str]:
    below = s.units[1:]
    if s.customer.role == "customer":
        if not below:
            return [f"Covers the customer {s.customer.name}; it has no purchasers."]
        names = ", ".join(s.name(u) for u in below)
        return [
            f"Covers the customer {s.customer.name} and rolls up its "
            f"{len(below)} purchaser{'s' * (len(below) != 1)}: {names}."
        ]
    text = f"Covers the purchaser {s.customer.name}"
    if below:
        return [text + " and the units below it: " + ", ".join(s.name(u) for u in below) + "."]
    return [text + "."]


def glance_section(s: Scope) -> Section:
    """Health rating and signals as of today, relationship manager, units covered."""
    health = s.stats.health.get(s.unit)
    manager = relationship_manager(s.publication, s.unit).person
    lines = [
        *_covered(s),
        f"Manager: {_person(s.customer.manager, s.internal)}.",
        f"Relationship manager: {_person(manager, s.internal)}.",
    ]
    if s.customer.it_budget is not None:  # only in the internal view
        budget = s.customer.it_budget
        lines.append(f"IT budget (restricted): {budget.amount:,.0f} {budget.currency}.")
    if health is None:
        why = "it is retired" if s.customer.retired else "health is rated for customers"
        rating = Block("Health", (f"No health rating: {why}.",))
    else:
        rows = tuple((sig.label, sig.status, sig.value) for sig in health.signals)
        rating = Block(
            f"Health as of {s.today}: {health.status}",
            table=Table(("Signal", "Rating", "What was seen"), rows),
        )
    return Section("glance", "The relationship at a glance", (Block("", tuple(lines)), rating))
