"""The look of every chart, and turning a figure into deterministic SVG text.

Charts sit on light and dark pages alike: the background is transparent, text and axes
are a mid grey, and the data colours are mid-tones that stand out on white and on near-
black. Only matplotlib's object API is used (``Figure`` and the SVG canvas, never
pyplot), so nothing depends on global figure state.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import matplotlib
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

FOREGROUND = "#868e96"
GRID = "#868e9655"
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

RC: dict[RcKeyType, Any] = {
    "svg.hashsalt": "brm-charts",
    "svg.fonttype": "none",
    "svg.id": "brm-chart",
    "text.parse_math": False,  # a name with two $ signs is text, not a formula
    "font.family": ["DejaVu Sans"],
    "font.size": 9.5,
    "text.color": FOREGROUND,
    "axes.edgecolor": FOREGROUND,
    "axes.labelcolor": FOREGROUND,
    "axes.titlecolor": FOREGROUND,
    "axes.titlesize": 10.5,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.facecolor": "none",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.axisbelow": True,
    "grid.color": GRID,
    "grid.linewidth": 0.6,
    "xtick.color": FOREGROUND,
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


def new_figure(width: float = WIDTH, height: float = HEIGHT, fitted: bool = True) -> Figure:
    """A blank figure with an SVG canvas; ``fitted``: its layout fits the text (slower)."""
    figure = Figure(figsize=(width, height), layout="constrained" if fitted else None)
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
