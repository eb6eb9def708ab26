"""Generate every page of the site: data in, ``{relative path: Markdown}`` out."""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from jinja2 import Environment
from markupsafe import Markup

from ..analytics.health import health_rules
from ..analytics.periods import period_key
from ..attention.cadence import cadences, described, tier_of
from ..model import Customer, Feedback, Record
from ..publication import Publication, Published
from ..report.site import pack_path, site_quarters
from ..writers import writers_page
from . import links
from .attention import attention
from .calendar import ORGANISATION, calendar_files, unit_calendar
from .cells import Shared
from .context import SiteData, record_history
from .diagram import diagram
from .links import Host, host, record_page
from .markup import Escaper, external_url
from .relations import (
    Relations,
    descendants,
    meeting_items,
    relate,
    relationship_manager,
    retired_units,
    structure,
)
from .search import search_boost, unit_boost
from .summary import calendar_index, customer_summary, unit_figures
from .timeline import timeline
from .views import AgreementLines, customer_view, survey_view

CHANGES_LIMIT = 50
"""How many commits the changes page lists."""

PLAIN_PAGES: dict[str, tuple[str, str]] = {
    "meetings": ("meeting.md.j2", "meeting"),
    "services": ("service.md.j2", "service"),
    "projects": ("project.md.j2", "project"),
    "feedback": ("feedback-item.md.j2", "item"),
}
"""The record pages that show one record as it is: by folder, the template and the name
the record has in it. A new kind's page is one line here and its template."""


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A source file of a record page, and the link that proposes a change to it."""

    path: str
    url: Markup | None


@dataclass(frozen=True)
class Renderer:
    """Renders templates with what every page shares."""

    env: Environment
    data: SiteData
    rel: Relations
    host: Host | None
    cells: Shared
    lines: AgreementLines

    def page(self, template: str, page: str, **values: object) -> str:
        """Render ``template`` as the page at docs path ``page``; it ranks in search by
        the kind of page it is unless ``values`` give its ``search_boost``."""
        data = self.data
        values.setdefault("search_boost", search_boost(page))
        return self.env.get_template(template).render(
            page=page,
            pub=data.publication,
            rel=self.rel,
            today=data.today,
            config=data.config,
            notice_days=data.config.thresholds.agreement_notice_days,
            figures=data.figures,
            m=self.cells.page(page),
            **values,
        )

    def record(self, template: str, page: str, paths: list[str], **values: object) -> str:
        """Render a record page, with the history and edit links of its source files."""
        edit = self.host.edit_url if self.host else None
        sources = [SourceFile(path, external_url(edit(path)) if edit else None) for path in paths]
        history = record_history(self.data, paths)
        return self.page(template, page, history=history, sources=sources, **values)


def pack_links(page: str, unit: str, today: dt.date) -> list[tuple[str, str]]:
    """The review packs of ``unit`` on the site, latest first, linked from ``page``."""
    start = posixpath.dirname(page) or "."
    return [
        (span.label, posixpath.relpath(pack_path(unit, span), start))
        for span in site_quarters(today)
    ]


def _cadence(data: SiteData, units: Mapping[str, Customer], cid: str) -> dict[str, object]:
    """How often the unit is to be met, by the tier it follows (none for a retired unit)."""
    tier, through = tier_of(units, cid)
    if units[cid].retired or through is None:
        return {}
    shown = tier if tier in data.config.tiers else None
    text = described(cadences(data.config, tier))
    return {"text": text, "tier": shown, "through": through if through != cid else None}


def _record_pages(r: Renderer) -> Iterator[tuple[str, str]]:
    pub, rel, data = r.data.publication, r.rel, r.data
    notice = data.config.thresholds.agreement_notice_days
    calendar = calendar_index(data.calendar)
    units = {cid: c.record for cid, c in pub.customers.items()}
    for cid, c in pub.customers.items():
        page = record_page("customers", cid)
        view = customer_view(pub, rel, cid, data.today, notice, r.lines)
        summary = customer_summary(data, view, [cid, *descendants(rel, cid)], calendar)
        values = {
            "view": view,
            "summary": summary,
            "timeline": timeline(data, view),
            "relations": diagram(pub, view),
            "packs": pack_links(page, cid, data.today) if not c.record.retired else [],
            "ics": unit_calendar(cid),
            "cadence": _cadence(data, units, cid),
            "search_boost": unit_boost(len(view.parents)),
        }
        yield page, r.record("customer.md.j2", page, [c.path], **values)
    for aid, a in pub.agreements.items():
        page = record_page("agreements", aid)
        line = r.lines[aid]
        paths = [a.path] + ([line.report.path] if line.report else [])
        yield page, r.record("agreement.md.j2", page, paths, line=line)
    for folder, (template, name) in PLAIN_PAGES.items():
        table: Mapping[str, Published[Record]] = pub.table(folder)
        for rid, entry in table.items():
            page = record_page(folder, rid)
            yield page, r.record(template, page, [entry.path], **{name: entry})
    for sid, survey in pub.surveys.items():
        page = record_page("surveys", sid)
        yield page, r.record("survey.md.j2", page, [survey.path], view=survey_view(pub, sid))


@dataclass(frozen=True, slots=True)
class Source:
    """The page that shows a source file, and a label for links to it."""

    page: str
    label: str


def _label(record: Record) -> str:
    """How links to a record read: its name or title."""
    if isinstance(record, Feedback):
        return f"{record.type} of {record.date}"
    for field in ("name", "title"):
        value = getattr(record, field, None)
        if isinstance(value, str):
            return value
    return ""


def _sources(pub: Publication) -> dict[str, Source]:
    """The page of every source file that has one, for the dashboard and changes page."""
    sources: dict[str, Source] = {}
    for folder in links.RECORD_FOLDERS:
        table: Mapping[str, Published[Record]] = pub.table(folder)
        for rid, entry in table.items():
            sources[entry.path] = Source(record_page(folder, rid), _label(entry.record))
    for rid, report in pub.reports.items():
        title = pub.agreements[rid].record.title if rid in pub.agreements else rid
        sources[report.path] = Source(record_page("reports", rid), f"service-level report: {title}")
    return sources


def _overview_pages(r: Renderer) -> Iterator[tuple[str, str]]:
    """The dashboard, the customer directory and the changes."""
    data, pub, rel = r.data, r.data.publication, r.rel
    watch = attention(pub, rel, data.findings, data.today, data.config.thresholds)
    sources = _sources(pub)
    latest = data.history.commits[0] if data.history and data.history.commits else None
    home = r.page(
        "home.md.j2", links.HOME, attention=watch, pages_of=sources, latest=latest, ics=ORGANISATION
    )
    yield links.HOME, home
    yield links.PRACTICE, r.page("practice.md.j2", links.PRACTICE)
    managers = {cid: relationship_manager(pub, cid) for cid in pub.customers}
    yield (
        links.DIRECTORY,
        r.page(
            "customers.md.j2",
            links.DIRECTORY,
            units=structure(pub, rel),
            retired=retired_units(pub),
            managers=managers,
            figures_of={cid: unit_figures(data, rel, c) for cid, c in pub.customers.items()},
        ),
    )
    yield links.WRITERS, writers_page(data.config)
    commits = data.history.recent(CHANGES_LIMIT) if data.history else None
    yield (
        links.CHANGES,
        r.page(
            "changes.md.j2",
            links.CHANGES,
            commits=commits,
            note=data.history_note,
            pages_of=sources,
        ),
    )


def _register_pages(r: Renderer) -> Iterator[tuple[str, str]]:
    """The registers: agreements, service levels, meetings, satisfaction and the rest."""
    pub = r.data.publication
    lines = [r.lines[aid] for aid in pub.agreements]
    yield links.AGREEMENTS, r.page("agreements.md.j2", links.AGREEMENTS, lines=lines)
    breaches = sorted(
        ((line, b) for line in lines for b in line.attainment.missed()),
        key=lambda lb: (lb[1].period, lb[0].agreement.id),
        reverse=True,
    )
    yield (
        links.SERVICE_LEVELS,
        r.page("service-levels.md.j2", links.SERVICE_LEVELS, lines=lines, breaches=breaches),
    )
    surveys = [survey_view(pub, s) for s in pub.surveys]
    surveys.sort(key=lambda v: (period_key(v.survey.record.period), v.survey.id))
    yield links.SATISFACTION, r.page("satisfaction.md.j2", links.SATISFACTION, surveys=surveys)
    for page, template in (
        (links.MEETINGS, "meetings.md.j2"),
        (links.SERVICES, "services.md.j2"),
        (links.PROJECTS, "projects.md.j2"),
        (links.FEEDBACK, "feedback.md.j2"),
    ):
        yield page, r.page(template, page)
    items = meeting_items(sorted(pub.meetings.values(), key=lambda m: (m.record.date, m.id)))
    requirements = [i for i in items if i.requirement is not None]
    yield (
        links.REQUIREMENTS,
        r.page("requirements.md.j2", links.REQUIREMENTS, requirements=requirements),
    )


def generate(data: SiteData, env: Environment) -> dict[str, str]:
    """Every page of the site as Markdown, by path relative to the docs folder."""
    escaper = env.finalize if isinstance(env.finalize, Escaper) else Escaper()
    cells = Shared(data.publication, escaper)
    rel = relate(data.publication)
    notice = data.config.thresholds.agreement_notice_days
    lines = AgreementLines(data.publication, data.today, notice)
    renderer = Renderer(env, data, rel, host(data.config.repository), cells, lines)
    rules = health_rules(data.config.thresholds)
    health = (links.HEALTH, renderer.page("health.md.j2", links.HEALTH, rules=rules))
    charts = data.figures.files() if data.figures else {}
    pages = [*_overview_pages(renderer), *_register_pages(renderer), *_record_pages(renderer)]
    return dict([*pages, health, *charts.items(), *calendar_files(data, rel)])
