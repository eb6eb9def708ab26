"""The look of every chart, and turning a figure into deterministic SVG text.

Charts sit on light and dark pages alike, on a light panel the site's style sheet gives
them (an image cannot follow the page's colour scheme): the background is transparent,
text and axes are a dark grey (#495057, above 7:1 on the panel), and the data colours
are mid-tones. Only matplotlib's object API is used (``Figure`` and the SVG canvas, never
pyplot), so nothing depends on global figure state.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import matplotlib
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

FOREGROUND = "#495057"
GRID = "#868e9644"
BLUE = "#3d8bfd"
GREEN = "#2f9e44"
AMBER = "#e8a200"
RED = "#e03131"
MUTED = "#adb5bd"
ON_COLOUR = "#1b1e21"
"""Text on a coloured area: dark, since every fill colour is light or mid-tone."""
SCORE_COLOURS = ("#e03131", "#f08c00", "#adb5bd", "#69db7c", "#2f9e44")
"""Answers 1 to 5: red for unhappy, grey for neutral, greens for the CSAT answers 4–5."""

WIDTH, HEIGHT = 6.0, 3.0
"""Figure size in inches; the SVG scales to the page width."""
TICK_LENGTH, TICK_WIDTH = 3.5, 0.8
"""Tick marks in points (matplotlib's default), also for the bare marks between labels."""

RC: dict[RcKeyType, Any] = {
    "svg.hashsalt": "brm-charts",
    "svg.fonttype": "none",
    "svg.id": "brm-chart",
    "text.parse_math": False,  # a name with two $ signs is text, not a formula
    # Text stays text: a reader without DejaVu Sans (matplotlib's own font, used to lay the
    # text out) gets Verdana, its near twin in width, or at least a sans-serif, never serif.
    "font.family": ["sans-serif"],
    "font.sans-serif": ["DejaVu Sans", "Verdana"],
    "font.size": 9.5,
    "text.color": FOREGROUND,
    "axes.edgecolor": FOREGROUND,
    "axes.labelcolor": FOREGROUND,
    "axes.titlecolor": FOREGROUND,
    "axes.titlesize": 10.5,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.titley": 1.0,  # a fixed title height: placing it by the tick labels is slow
    "axes.facecolor": "none",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.axisbelow": True,
    "grid.color": GRID,
    "grid.linewidth": 0.6,
    "xtick.color": FOREGROUND,
    "xtick.major.size": TICK_LENGTH,
    "xtick.major.width": TICK_WIDTH,
    "ytick.color": FOREGROUND,
    "legend.frameon": False,
    "figure.facecolor": "none",
    "savefig.facecolor": "none",
    "savefig.edgecolor": "none",
    "savefig.transparent": True,
    "path.simplify": False,
}


@contextmanager
def chart_style() -> Iterator[None]:
    """Draw and save within the chart style (restored afterwards)."""
    with matplotlib.rc_context(RC):
        yield


@dataclass(frozen=True)
class Margins:
    """Room in inches around the plot area: for tick labels, the title and the legend."""

    left: float
    right: float
    top: float
    bottom: float


PERIOD_MARGINS = Margins(left=0.52, right=0.05, top=0.24, bottom=0.75)
"""Around a chart of periods: room for "100%" at the left, a title above, and two lines of
period labels and a one-row legend below."""


def new_figure(
    width: float = WIDTH, height: float = HEIGHT, margins: Margins | None = None
) -> Figure:
    """A blank figure with an SVG canvas and fixed ``margins``; without them the layout is
    fitted to the text, which costs about half the drawing time, so only charts whose
    labels vary in width (names) are fitted."""
    if margins is None:
        figure = Figure(figsize=(width, height), layout="constrained")
    else:
        figure = Figure(figsize=(width, height))
        figure.subplots_adjust(
            left=margins.left / width,
            right=1 - margins.right / width,
            top=1 - margins.top / height,
            bottom=margins.bottom / height,
        )
    FigureCanvasSVG(figure)
    return figure


def to_svg(figure: Figure) -> bytes:
    """The figure as SVG; the same figure always gives the same bytes."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()


def pct_label(value: float) -> str:
    """A percentage as chart text."""
    return f"{value:.0f}%"
