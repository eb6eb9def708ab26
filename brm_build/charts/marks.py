"""The marks the charts share: ticks, points and small labels, each with few artists.

Every matplotlib artist costs time to create, measure and write out, and one of
matplotlib's ticks costs five (two tick lines, a grid line and two labels), made again for
every chart. So points of one look are one line of markers, and the ticks of the period
and value axes are drawn where and as matplotlib draws its own, but as one line of
tick-shaped markers, one collection of grid lines and a text per label.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, cast

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.markers import TICKDOWN, TICKLEFT
from matplotlib.ticker import FixedLocator, Formatter, NullLocator
from matplotlib.transforms import ScaledTranslation

if TYPE_CHECKING:
    from matplotlib.typing import MarkerType

from .style import (
    BLUE,
    FOREGROUND,
    GRID,
    LABEL_PAD,
    LINE_SPACING,
    RC,
    TEXT_SIZE,
    TICK_LENGTH,
    TICK_PAD,
    TICK_WIDTH,
    WIDTH,
    text_width,
)

MAX_TICKS = 8
"""At most this many period labels under a chart, however wide."""
LABEL_SLOT = 28.0
"""Points of axis width per period label: a year ("2026") and the room between two."""


def labelled_periods(count: int, most: int = MAX_TICKS) -> list[int]:
    """The positions of the periods that get a label (at most ``most``), always the latest
    one among them."""
    step = max(1, math.ceil(count / max(1, most)))
    return [i for i in range(count) if (count - 1 - i) % step == 0]


def period_label(period: str) -> str:
    """A period as a tick label: the year above the rest ("2026" over "Q3"), narrow enough
    for eight side by side under a chart the width of a phone."""
    return period.replace("-", "\n", 1)


def labelled_on(ax: Axes, count: int) -> list[int]:
    """The periods of ``count`` that get a label under ``ax``: as many as its width has
    room for."""
    figure = ax.get_figure(root=True)
    assert figure is not None, "the axes of a figure"
    width = ax.get_position().width * figure.get_figwidth() * 72
    return labelled_periods(count, min(MAX_TICKS, int(width // LABEL_SLOT)))


def axis_ticks(
    ax: Axes,
    axis: Literal["x", "y"],
    at: Sequence[float],
    labels: Sequence[str],
    grid: bool = False,
) -> None:
    """Ticks below (``x``) or left of (``y``) ``ax``, where and as matplotlib draws its
    own: a tick mark and a label at each of ``at``, and with ``grid`` a grid line across
    the axes."""
    pad = TICK_PAD + TICK_LENGTH  # the label beyond the end of the mark pointing out
    if axis == "x":
        ax.xaxis.set_major_locator(NullLocator())
        text, va, ha = ax.get_xaxis_text1_transform(pad)
        line, marker = ax.get_xaxis_transform(), cast("MarkerType", TICKDOWN)
        points = ([float(v) for v in at], [0.0] * len(at))
        segments = [[(v, 0.0), (v, 1.0)] for v in at]
        places = [(v, 0.0) for v in at]
    else:
        ax.yaxis.set_major_locator(NullLocator())
        text, va, ha = ax.get_yaxis_text1_transform(pad)
        line, marker = ax.get_yaxis_transform(), cast("MarkerType", TICKLEFT)
        points = ([0.0] * len(at), [float(v) for v in at])
        segments = [[(0.0, v), (1.0, v)] for v in at]
        places = [(0.0, v) for v in at]
    if grid and segments:
        lines = LineCollection(segments, colors=GRID, linewidths=RC["grid.linewidth"],
                               capstyle="projecting", transform=line, zorder=0.5)  # fmt: skip
        ax.add_collection(lines, autolim=False)
    if at:  # an artist of the axes, not a line of its data: the limits stay as they are
        ax.add_artist(Line2D(*points, linestyle="none", marker=marker, color=FOREGROUND,
                             markersize=TICK_LENGTH, markeredgewidth=TICK_WIDTH,
                             clip_on=False, transform=line, zorder=0.5))  # fmt: skip
    for (x, y), name in zip(places, labels, strict=True):
        ax.text(x, y, name, transform=text, va=va, ha=ha, zorder=0.5)


def value_ticks(
    ax: Axes,
    at: Sequence[float] | None = None,
    formatter: Formatter | None = None,
    label: str | None = None,
) -> None:
    """The y axis of ``ax`` with grid lines, labelled ``label``, as matplotlib would tick
    it for its limits (set before): at ``at`` or where its locator puts them, written by
    ``formatter`` or its own. Only values that it would write with an offset above the axis
    ("1e6", "+99.9") keep matplotlib's own ticks."""
    axis = ax.yaxis
    if at is not None:
        axis.set_major_locator(FixedLocator(at))
    if formatter is not None:
        axis.set_major_formatter(formatter)
    locs = list(axis.get_majorticklocs())
    names = axis.get_major_formatter().format_ticks(locs)
    if axis.get_major_formatter().get_offset():
        if label is not None:
            ax.set_ylabel(label)
        return
    low, high = sorted(axis.get_view_interval())
    close = (high - low) * 1e-10  # as matplotlib: a tick at the very limit is drawn
    shown = [
        (v, name) for v, name in zip(locs, names, strict=True) if low - close <= v <= high + close
    ]
    axis_ticks(ax, "y", [v for v, _ in shown], [name for _, name in shown], grid=True)
    if label is not None:
        widest = max([text_width(name) for _, name in shown], default=0.0)
        figure = ax.get_figure(root=False)
        assert figure is not None, "the axes of a figure"
        left = ScaledTranslation(-(TICK_PAD + TICK_LENGTH + widest + LABEL_PAD) / 72, 0,
                                 figure.dpi_scale_trans)  # fmt: skip
        ax.text(0, 0.5, label, transform=ax.transAxes + left, rotation="vertical",
                rotation_mode="anchor", va="bottom", ha="center")  # fmt: skip


