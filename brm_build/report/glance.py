"""The relationship at a glance: health and its signals, who looks after it, whom the
pack covers."""

from __future__ import annotations

from ..model import Person
from ..site.relations import relationship_manager
from .document import Block, Section, Table
from .scope import Scope

PURCHASER_RATING = (
    "Rated by the rules of customer health, on the records of this purchaser and those "
    "below it; service levels and agreements are those of the agreements it buys under, and "
    "its last meeting counts the meetings held with the units it buys under."
)


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
    health = s.stats.health.get(s.unit) or s.stats.purchasers.get(s.unit)
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
        why = "it is retired" if s.customer.retired else "it has no role that is rated"
        rating = Block("Health", (f"No health rating: {why}.",))
    else:
        rows = tuple((sig.label, sig.status, sig.value) for sig in health.signals)
        how = () if s.customer.role == "customer" else (PURCHASER_RATING,)
        rating = Block(
            f"Health as of {s.today}: {health.status}",
            how,
            table=Table(("Signal", "Rating", "What was seen"), rows),
        )
    return Section("glance", "The relationship at a glance", (Block("", tuple(lines)), rating))
