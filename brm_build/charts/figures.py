"""The figures and charts a published site shows, with their SVG files ready to write.

The charts are rendered through the cache in ``.brm-cache/charts`` under the records
repository (ignored by git), signed like the check cache, so that a rebuild with unchanged
data draws nothing. With the cache off (``--no-cache``, or a cache brm must not trust) or
a folder that cannot be written, a temporary cache is used and every chart is drawn.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass

from ..analytics.stats import Stats, compute_stats
from ..analytics.tree import tree_order
from ..cache import _secret
from ..model.repository import Repository
from ..model.settings import Settings
from ..recorded import Recorded
from . import build_charts
from .model import Chart, Table
from .render import Rendered, render_charts
from .satisfaction import trend_table

CHARTS_FOLDER = "charts"
"""Where the SVG files go, relative to the generated docs."""
CACHE_FOLDER = os.path.join(".brm-cache", CHARTS_FOLDER)
"""Where drawn charts are kept between builds, relative to the records repository (beside
the check cache, and only when that cache is on)."""


@dataclass(frozen=True)
class ResponseCount:
    """The responses of one survey period."""

    period: str
    responses: int
    nps_answers: int
    units: int
    """Business units with at least one answer, counting purchasers' answers upwards."""
    low_confidence: int
    """Of those, units with fewer answers than the configured minimum."""


@dataclass(frozen=True)
class Figures:
    """The analysed figures, every chart by file name, and the SVG of each."""

    stats: Stats
    charts: Mapping[str, Chart]
    svgs: Mapping[str, bytes]
    drawn: tuple[str, ...] = ()
    """The charts drawn for this build; the others came from the cache."""

    def chart(self, name: str) -> Chart | None:
        """The chart with file name ``name``, if there is one."""
        return self.charts.get(name)

    def customer_trend(self, cid: str) -> Chart | None:
        """The CSAT trend of one business unit, counting the units below it."""
        return self.charts.get(f"csat-customer-{cid}.svg")

    def unit_table(self, cid: str) -> Table | None:
        """The CSAT per survey period of a unit without a trend chart (a purchaser)."""
        series = self.stats.satisfaction.customers.get(cid)
        if series is None or not series.figures or self.customer_trend(cid) is not None:
            return None
        return trend_table(series.figures)

    def agreement_chart(self, aid: str) -> Chart | None:
        """The agreed-vs-achieved chart of one agreement, a panel per measured service level."""
        return self.charts.get(f"sl-agreement-{aid}.svg")

    @property
    def tree(self) -> list[tuple[str, int]]:
        """Every business unit with its depth, each customer followed by its purchasers."""
        return tree_order(self.stats.customers)

    def response_counts(self) -> list[ResponseCount]:
        """How many answered in each survey period, and how many units did."""
        sat = self.stats.satisfaction
        rows = []
        for period in sat.periods:
            f = sat.organisation.at(period)
            units = [s.at(period) for s in sat.customers.values()]
            answered = [u for u in units if u is not None]
            rows.append(
                ResponseCount(
                    period,
                    f.n if f else 0,
                    f.nps_n if f else 0,
                    len(answered),
                    sum(1 for u in answered if u.low_confidence),
                )
            )
        return rows

    def files(self) -> dict[str, str]:
        """The SVG text of every chart by its path relative to the docs folder."""
        return {f"{CHARTS_FOLDER}/{name}": svg.decode("utf-8") for name, svg in self.svgs.items()}


def render_cached(
    charts: list[Chart], settings: Settings, workers: int | None, folder: str = CHARTS_FOLDER
) -> Rendered:
    """The charts through the cache ``folder`` beside the check cache; with no cache
    (switched off, or not to be trusted) or one that cannot be written, through a
    temporary folder."""
    place = settings.cache
    secret = None if place is None else _secret(place.key_file)
    if place is not None and secret is not None:
        where = os.path.join(os.path.dirname(place.folder), folder)
        try:
            return render_charts(charts, where, workers, secret=secret)
        except OSError:
            pass
    with tempfile.TemporaryDirectory(prefix=f"brm-charts-{os.getpid()}-") as cache:
        return render_charts(charts, cache, workers, secret=os.urandom(32))


def site_figures(
    repo: Repository,
    settings: Settings,
    workers: int | None = None,
    past: Recorded | None = None,
) -> Figures:
    """Analyse the records and render every chart, drawing only what changed; with the
    figures of the past quarters when given."""
    stats = compute_stats(repo, settings)
    stats = stats if past is None else past.into(stats)
    charts = build_charts(stats)
    rendered = render_cached(charts, settings, workers)
    return Figures(stats, {c.name: c for c in charts}, rendered.svgs, rendered.drawn)
