"""Drawing the service-level charts: agreed vs achieved, and attainment by customer."""

from __future__ import annotations

import math

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.collections import PatchCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle

from .marks import period_ticks, points
from .model import AgreementSpec, HeatmapSpec, LevelSpec
from .style import BLUE, FOREGROUND, GREEN, MUTED, ON_COLOUR, RED, WIDTH, Margins, new_figure

CELL_GOOD, CELL_WATCH, CELL_ACT = "#8ce99a", "#ffd43b", "#ffa8a8"


def _limits(values: list[float], target: float) -> tuple[float, float]:
    """A y range that shows the target and every value with some air."""
    low, high = min([*values, target]), max([*values, target])
    pad = (high - low) * 0.15 or abs(target) * 0.05 or 1.0
    return low - pad, high + pad


PANEL_HEIGHT = 1.2
"""Height in inches of the plot area of one service level in an agreement's chart."""
GAP = 0.75
"""Room in inches between panels for tick labels and the next panel's title."""
AGREEMENT_MARGINS = Margins(left=0.8, right=0.3, top=0.55, bottom=0.75)
"""Room for the unit and its tick labels at the left, the last period label at the right,
the title at the top, and tick labels and the legend at the bottom."""


def _draw_level(ax: Axes, spec: LevelSpec) -> None:
    """Achieved per period against the target line; red points breached it."""
    x = list(range(len(spec.periods)))
    actual = [math.nan if v is None else v for v in spec.actual]
    ax.plot(x, actual, color=BLUE, linewidth=1.6, zorder=2)
    sign = "≥" if spec.direction == "at_least" else "≤"
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
    ax.set_ylabel(spec.unit)
    period_ticks(ax, spec.periods)
    ax.set_title(f"{spec.title} (target {sign} {spec.target:g})", fontsize=9.5)


def draw_agreement(spec: AgreementSpec) -> Figure:
    """One panel per service level, each achieved against its own target line."""
    count = len(spec.levels)
    margins = AGREEMENT_MARGINS
    height = margins.top + margins.bottom + count * PANEL_HEIGHT + (count - 1) * GAP
    figure = new_figure(WIDTH, height, margins)
    axes = figure.subplots(count, 1, squeeze=False, gridspec_kw={"hspace": GAP / PANEL_HEIGHT})
    for ax, level in zip(axes[:, 0], spec.levels, strict=True):
        _draw_level(ax, level)
    figure.suptitle(spec.title, x=0.01, y=1 - 0.1 / height, ha="left", va="top",
                    fontsize=10.5, fontweight="bold")  # fmt: skip
    handles: list[Artist] = [
        Line2D([], [], color=FOREGROUND, linestyle="--", label="target"),
        Line2D([], [], color=GREEN, linestyle="none", marker="o", label="met"),
        Line2D([], [], color=RED, linestyle="none", marker="o", label="breached"),
    ]
    if any(None in level.actual for level in spec.levels):
        handles.append(Patch(color=MUTED, alpha=0.2, label="not measured"))
    figure.legend(handles=handles, loc="lower center", ncols=4, fontsize=8.5)
    return figure


def _cell_colour(value: float, good: float, act: float) -> str:
    if value >= good:
        return CELL_GOOD
    return CELL_WATCH if value >= act else CELL_ACT


def draw_heatmap(spec: HeatmapSpec) -> Figure:
    """A grid of customers by period; each cell the share of service-level results met."""
    figure = new_figure(WIDTH, 1.2 + 0.34 * len(spec.rows))
    ax = figure.add_subplot()
    cells: dict[str, list[Rectangle]] = {}  # one collection per colour, not a patch per cell
    for r, row in enumerate(spec.values):
        for c, value in enumerate(row):
            if value is None:
                ax.text(c, r, "–", ha="center", va="center", fontsize=8)
                continue
            colour = _cell_colour(value, spec.good, spec.act)
            cells.setdefault(colour, []).append(Rectangle((c - 0.47, r - 0.44), 0.94, 0.88))
            ax.text(c, r, f"{value:.0f}", ha="center", va="center", fontsize=7.5, color=ON_COLOUR)
    for colour, patches in cells.items():
        ax.add_collection(PatchCollection(patches, facecolor=colour, linewidth=0))
    ax.set_xlim(-0.5, len(spec.periods) - 0.5)
    ax.set_ylim(len(spec.rows) - 0.5, -0.5)
    ax.set_xticks(range(len(spec.periods)))
    ax.set_xticklabels([p.replace("-", "\n") for p in spec.periods], fontsize=8)
    ax.set_yticks(range(len(spec.rows)))
    ax.set_yticklabels(spec.rows)
    ax.tick_params(length=0)
    ax.grid(visible=False)
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)
    ax.set_title(spec.title)
    handles = [
        Patch(color=CELL_GOOD, label=f"{spec.good:g}% or more met"),
        Patch(color=CELL_WATCH, label=f"{spec.act:g} to under {spec.good:g}%"),
        Patch(color=CELL_ACT, label=f"under {spec.act:g}%"),
    ]
    figure.legend(handles=handles, loc="outside lower center", ncols=3, fontsize=8.5)
    return figure
