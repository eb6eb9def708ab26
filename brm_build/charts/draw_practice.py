"""Drawing the practice's figures: a few lines over the quarters, told apart by colour,
marker and dash, so that they read without colour too."""

from __future__ import annotations

import math

from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator, PercentFormatter

from .draw_satisfaction import periods_figure
from .marks import Legend, period_ticks, value_ticks
from .model import QuartersSpec
from .style import AMBER, BLUE, GREEN, RED

LOOKS = ((BLUE, "o", "-"), (GREEN, "s", "--"), (AMBER, "^", "-."), (RED, "D", ":"))
"""Colour, marker and line style of the first, second, third and fourth line."""


def draw_quarters(spec: QuartersSpec) -> Figure:
    """Each figure as a line with markers over the quarters; a gap where it has no value."""
    legend = Legend.of(spec.labels[: len(LOOKS)])
    figure = periods_figure(spec.title, legend)
    ax = figure.add_subplot()
    x = list(range(len(spec.quarters)))
    top = 0.0
    lines = []
    for (colour, marker, dash), label, values in zip(LOOKS, spec.labels, spec.values, strict=False):
        y = [math.nan if v is None else v for v in values]
        lines += ax.plot(x, y, color=colour, marker=marker, linestyle=dash, linewidth=1.8,
                         markersize=4.5, clip_on=False, label=label)  # fmt: skip
        top = max([top, *(v for v in values if v is not None)])
    if spec.percent:
        ax.set_ylim(0, 105)
        value_ticks(ax, [0, 25, 50, 75, 100], PercentFormatter(decimals=0))
    else:
        ax.set_ylim(0, max(1.0, top) * 1.1)
        ax.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
        value_ticks(ax)
    period_ticks(ax, spec.quarters)
    legend.place(figure, lines)
    return figure
