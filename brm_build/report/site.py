"""The review packs on the site: the pack of every active customer and purchaser for the
latest four quarters, made by the same code as ``brm report --format html``. On the site
a pack links its style sheet and its charts as files, as every page of the site does, so
that the site's Content-Security-Policy holds (no inline style); the charts are drawn once
and kept in a cache of their own beside the site's."""

from __future__ import annotations

import datetime as dt
import posixpath

from ..analytics.stats import Stats
from ..charts.figures import render_cached
from ..charts.model import Chart
from ..model.repository import Repository
from ..model.settings import Settings
from ..publication import Publication, publish
from ..site.links import record_page
from ..site.relations import relate
from .document import Pack
from .html import SiteLinks, pack_style, render_linked
from .pack import pack_of
from .period import Span, parse_period, shifted

QUARTERS = 4
PACKS_FOLDER = "packs"
CHARTS = f"{PACKS_FOLDER}/charts"
STYLESHEET = "stylesheets/pack.css"
CHART_CACHE = "report-charts"
ICON = "assets/images/favicon.png"
"""The theme's icon, which every page of the site shows."""


def site_quarters(today: dt.date) -> list[Span]:
    """The latest four quarters that have begun by ``today``, the latest first."""
    current = parse_period(f"{today.year}-Q{(today.month - 1) // 3 + 1}")
    assert current is not None  # a quarter of a real date is always a period
    return [shifted(current, -i) for i in range(QUARTERS)]


def pack_path(unit: str, span: Span) -> str:
    """Where the pack of ``unit`` for ``span`` is in the site's docs folder."""
    return f"{PACKS_FOLDER}/{unit}-{span.label}.html"


def site_units(publication: Publication) -> list[str]:
    """The units with packs on the site: every customer and purchaser not retired."""
    return [cid for cid, c in publication.customers.items() if not c.record.retired]


def chart_path(chart: Chart) -> str:
    """Where a pack's chart is in the site: named by its drawing input, so that packs
    showing the same chart share one file."""
    return f"{CHARTS}/{chart.key}.svg"


def _charts(packs: list[Pack]) -> list[Chart]:
    """Every chart of ``packs`` once, named by its site file (packs share many)."""
    unique: dict[str, Chart] = {}
    for pack in packs:
        for section in pack.sections:
            for block in section.blocks:
                if block.chart is not None:
                    c = block.chart
                    name = posixpath.basename(chart_path(c))
                    unique.setdefault(name, Chart(name, c.alt, c.table, c.spec))
    return list(unique.values())


def _page(pack: Pack, path: str) -> str:
    start = posixpath.dirname(path)
    back = record_page("customers", pack.unit).removesuffix(".md") + ".html"
    links = SiteLinks(
        stylesheet=posixpath.relpath(STYLESHEET, start),
        icon=posixpath.relpath(ICON, start),
        back=posixpath.relpath(back, start),
        source=lambda chart: posixpath.relpath(chart_path(chart), start),
    )
    return render_linked(pack, links)


def site_packs(repo: Repository, settings: Settings, stats: Stats) -> dict[str, str]:
    """Every file of the site's packs by its path in the docs folder: the pages, their
    charts and their style sheet."""
    publication = publish(repo, [])  # the customer's view: nothing restricted, whatever
    # brm.yaml publishes on the site
    relations = relate(publication)  # once for all the packs: relating reads every record
    made = {
        pack_path(unit, span): pack_of(publication, stats, settings, unit, span, False, relations)
        for unit in site_units(publication)
        for span in site_quarters(settings.today)
    }
    rendered = render_cached(_charts(list(made.values())), settings, None, CHART_CACHE)
    files = {path: _page(pack, path) for path, pack in made.items()}
    files.update({f"{CHARTS}/{name}": svg.decode("utf-8") for name, svg in rendered.svgs.items()})
    if made:
        files[STYLESHEET] = pack_style()
    return files
