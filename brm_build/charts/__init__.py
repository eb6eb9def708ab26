"""Charts: specs built from the analytics, drawn to deterministic SVG, cached and parallel."""

from ..analytics.stats import Stats
from .model import Chart, Table
from .practice import practice_charts
from .render import Rendered, render_charts, write_charts
from .satisfaction import satisfaction_charts
from .service_levels import service_level_charts


def build_charts(stats: Stats) -> list[Chart]:
    """Every chart of the figures, each with its file name, alt text and table."""
    return [
        *satisfaction_charts(stats.satisfaction, stats.customers),
        *service_level_charts(stats.attainment, stats.customers),
        *practice_charts(stats.practice),
    ]


__all__ = ["Chart", "Rendered", "Table", "build_charts", "render_charts", "write_charts"]
