"""Drawing the service-level charts: agreed vs achieved, and attainment by customer."""

from __future__ import annotations

import math

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.collections import PatchCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle

from .marks import (
    LABEL_SLOT,
    MAX_TICKS,
    Legend,
    period_label,
    period_ticks,
    points,
    value_ticks,
)
from .model import AgreementSpec, HeatmapSpec, LevelSpec
from .style import (
    BLUE,
    FOREGROUND,
    GREEN,
    LINE_SPACING,
    MUTED,
    ON_COLOUR,
    PAD,
    RED,
    TEXT_SIZE,
    WIDTH,
    Margins,
    Title,
    new_figure,
    text_height,
    text_width,
    wrap,
)

CELL_GOOD, CELL_WATCH, CELL_ACT = "#8ce99a", "#ffd43b", "#ffa8a8"


def _limits(values: list[float], target: float) -> tuple[float, float]:
    """A y range that shows the target and every value with some air."""
    low, high = min([*values, target]), max([*values, target])
    pad = (high - low) * 0.15 or abs(target) * 0.05 or 1.0
    return low - pad, high + pad


PANEL_HEIGHT = 1.2
"""Height in inches of the plot area of one service level in an agreement's chart."""
PANEL_TITLE_SIZE = TEXT_SIZE + 0.5
"""A panel's title (the service level and its target), bold, wrapped to the figure's width."""
TICKS = 0.45
"""Room in inches under a panel for its period labels (year over month)."""
PANEL_GAP = 0.12
"""Room in inches between one panel's period labels and the next panel's title."""
AGREEMENT_MARGINS = Margins(left=0.8, right=0.2, top=0.0, bottom=0.0)
"""Room for the unit and its tick labels at the left, the last period label at the right."""


def _level_title(spec: LevelSpec) -> str:
    sign = "≥" if spec.direction == "at_least" else "≤"
    return wrap(f"{spec.title} (target {sign}\u00a0{spec.target:g})", WIDTH * 72 - 2 * PAD,
                PANEL_TITLE_SIZE, bold=True)  # fmt: skip


def _draw_level(ax: Axes, spec: LevelSpec) -> None:
    """Achieved per period against the target line; red points breached it."""
    x = list(range(len(spec.periods)))
    actual = [math.nan if v is None else v for v in spec.actual]
    ax.plot(x, actual, color=BLUE, linewidth=1.6, zorder=2)
    if spec.targets:  # the target changed: each period against the one in force then
        ax.step(x, spec.targets, where="mid", color=FOREGROUND, linestyle="--", linewidth=1.1,
                zorder=1)  # fmt: skip
    else:
        ax.axhline(spec.target, color=FOREGROUND, linestyle="--", linewidth=1.1, zorder=1)
    for i, value in enumerate(spec.actual):
        if value is None:
            ax.axvspan(i - 0.5, i + 0.5, color=MUTED, alpha=0.2, linewidth=0)
    measured = [(i, v) for i, v in enumerate(spec.actual) if v is not None]
    for met, colour, size in ((True, GREEN, 5.5), (False, RED, 7.0)):
        mine = [(i, v) for i, v in measured if spec.met[i] == met]
        points(ax, [i for i, _ in mine], [v for _, v in mine], True, colour, size)
    ax.set_ylim(*_limits([v for _, v in measured] + list(spec.targets), spec.target))
    value_ticks(ax, label=spec.unit)
    period_ticks(ax, spec.periods)


