"""Build the review pack of one customer or purchaser for one period: the pipeline from
records to the pack's sections, with no rendering and no output."""

from __future__ import annotations

from ..analytics.stats import Stats, compute_stats
from ..model.repository import Repository
from ..model.settings import Settings
from ..publication import Publication, publish, restricted_names
from ..site.relations import Relations
from .agenda import agenda_section
from .document import Pack
from .feedback import feedback_section
from .glance import glance_section
from .meetings import meetings_section, requirements_section
from .period import Span
from .portfolio import agreements_section, plans_section, projects_section
from .satisfaction import satisfaction_section
from .scope import scope
from .service_levels import service_level_section

SECTIONS = (
    glance_section,
    service_level_section,
    satisfaction_section,
    feedback_section,
    meetings_section,
    requirements_section,
    projects_section,
    plans_section,
    agreements_section,
    agenda_section,
)
"""The sections in the order the pack presents them."""


def build_pack(
    repo: Repository,
    settings: Settings,
    unit: str,
    span: Span,
    internal: bool = False,
    stats: Stats | None = None,
) -> Pack:
    """The pack of ``unit`` (a known customer or purchaser) over ``span``: the public view
    of the records, or with every restricted field when ``internal``."""
    names = restricted_names() if internal else []
    publication = publish(repo, names)
    figures = compute_stats(repo, settings) if stats is None else stats
    return pack_of(publication, figures, settings, unit, span, internal)


def pack_of(
    publication: Publication,
    stats: Stats,
    settings: Settings,
    unit: str,
    span: Span,
    internal: bool = False,
    relations: Relations | None = None,
) -> Pack:
    """The pack of ``unit`` from records already published (``internal``: with every
    restricted field) and their figures; ``relations`` as ``scope`` takes them."""
    t = settings.config.thresholds
    s = scope(unit, span, settings.today, publication, stats, t, internal, relations)
    return Pack(
        unit=unit,
        name=s.customer.name,
        role=s.customer.role,
        period=span.label,
        previous=s.before.label,
        today=str(settings.today),
        internal=internal,
        organisation=settings.config.organisation,
        sections=tuple(section(s) for section in SECTIONS),
    )
