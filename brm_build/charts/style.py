"""The look of every chart, and turning a figure into deterministic SVG text.

Charts sit on light and dark pages alike, on a light panel the site's style sheet gives
them (an image cannot follow the page's colour scheme): the background is transparent,
text and axes are a dark grey (#495057, above 7:1 on the panel), and the data colours
are mid-tones. Only matplotlib's object API is used (``Figure`` and the SVG canvas, never
pyplot), so nothing depends on global figure state.
"""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import matplotlib
from matplotlib.backends.backend_mixed import MixedModeRenderer
from matplotlib.backends.backend_svg import FigureCanvasSVG, RendererSVG
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, findfont
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.textpath import text_to_path

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

WIDTH, HEIGHT = 3.75, 3.0
"""Figure size in inches. The site shows a chart the width of a phone's text column
(343 CSS px at 375 px) and no wider than 24rem (480 px) on a desktop, so that one drawing
reads at both: a point of the figure is 1.27 CSS px on the phone, 1.78 on the desktop."""
TEXT_SIZE = 9.0
"""The smallest text of any chart, in points: 11.4 CSS px on a phone."""
TITLE_SIZE = 10.5
"""A chart's title, bold; wrapped onto as many lines as it needs, never cut."""
LINE_SPACING = 1.2
"""The height of a line of text in ems (matplotlib's own spacing of multi-line text)."""
PAD = 4.0
"""Room in points between a figure's edge and its title."""
TICK_LENGTH, TICK_WIDTH = 3.5, 0.8
"""Tick marks in points (matplotlib's default), also for the bare marks between labels."""
TICK_PAD = 3.5
"""Points between a tick mark's end and its label (matplotlib's default)."""
LABEL_PAD = 4.0
"""Points between the tick labels and the axis' name (matplotlib's default)."""