def period_ticks(ax: Axes, periods: Sequence[str], n: Sequence[int] | None = None) -> None:
    """Label the x axis with periods (and n below each), thinned out to as many as the
    axes' width has room for; a bare tick mark at the others."""
    shown = labelled_on(ax, len(periods))
    labels = []
    for i in shown:
        count = f"\nn {n[i]}" if n is not None and n[i] else ""
        labels.append(period_label(periods[i]) + count)
    axis_ticks(ax, "x", shown, labels)
    bare = sorted(set(range(len(periods))) - set(shown))
    if bare:  # over the data, unlike the ticks of the axis: a point at zero leaves them seen
        ax.plot(bare, [0.0] * len(bare), linestyle="none", marker=TICKDOWN, color=FOREGROUND,
                markersize=TICK_LENGTH, markeredgewidth=TICK_WIDTH, clip_on=False,
                transform=ax.get_xaxis_transform())  # fmt: skip
    ax.set_xlim(-0.6, len(periods) - 0.4)
    ax.grid(axis="x", visible=False)


def points(
    ax: Axes,
    x: Sequence[float],
    y: Sequence[float],
    solid: bool,
    colour: str = BLUE,
    size: float = 6,
) -> None:
    """Markers at (x, y): filled, or hollow for figures of low confidence; never clipped,
    so that a 100% at the edge of the axes shows whole."""
    if not x:
        return
    face = colour if solid else "none"
    ax.plot(x, y, linestyle="none", marker="o", markersize=size, color=colour,
            markerfacecolor=face, markeredgewidth=1.5, clip_on=False, zorder=3)  # fmt: skip


def label(ax: Axes, x: float, y: float, text: str, dy: float = 8, va: str = "baseline") -> None:
    """Small text ``dy`` points above (below, when negative) the point (x, y)."""
    ax.annotate(text, (x, y), textcoords="offset points", xytext=(0, dy), ha="center", va=va)


@dataclass(frozen=True)
class Legend:
    """A legend across the bottom of a figure: as many columns as fit its width, and the
    height its rows take."""

    columns: int
    rows: int
    title: str | None = None

    HANDLE = RC["legend.handlelength"] + RC["legend.handletextpad"]
    """The handle and the room after it, in ems."""
    COLUMN_GAP = RC["legend.columnspacing"]
    ROW = LINE_SPACING + RC["legend.labelspacing"]
    """A row of text and the room between rows, in ems."""
    FRAME = 2 * RC["legend.borderpad"] + RC["legend.borderaxespad"] + 0.5
    """The legend's padding inside, from the figure's edge and from what is above, in ems."""

    @classmethod
    def of(cls, labels: Sequence[str], width: float = WIDTH, title: str | None = None) -> Legend:
        """The legend of ``labels`` in the most columns that fit ``width`` inches."""
        entries = [text_width(label) + cls.HANDLE * TEXT_SIZE for label in labels]
        for columns in range(len(entries), 1, -1):
            used = sum(max(part) for part in _split(entries, columns))
            used += ((columns - 1) * cls.COLUMN_GAP + cls.FRAME) * TEXT_SIZE
            if used <= width * 72:
                return cls(columns, math.ceil(len(entries) / columns), title)
        return cls(1, len(entries), title)

    @property
    def height(self) -> float:
        """Inches from the bottom of the figure to the top of the legend, with room above."""
        rows = self.rows + (self.title is not None)
        return float((rows * self.ROW + self.FRAME) * TEXT_SIZE / 72)

    def place(
        self, figure: Figure, handles: Sequence[Artist], labels: Sequence[str] | None = None
    ) -> None:
        """Draw the legend of ``handles`` at the bottom centre of ``figure`` (below the
        axes, when the layout is fitted to the text)."""
        where: Literal["lower center", "outside lower center"] = (
            "lower center" if figure.get_layout_engine() is None else "outside lower center"
        )
        shown = list(handles)
        names = [str(h.get_label()) for h in shown] if labels is None else list(labels)
        figure.legend(shown, names, loc=where, ncols=self.columns, title=self.title)


def _split(values: Sequence[float], parts: int) -> list[Sequence[float]]:
    """``values`` in ``parts`` runs, the first ones longer by one, as a legend's columns."""
    size, extra = divmod(len(values), parts)
    out, start = [], 0
    for part in range(parts):
        end = start + size + (part < extra)
        out.append(values[start:end])
        start = end
    return [part for part in out if part]
