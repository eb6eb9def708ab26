"""Drawing the satisfaction charts: CSAT trend, NPS over time, score distribution, comparison."""

from __future__ import annotations

import math
from collections.abc import Sequence

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import PercentFormatter

from .marks import Legend, label, labelled_on, period_ticks, points, value_ticks
from .model import ComparisonSpec, DistributionSpec, Maybe, NpsSpec, TrendSpec
from .style import (
    BLUE,
    FOREGROUND,
    HEIGHT,
    ON_COLOUR,
    PERIOD_MARGINS,
    RED,
    SCORE_COLOURS,
    WIDTH,
    Margins,
    Title,
    new_figure,
    text_height,
    wrap,
)


def _nan(values: Sequence[Maybe]) -> list[float]:
    return [math.nan if v is None else v for v in values]


def _trend_handles(minimum: int, line: bool = True) -> list[Artist]:
    width = 2 if line else 0
    csat = Line2D([], [], color=BLUE, linewidth=width, marker="o", label="CSAT (answers 4–5)")
    band = Patch(color=BLUE, alpha=0.18, label="95% interval")
    few = Line2D([], [], color=BLUE, linestyle="none", marker="o", markerfacecolor="none")
    few.set_label(f"fewer than {minimum} responses")
    return [csat, band, few]


def periods_figure(title: str, legend: Legend) -> Figure:
    """A figure for a chart over periods: the title above, the legend below."""
    margins = PERIOD_MARGINS
    margins = Margins(margins.left, margins.right, margins.top, margins.bottom + legend.height)
    return new_figure(WIDTH, HEIGHT + legend.height, margins, Title.of(title))


def _labels(handles: Sequence[Artist]) -> list[str]:
    return [str(h.get_label()) for h in handles]


def draw_trend(spec: TrendSpec) -> Figure:
    """CSAT as a line with its 95% interval as a band; hollow points are low-confidence.
    The value is written above every point that has a period label, so that the labels
    keep apart when the periods are many."""
    handles = _trend_handles(spec.minimum)
    legend = Legend.of(_labels(handles))
    figure = periods_figure(spec.title, legend)
    ax = figure.add_subplot()
    x = list(range(len(spec.periods)))
    ax.fill_between(x, _nan(spec.low), _nan(spec.high), color=BLUE, alpha=0.18, linewidth=0)
    ax.plot(x, _nan(spec.csat), color=BLUE, linewidth=2)
    shown = [(i, v) for i, v in enumerate(spec.csat) if v is not None]
    for solid in (True, False):
        mine = [(i, v) for i, v in shown if (spec.n[i] >= spec.minimum) == solid]
        points(ax, [i for i, _ in mine], [v for _, v in mine], solid)
    labelled = set(labelled_on(ax, len(spec.periods)))
    for i, value in shown:
        if i in labelled:
            label(ax, i, value, f"{value:.0f}%")
    ax.set_ylim(0, 108)
    value_ticks(ax, [0, 25, 50, 75, 100], PercentFormatter(decimals=0))
    period_ticks(ax, spec.periods, spec.n)
    legend.place(figure, handles)
    return figure


def _nps_limits(spec: NpsSpec) -> tuple[float, float]:
    """A y range around zero and every interval, in steps of 25 points."""
    lows = [v for v in spec.low if v is not None]
    highs = [v for v in spec.high if v is not None]
    low = max(-100.0, 25 * math.floor((min([*lows, -10.0]) - 10) / 25))
    high = min(100.0, 25 * math.ceil((max([*highs, 10.0]) + 10) / 25))
    return low, high


def _signed(value: float) -> str:
    whole = round(value)
    return f"{whole:+d}" if whole else "0"


def _bar_look(spec: NpsSpec, i: int, value: float) -> tuple[str, float]:
    """The colour of a bar (blue at or above zero) and its opacity (pale: low confidence)."""
    return BLUE if value >= 0 else RED, 0.85 if spec.n[i] >= spec.minimum else 0.35


def draw_nps(spec: NpsSpec) -> Figure:
    """NPS per period as bars with their 95% interval; pale bars are low-confidence."""
    handles = [
        Patch(color=BLUE, alpha=0.85, label="NPS (promoters − detractors)"),
        Line2D([], [], color=FOREGROUND, marker="_", markersize=8, label="95% interval"),
        Patch(color=BLUE, alpha=0.35, label=f"fewer than {spec.minimum} answers"),
    ]
    legend = Legend.of(_labels(handles))
    figure = periods_figure(spec.title, legend)
    ax = figure.add_subplot()
    shown = [
        (i, value, low, high)
        for i, (value, low, high) in enumerate(zip(spec.nps, spec.low, spec.high, strict=True))
        if value is not None and low is not None and high is not None
    ]
    for colour, alpha in ((BLUE, 0.85), (BLUE, 0.35), (RED, 0.85), (RED, 0.35)):
        bars = [(i, v) for i, v, _, _ in shown if _bar_look(spec, i, v) == (colour, alpha)]
        if bars:
            ax.bar([i for i, _ in bars], [v for _, v in bars], width=0.6, color=colour,
                   alpha=alpha)  # fmt: skip
    if shown:
        # the adjusted interval of a few answers may leave out the value itself (all
        # detractors: -100 below an interval that starts above it): no whisker that side
        whiskers = [
            [max(0.0, v - lo) for _, v, lo, _ in shown],
            [max(0.0, hi - v) for _, v, _, hi in shown],
        ]
        ax.errorbar([i for i, *_ in shown], [v for _, v, _, _ in shown], yerr=whiskers,
                    color=FOREGROUND, capsize=3, linewidth=1, linestyle="none")  # fmt: skip
    labelled = set(labelled_on(ax, len(spec.periods)))
    for i, value, low, high in shown:
        if i not in labelled:
            continue
        if value >= 0:
            label(ax, i, high, _signed(value), dy=4, va="bottom")
        else:
            label(ax, i, low, _signed(value), dy=-4, va="top")
    ax.axhline(0, color=FOREGROUND, linewidth=0.8)
    ax.set_ylim(*_nps_limits(spec))
    value_ticks(ax)
    period_ticks(ax, spec.periods, spec.n)
    legend.place(figure, handles)
    return figure