RC: dict[RcKeyType, Any] = {
    "svg.hashsalt": "brm-charts",
    "svg.fonttype": "none",
    "svg.id": "brm-chart",
    "text.parse_math": False,  # a name with two $ signs is text, not a formula
    # Text stays text: a reader without DejaVu Sans (matplotlib's own font, used to lay the
    # text out) gets Verdana, its near twin in width, or at least a sans-serif, never serif.
    "font.family": ["sans-serif"],
    "font.sans-serif": ["DejaVu Sans", "Verdana"],
    "font.size": TEXT_SIZE,
    "text.color": FOREGROUND,
    "axes.edgecolor": FOREGROUND,
    "axes.labelcolor": FOREGROUND,
    "axes.titlecolor": FOREGROUND,
    "axes.titlesize": TITLE_SIZE,
    "axes.labelsize": TEXT_SIZE,
    "xtick.labelsize": TEXT_SIZE,
    "ytick.labelsize": TEXT_SIZE,
    "legend.fontsize": TEXT_SIZE,
    "legend.title_fontsize": TEXT_SIZE,
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
    "xtick.major.pad": TICK_PAD,
    "ytick.color": FOREGROUND,
    "ytick.major.size": TICK_LENGTH,
    "ytick.major.width": TICK_WIDTH,
    "ytick.major.pad": TICK_PAD,
    "axes.labelpad": LABEL_PAD,
    "legend.frameon": False,
    "legend.handlelength": 1.6,
    "legend.handletextpad": 0.5,
    "legend.columnspacing": 1.2,
    "legend.borderpad": 0.4,
    "legend.labelspacing": 0.5,
    "legend.borderaxespad": 0.5,
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


Extent = tuple[float, float, float]
_MEASURED: dict[tuple[str, tuple[str, ...], str, float], Extent] = {}


def measure(line: str, prop: FontProperties) -> Extent:
    """The width, height and descent in points of one line of text in ``prop``, as the SVG
    canvas lays it out. Each is measured once per process: the charts repeat the same
    labels ("100%", "2026\nQ3") and laying a text out in the font is most of the cost of
    placing it."""
    key = (line, tuple(prop.get_family()), findfont(prop), prop.get_size_in_points())
    extent = _MEASURED.get(key)
    if extent is None:
        w, h, d = text_to_path.get_text_width_height_descent(line, prop, ismath=False)
        extent = _MEASURED[key] = (float(w), float(h), float(d))
    return extent


def text_width(text: str, size: float = TEXT_SIZE, bold: bool = False) -> float:
    """The width in points of ``text`` (its widest line) as the SVG canvas lays it out."""
    prop = FontProperties(family="sans-serif", size=size, weight="bold" if bold else "normal")
    return max(measure(line, prop)[0] for line in text.split("\n"))


def _pieces(word: str, width: float, size: float, bold: bool) -> list[str]:
    """A word too wide for a line, broken between characters."""
    pieces = [""]
    for char in word:
        if pieces[-1] and text_width(pieces[-1] + char, size, bold) > width:
            pieces.append("")
        pieces[-1] += char
    return pieces


def wrap(text: str, width: float, size: float = TEXT_SIZE, bold: bool = False) -> str:
    """``text`` on as many lines as it needs to stay within ``width`` points, broken
    between words (within a word only when it alone is wider)."""
    lines: list[str] = []
    for word in filter(None, re.split(r"[ \t\r\n]+", text)):  # never at a no-break space
        trial = f"{lines[-1]} {word}" if lines else word
        if lines and text_width(trial, size, bold) <= width:
            lines[-1] = trial
        elif text_width(word, size, bold) <= width:
            lines.append(word)
        else:
            lines.extend(_pieces(word, width, size, bold))
    return "\n".join(lines)


def text_height(lines: int, size: float = TEXT_SIZE) -> float:
    """The height in inches of ``lines`` lines of text of ``size`` points."""
    return lines * size * LINE_SPACING / 72


@dataclass(frozen=True)
class Title:
    """A chart's title wrapped to the width of its figure, and the height it takes."""

    text: str
    height: float
    """Inches from the top of the figure to the bottom of the title, with room below."""

    @classmethod
    def of(cls, title: str, width: float = WIDTH) -> Title:
        text = wrap(title, width * 72 - 2 * PAD, TITLE_SIZE, bold=True)
        lines = text.count("\n") + 1
        return cls(text, (PAD + 4) / 72 + text_height(lines, TITLE_SIZE))

    def place(self, figure: Figure) -> None:
        """Put the title at the top left of ``figure``."""
        width, height = figure.get_size_inches()
        figure.text(PAD / 72 / width, 1 - PAD / 72 / height, self.text, ha="left", va="top",
                    fontsize=TITLE_SIZE, fontweight="bold", linespacing=LINE_SPACING,
                    in_layout=False)  # fmt: skip


PERIOD_MARGINS = Margins(left=0.5, right=0.1, top=0.1, bottom=0.6)
"""Around a chart of periods, below its title: room for "100%" at the left and three lines
of period labels (year, part, n) below; the legend's rows are added."""


def new_figure(
    width: float = WIDTH,
    height: float = HEIGHT,
    margins: Margins | None = None,
    title: Title | None = None,
) -> Figure:
    """A blank figure with an SVG canvas, ``title`` at its top and fixed ``margins`` below
    it (``height`` is the figure's without the title); without margins the layout is
    fitted to the text, which costs about half the drawing time, so only charts whose
    labels vary in width (names) are fitted."""
    top = 0.0 if title is None else title.height
    if margins is None:
        rect = (0.0, 0.0, 1.0, 1 - top / (height + top))  # the title above, kept out of it
        figure = Figure(figsize=(width, height + top), layout=ConstrainedLayoutEngine(rect=rect))
    else:
        figure = Figure(figsize=(width, height + top))
        figure.subplots_adjust(
            left=margins.left / width,
            right=1 - margins.right / width,
            top=1 - (margins.top + top) / (height + top),
            bottom=margins.bottom / (height + top),
        )
    if title is not None:
        title.place(figure)
    _Canvas(figure)
    return figure


class _Renderer(RendererSVG):
    """The SVG renderer, measuring text with ``measure`` (once per process)."""

    def get_text_width_height_descent(
        self, s: str, prop: FontProperties, ismath: bool | Literal["TeX"]
    ) -> tuple[float, float, float]:
        if ismath:  # never: the style parses no maths
            w, h, d = text_to_path.get_text_width_height_descent(s, prop, ismath)
            return float(w), float(h), float(d)
        return measure(s, prop)


_MIXED: Any = MixedModeRenderer  # matplotlib's backends carry no types
_RENDERER: Any = _Renderer


class _Canvas(FigureCanvasSVG):
    """The SVG canvas, drawing with ``_Renderer``; otherwise matplotlib's ``print_svg``
    for a binary stream (the page colours, dpi and orientation that ``savefig`` passes
    every canvas are not for SVG: matplotlib's own ``print_svg`` drops them too)."""

    def print_svg(
        self,
        filename: io.BytesIO,
        *,
        bbox_inches_restore: Any = None,
        metadata: dict[str, Any] | None = None,
        **_: object,
    ) -> None:
        out = codecs.getwriter("utf-8")(filename)
        dpi = self.figure.dpi
        self.figure.dpi = 72
        width, height = self.figure.get_size_inches()
        svg = _RENDERER(width * 72, height * 72, out, image_dpi=dpi, metadata=metadata)
        renderer = _MIXED(self.figure, width, height, dpi, svg,
                          bbox_inches_restore=bbox_inches_restore)  # fmt: skip
        self.figure.draw(renderer)
        renderer.finalize()


def to_svg(figure: Figure) -> bytes:
    """The figure as SVG; the same figure always gives the same bytes."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()


def pct_label(value: float) -> str:
    """A percentage as chart text."""
    return f"{value:.0f}%"
