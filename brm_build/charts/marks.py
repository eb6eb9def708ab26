"""The marks the charts share: period ticks, points and small labels, each with few artists.

Every matplotlib artist costs time to create and to write out, and a tick costs five (two
tick lines, a grid line and two labels). So points of one look are one line of markers,
and only the periods that carry a label get a tick; the others get a bare tick mark from
one line of tick-shaped markers that looks the same.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.markers import TICKDOWN

from .style import BLUE, FOREGROUND, TICK_LENGTH, TICK_WIDTH

MAX_TICKS = 8
"""At most this many period labels fit under a chart side by side."""


def labelled_periods(count: int) -> list[int]:
    """The positions of the periods that get a label, always the latest one among them."""
    step = max(1, math.ceil(count / MAX_TICKS))
    return [i for i in range(count) if (count - 1 - i) % step == 0]


def period_ticks(ax: Axes, periods: Sequence[str], n: Sequence[int] | None = None) -> None:
    """Label the x axis with periods (and n below each), thinned out when there are many."""
    shown = labelled_periods(len(periods))
    ax.set_xticks(shown)
    labels = []
    for i in shown:
        count = f"\nn {n[i]}" if n is not None and n[i] else ""
        labels.append(periods[i] + count)
    ax.set_xticklabels(labels)
    bare = sorted(set(range(len(periods))) - set(shown))
    if bare:
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
    ax.annotate(text, (x, y), textcoords="offset points", xytext=(0, dy), ha="center",
                va=va, fontsize=8.5)  # fmt: skip
