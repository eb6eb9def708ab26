"""Whose records a pack shows: the unit, the units below it, and nothing of any other
unit (the audience rule), in the public view unless the pack is internal."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..analytics.stats import Stats
from ..analytics.tree import agreements_for
from ..model import Agreement, Customer, Feedback, Meeting, Project
from ..model.settings import Thresholds
from ..publication import Publication, Published
from ..site.relations import Relations, descendants, relate
from .period import Span, shifted


@dataclass(frozen=True)
class Scope:
    """Everything the sections of one pack are built from."""

    unit: str
    units: tuple[str, ...]
    """The unit first, then every unit below it, depth first."""
    span: Span
    before: Span
    today: dt.date
    internal: bool
    publication: Publication
    """Public view, or with every restricted field when ``internal``."""
    relations: Relations
    stats: Stats
    thresholds: Thresholds

    @property
    def customer(self) -> Customer:
        """The unit the pack is for."""
        return self.publication.customers[self.unit].record

    def name(self, unit: str) -> str:
        """The name of a unit in this pack."""
        return self.publication.customers[unit].record.name

    def meetings(self) -> list[Published[Meeting]]:
        """Meetings with any unit of the pack, in date order."""
        ids = {m for u in self.units for m in self.relations.meetings_of.get(u, [])}
        found = [self.publication.meetings[m] for m in ids]
        return sorted(found, key=lambda m: (m.record.date, m.id))

    def feedback(self) -> list[Published[Feedback]]:
        """Feedback from any unit of the pack, in date order."""
        ids = {f for u in self.units for f in self.relations.feedback_of.get(u, [])}
        found = [self.publication.feedback[f] for f in ids]
        return sorted(found, key=lambda f: (f.record.date, f.id))

    def projects(self) -> list[Published[Project]]:
        """Projects that concern any unit of the pack, by name."""
        ids = {p for u in self.units for p in self.relations.projects_of.get(u, [])}
        found = [self.publication.projects[p] for p in ids]
        return sorted(found, key=lambda p: (p.record.name.casefold(), p.id))

    def agreements(self) -> list[Published[Agreement]]:
        """The agreements of the unit, or for a purchaser those of the customer it buys
        under that cover a service it uses (records.md: only a customer agrees)."""
        records = {aid: a.record for aid, a in self.publication.agreements.items()}
        ids = agreements_for(self.unit, self.stats.customers, records)
        found = [self.publication.agreements[a] for a in ids]
        return sorted(found, key=lambda a: (a.record.valid_from, a.id))

    def role(self, unit: str) -> str:
        """The role of a known unit; empty for one the records do not know."""
        known = self.publication.customers.get(unit)
        return known.record.role if known is not None else ""


def scope(
    unit: str,
    span: Span,
    today: dt.date,
    publication: Publication,
    stats: Stats,
    thresholds: Thresholds,
    internal: bool = False,
    relations: Relations | None = None,
) -> Scope:
    """The scope of the pack for ``unit`` over ``span``; ``relations`` (``relate`` of
    ``publication``) spares relating every record again for each of many packs."""
    rel = relate(publication) if relations is None else relations
    units = (unit, *descendants(rel, unit))
    return Scope(
        unit, units, span, shifted(span, -1), today, internal, publication, rel, stats, thresholds
    )
