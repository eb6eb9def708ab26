"""The review packs on the site: the HTML pack of every active customer and purchaser for
the latest four quarters, made by the same code as ``brm report --format html``, with the
charts drawn once and kept in a cache of their own beside the site's."""

from __future__ import annotations

import datetime as dt
import functools

from ..analytics.stats import Stats
from ..charts.figures import render_cached
from ..charts.model import Chart
from ..publication import Publication, publish
from ..repository import Repository
from ..settings import Settings
from .document import Pack
from .html import render_html
from .pack import pack_of
from .period import Span, parse_period, shifted

QUARTERS = 4
PACKS_FOLDER = "packs"
CHART_CACHE = "report-charts"


def site_quarters(today: dt.date) -> list[Span]:
    """The latest four quarters that have begun by ``today``, the latest first."""
    current = parse_period(f"{today.year}-Q{(today.month - 1) // 3 + 1}")
    assert current is not None
    return [shifted(current, -i) for i in range(QUARTERS)]


def pack_path(unit: str, span: Span) -> str:
    """Where the pack of ``unit`` for ``span`` is in the site's docs folder."""
    return f"{PACKS_FOLDER}/{unit}/{span.label}.html"


def site_units(publication: Publication) -> list[str]:
    """The units with packs on the site: every customer and purchaser not retired."""
    return [cid for cid, c in publication.customers.items() if not c.record.retired]


def _charts(packs: list[Pack]) -> list[Chart]:
    """Every chart of ``packs`` once, named by its key (packs share many)."""
    unique: dict[str, Chart] = {}
    for pack in packs:
        for section in pack.sections:
            for block in section.blocks:
                if block.chart is not None:
                    chart = block.chart
                    unique.setdefault(
                        chart.key, Chart(chart.key + ".svg", chart.alt, chart.table, chart.spec)
                    )
    return list(unique.values())


def site_packs(repo: Repository, settings: Settings, stats: Stats) -> dict[str, bytes]:
    """The HTML of every pack of the site, by its path in the docs folder."""
    publication = publish(
        repo, []
    )  # the customer's view: nothing restricted, whatever publish says
    made = {
        pack_path(unit, span): pack_of(publication, stats, settings, unit, span)
        for unit in site_units(publication)
        for span in site_quarters(settings.today)
    }
    rendered = render_cached(_charts(list(made.values())), settings, None, CHART_CACHE)

    @functools.cache
    def svg(key: str) -> bytes:
        return rendered.svgs[key + ".svg"]

    return {
        path: render_html(pack, lambda c: svg(c.key)).encode("utf-8") for path, pack in made.items()
    }