def draw_agreement(spec: AgreementSpec) -> Figure:
    """One panel per service level, each achieved against its own target line and under
    its own title, as many lines as it takes."""
    handles: list[Artist] = [
        Line2D([], [], color=FOREGROUND, linestyle="--", label="target"),
        Line2D([], [], color=GREEN, linestyle="none", marker="o", label="met"),
        Line2D([], [], color=RED, linestyle="none", marker="o", label="breached"),
    ]
    if any(None in level.actual for level in spec.levels):
        handles.append(Patch(color=MUTED, alpha=0.2, label="not measured"))
    legend = Legend.of([str(h.get_label()) for h in handles])
    titles = [_level_title(level) for level in spec.levels]
    heights = [text_height(t.count("\n") + 1, PANEL_TITLE_SIZE) + 0.05 for t in titles]
    body = sum(heights) + len(titles) * (PANEL_HEIGHT + TICKS + PANEL_GAP) + legend.height
    title = Title.of(spec.title)
    figure = new_figure(WIDTH, body, AGREEMENT_MARGINS, title)
    total = body + title.height
    margins = AGREEMENT_MARGINS
    top = title.height
    for level, text, height in zip(spec.levels, titles, heights, strict=True):
        figure.text(PAD / 72 / WIDTH, 1 - top / total, text, ha="left", va="top",
                    fontsize=PANEL_TITLE_SIZE, fontweight="bold",
                    linespacing=LINE_SPACING)  # fmt: skip
        top += height + PANEL_HEIGHT
        box = (margins.left / WIDTH, 1 - top / total,
               1 - (margins.left + margins.right) / WIDTH, PANEL_HEIGHT / total)  # fmt: skip
        _draw_level(figure.add_axes(box), level)
        top += TICKS + PANEL_GAP
    legend.place(figure, handles)
    return figure


def _cell_colour(value: float, good: float, act: float) -> str:
    if value >= good:
        return CELL_GOOD
    return CELL_WATCH if value >= act else CELL_ACT


NAME_WIDTH = 90.0
"""Points of width for a customer's name beside the heatmap, wrapped onto more lines."""
ROW_HEIGHT = 0.34
"""Inches per customer in the heatmap (a name of two lines)."""


def _blocks(count: int, room: float) -> list[range]:
    """The periods in runs of as many as ``room`` points have labels for, evenly sized,
    each drawn as a grid of its own below the one before: a heatmap wraps as text does."""
    most = max(1, min(MAX_TICKS, int(room // LABEL_SLOT)))
    runs = max(1, math.ceil(count / most))
    size = math.ceil(count / runs)
    return [range(start, min(count, start + size)) for start in range(0, count, size)]


def _draw_cells(ax: Axes, spec: HeatmapSpec, names: list[str], periods: range) -> None:
    cells: dict[str, list[Rectangle]] = {}  # one collection per colour, not a patch per cell
    for r, row in enumerate(spec.values):
        for c, p in enumerate(periods):
            value = row[p]
            if value is None:
                ax.text(c, r, "–", ha="center", va="center")
                continue
            colour = _cell_colour(value, spec.good, spec.act)
            cells.setdefault(colour, []).append(Rectangle((c - 0.47, r - 0.44), 0.94, 0.88))
            ax.text(c, r, f"{value:.0f}", ha="center", va="center", color=ON_COLOUR)
    for colour, patches in cells.items():
        ax.add_collection(PatchCollection(patches, facecolor=colour, linewidth=0))
    ax.set_xlim(-0.5, len(periods) - 0.5)
    ax.set_ylim(len(spec.rows) - 0.5, -0.5)
    ax.set_xticks(range(len(periods)))
    ax.set_xticklabels([period_label(spec.periods[p]) for p in periods])
    ax.set_yticks(range(len(spec.rows)))
    ax.set_yticklabels(names)
    ax.tick_params(length=0)
    ax.grid(visible=False)
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)


def draw_heatmap(spec: HeatmapSpec) -> Figure:
    """A grid of customers by period; each cell the share of service-level results met.
    Many periods are drawn as several grids, one under the other."""
    names = [wrap(name, NAME_WIDTH) for name in spec.rows]
    room = WIDTH * 72 - max([text_width(n) for n in names], default=0) - 3 * PAD
    blocks = _blocks(len(spec.periods), room)
    handles = [
        Patch(color=CELL_GOOD, label=f"{spec.good:g}% or more met"),
        Patch(color=CELL_WATCH, label=f"{spec.act:g} to under {spec.good:g}%"),
        Patch(color=CELL_ACT, label=f"under {spec.act:g}%"),
    ]
    legend = Legend.of([str(h.get_label()) for h in handles])
    lines = max([n.count("\n") + 1 for n in names], default=1)
    row = max(ROW_HEIGHT, text_height(lines) + 0.1)
    height = len(blocks) * (row * len(spec.rows) + TICKS) + legend.height
    figure = new_figure(WIDTH, height, title=Title.of(spec.title))
    axes = figure.subplots(len(blocks), 1, squeeze=False)
    for ax, periods in zip(axes[:, 0], blocks, strict=True):
        _draw_cells(ax, spec, names, periods)
    legend.place(figure, handles)
    return figure