SHARE_LABEL = 20.0
"""Points of column width a share ("45%") needs to be written on its column."""


def _stack(ax: Axes, counts: Sequence[Sequence[int]], room: float) -> None:
    """Columns of the share of each answer, 5 at the bottom, labelled when there is room:
    ``room`` points of width per column, and a share of at least a tenth."""
    totals = [sum(c) or 1 for c in counts]
    bottom = [0.0] * len(counts)
    for score in (5, 4, 3, 2, 1):
        shares = [100 * c[score - 1] / t for c, t in zip(counts, totals, strict=True)]
        colour = SCORE_COLOURS[score - 1]
        x = list(range(len(counts)))
        ax.bar(x, shares, bottom=bottom, width=0.75, color=colour, label=str(score), linewidth=0)
        for i, share in enumerate(shares):
            if share >= 10 and room >= SHARE_LABEL:
                middle = bottom[i] + share / 2
                ax.text(i, middle, f"{share:.0f}%", ha="center", va="center", color=ON_COLOUR)
        bottom = [b + s for b, s in zip(bottom, shares, strict=True)]


def draw_distribution(spec: DistributionSpec) -> Figure:
    """The share of each answer per period as stacked columns, 5 at the bottom."""
    legend = Legend.of([str(score) for score in range(5, 0, -1)], title="Answer")
    figure = periods_figure(spec.title, legend)
    ax = figure.add_subplot()
    room = ax.get_position().width * WIDTH * 72 / max(1, len(spec.periods)) * 0.75
    _stack(ax, spec.counts, room)
    ax.set_ylim(0, 100)
    value_ticks(ax, formatter=PercentFormatter(decimals=0))
    period_ticks(ax, spec.periods, [sum(c) for c in spec.counts])
    handles, labels = ax.get_legend_handles_labels()
    legend.place(figure, handles[::-1], labels[::-1])
    return figure


LABEL_WIDTH = 100.0
"""Points of width for a group's name beside a comparison, wrapped onto more lines."""


def draw_comparison(spec: ComparisonSpec) -> Figure:
    """CSAT of several groups as dots with 95% interval whiskers and n."""
    names = [wrap(name, LABEL_WIDTH) for name in spec.labels]
    lines = max([name.count("\n") + 1 for name in names], default=1)
    handles = _trend_handles(spec.minimum, line=False)
    handles[1] = Line2D([], [], color=BLUE, alpha=0.35, linewidth=2.5, label="95% interval")
    legend = Legend.of(_labels(handles))
    row = max(0.3, text_height(lines) + 0.1)
    height = max(HEIGHT * 0.6, 0.7 + row * len(names)) + legend.height
    figure = new_figure(WIDTH, height, title=Title.of(spec.title))
    ax = figure.add_subplot()
    y = list(range(len(spec.labels)))[::-1]
    # The intervals as one line broken by gaps (NaN): one artist instead of one per group.
    ends = [(spec.low[i], spec.high[i], math.nan) for i in range(len(y))]
    rows = [(yi, yi, math.nan) for yi in y]
    ax.plot([v for e in ends for v in e], [v for r in rows for v in r], color=BLUE,
            linewidth=2.5, alpha=0.35, solid_capstyle="round")  # fmt: skip
    for solid in (True, False):
        mine = [i for i in range(len(y)) if (spec.n[i] >= spec.minimum) == solid]
        points(ax, [spec.csat[i] for i in mine], [y[i] for i in mine], solid, size=6.5)
    for i, yi in enumerate(y):
        ax.text(106, yi, f"{spec.csat[i]:.0f}%  n {spec.n[i]}", va="center")
    ax.set_yticks(y)
    ax.set_yticklabels(names)
    ax.set_xlim(0, 100)
    ax.set_xticks([0, 50, 100])
    ax.set_ylim(-0.7, len(y) - 0.3)
    ax.xaxis.set_major_formatter(PercentFormatter(decimals=0))
    ax.grid(axis="y", visible=False)
    ax.spines["left"].set_visible(False)
    ax.tick_params(axis="y", length=0)
    legend.place(figure, handles)
    return figure
