"""Draw any chart spec to SVG bytes: the function that worker processes run."""

from __future__ import annotations

import warnings

from matplotlib.figure import Figure

from .draw_practice import draw_quarters
from .draw_satisfaction import draw_comparison, draw_distribution, draw_nps, draw_trend
from .draw_service_levels import draw_agreement, draw_heatmap
from .model import (
    AgreementSpec,
    ComparisonSpec,
    DistributionSpec,
    HeatmapSpec,
    NpsSpec,
    QuartersSpec,
    Spec,
    TrendSpec,
)
from .style import chart_style, to_svg


def figure_for(spec: Spec) -> Figure:
    """The figure of ``spec``, by its kind."""
    match spec:
        case TrendSpec():
            return draw_trend(spec)
        case NpsSpec():
            return draw_nps(spec)
        case DistributionSpec():
            return draw_distribution(spec)
        case ComparisonSpec():
            return draw_comparison(spec)
        case AgreementSpec():
            return draw_agreement(spec)
        case HeatmapSpec():
            return draw_heatmap(spec)
        case QuartersSpec():
            return draw_quarters(spec)


def draw_svg(spec: Spec) -> bytes:
    """Draw ``spec`` in the chart style and return deterministic SVG bytes; a character of
    a name that the font lacks (a control character, a script it does not cover) is drawn
    as the font's box, without a warning for each."""
    with chart_style(), warnings.catch_warnings():
        warnings.filterwarnings(
            "ignore", message="Glyph .* missing from font", category=UserWarning
        )
        return to_svg(figure_for(spec))
