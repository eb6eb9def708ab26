"""Drawing charts: text fits the figure, periods are thinned, and the cache key follows the code."""

from __future__ import annotations

import ast
import dataclasses
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.text import Text
from matplotlib.textpath import text_to_path

import brm_build.charts
from brm_build.charts.draw import draw_svg, figure_for
from brm_build.charts.marks import axis_ticks, labelled_periods, period_label, value_ticks
from brm_build.charts.model import (
    DRAWING_MODULES,
    LABEL_LIMIT,
    TITLE_LIMIT,
    AgreementSpec,
    ComparisonSpec,
    DistributionSpec,
    HeatmapSpec,
    LevelSpec,
    NpsSpec,
    Spec,
    TrendSpec,
    drawing_code,
    shorten,
    source_hash,
)
from brm_build.charts.style import chart_style, measure, text_width, to_svg

PACKAGE = Path(brm_build.charts.__file__).parent
QUARTERS = tuple(f"{y}-Q{q}" for y in (2024, 2025) for q in (1, 2, 3, 4))
MONTHS = tuple(f"{y}-{m:02d}" for y in (2024, 2025) for m in range(1, 13))
LONG = ("Wide Business Unit Name " * 4)[:LABEL_LIMIT]
NAME = "Group Infrastructure Operations and Management Services Worldwide"


def _title(what: str) -> str:
    return shorten(f"{NAME}: {what}", TITLE_LIMIT)


def _level(title: str, unit: str, actual: tuple[float | None, ...]) -> LevelSpec:
    met = tuple(None if v is None else v >= 99.5 for v in actual)
    return LevelSpec(title, unit, "at_least", 99.5, MONTHS, actual, met)


SPECS: dict[str, Spec] = {
    "trend": TrendSpec(
        _title("CSAT by survey period"),
        QUARTERS,
        (100.0, None, 0.0, 50.0, 62.5, 70.0, 80.0, 100.0),
        (80.0, None, 0.0, 30.0, 40.0, 60.0, 70.0, 90.0),
        (100.0, None, 20.0, 70.0, 80.0, 80.0, 90.0, 100.0),
        (3, 0, 12000, 250, 250, 4, 250, 99999),
        5,
    ),
    "nps": NpsSpec(
        _title("NPS by survey period"),
        QUARTERS,
        (-100.0, 100.0, None, 0.0, 5.0, -5.0, 30.0, -30.0),
        (-100.0, 80.0, None, -10.0, -5.0, -15.0, 20.0, -40.0),
        (-80.0, 100.0, None, 10.0, 15.0, 5.0, 40.0, -20.0),
        (3, 250, 0, 250, 250, 250, 250, 12000),
        5,
    ),
    "distribution": DistributionSpec(
        _title("answers by survey period"), QUARTERS, ((1, 2, 3, 40, 50),) * 8
    ),
    "comparison": ComparisonSpec(
        "CSAT by customer, 2025-Q4",
        (LONG, "Finance", "HR"),
        (100.0, 0.0, 55.0),
        (90.0, 0.0, 40.0),
        (100.0, 10.0, 70.0),
        (12000, 3, 250),
        5,
    ),
    "agreement": AgreementSpec(
        shorten(NAME, TITLE_LIMIT),
        (
            _level("Availability during support hours", "percent", (99.9, None) * 12),
            _level("Restore time for priority 1 incidents", "hours", (-1234.5, 100000.0) * 12),
        ),
    ),
    "heatmap": HeatmapSpec(
        "Service-level results met (%)",
        (LONG, "Finance"),
        QUARTERS,
        ((100.0, None) * 4, (0.0, 50.0) * 4),
        95.0,
        80.0,
    ),
}


@pytest.mark.parametrize("kind", SPECS)
def test_every_text_stays_inside_the_figure(kind: str) -> None:
    # A fixed layout saves half the drawing time; this keeps long names and big numbers in view.
    with chart_style():
        figure = figure_for(SPECS[kind])
        FigureCanvasAgg(figure)  # measures text as the SVG canvas lays it out
        figure.draw_without_rendering()
        width, height = figure.bbox.width, figure.bbox.height
        for text in figure.findobj(Text):
            if not text.get_visible() or not text.get_text():
                continue
            box = text.get_window_extent()
            inside = box.x0 >= -1 and box.y0 >= -1 and box.x1 <= width + 1
            assert inside and box.y1 <= height + 1, f"{text.get_text()!r} sticks out: {box}"


@pytest.mark.parametrize("kind", SPECS)
def test_text_measured_once_per_process_is_drawn_as_matplotlib_draws_it(kind: str) -> None:
    # brm keeps each text's measure for the next chart; the bytes are matplotlib's own
    draw_svg(SPECS["agreement"])
    with chart_style():
        figure = figure_for(SPECS[kind])
        FigureCanvasSVG(figure)
        plain = to_svg(figure)
    assert draw_svg(SPECS[kind]) == plain


def test_a_text_kept_measured_is_told_apart_by_weight_and_size() -> None:
    text_width("Finance")
    for weight, size in (("normal", 9.0), ("bold", 9.0), ("normal", 10.5)):
        prop = FontProperties(family="sans-serif", size=size, weight=weight)
        truth = text_to_path.get_text_width_height_descent("Finance", prop, ismath=False)
        assert measure("Finance", prop) == pytest.approx(truth)
    assert text_width("Finance", bold=True) > text_width("Finance")


def _boxes(texts: Sequence[Text]) -> list[tuple[str, tuple[float, ...]]]:
    shown = [t for t in texts if t.get_visible() and t.get_text()]
    return sorted((t.get_text(), tuple(round(v, 6) for v in t.get_window_extent().bounds))
                  for t in shown)  # fmt: skip


def test_ticks_are_drawn_where_matplotlib_draws_its_own() -> None:
    periods = ["2024\nQ1", "2024\nQ4\nn 12", "2025\nQ3"]
    with chart_style():
        figure = Figure(dpi=72)
        FigureCanvasSVG(figure)  # measures text as brm's canvas does
        ours, theirs = (figure.add_axes((0.3, 0.3, 0.6, 0.6)) for _ in range(2))
        for ax in (ours, theirs):
            ax.set_xlim(-0.6, 7.6)
            ax.set_ylim(-1234.5, 100000.0)
        value_ticks(ours, label="hours")
        axis_ticks(ours, "x", [0, 3, 7], periods)
        theirs.set_ylabel("hours")
        theirs.set_xticks([0, 3, 7], periods)
        figure.draw_without_rendering()
        # matplotlib keeps the label of a tick beyond the limits, but draws none
        values = [t for t in theirs.get_yticklabels() if t.get_position()[1] >= -1234.5]
        expected = [*theirs.get_xticklabels(), *values, theirs.yaxis.label]
        assert _boxes(ours.texts) == _boxes(expected)
        assert [t.get_text() for t in values][:2] == ["0", "20000"]


def test_values_written_with_an_offset_keep_matplotlibs_ticks() -> None:
    with chart_style():
        figure = Figure()
        FigureCanvasAgg(figure)
        ax = figure.add_subplot()
        ax.set_ylim(99.99991, 99.99999)
        value_ticks(ax, label="percent")
        figure.draw_without_rendering()
        assert ax.yaxis.get_offset_text().get_text() and ax.get_yticklabels()
        assert ax.get_ylabel() == "percent" and not ax.texts


def test_only_some_periods_are_labelled_and_always_the_latest() -> None:
    assert labelled_periods(8) == list(range(8))
    assert labelled_periods(24) == [2, 5, 8, 11, 14, 17, 20, 23]
    assert labelled_periods(9) == [0, 2, 4, 6, 8]
    assert labelled_periods(1) == [0]
    assert labelled_periods(24, 6) == [3, 7, 11, 15, 19, 23]
    with chart_style():
        figure = figure_for(SPECS["agreement"])
    for ax in figure.axes:
        labels = [t.get_text() for t in ax.texts if "\n" in t.get_text()]
        # a panel the width of a phone has room for six labels, each the year over the month
        assert labels == [period_label(MONTHS[i]) for i in labelled_periods(24, 6)]
        assert labels[-1] == "2025\n12"


def test_text_is_text_in_a_sans_serif_for_readers_without_the_font() -> None:
    svg = draw_svg(SPECS["trend"]).decode("utf-8")
    families = set(re.findall(r"font-family: ([^;\"]+)", svg))
    assert families == {"'DejaVu Sans', 'Verdana', sans-serif"}
    assert "<path" in svg and ">Q4</text>" in svg, "no text drawn as glyph outlines"


def _imported_modules(name: str) -> tuple[set[str], set[str]]:
    """The package's modules ``name`` imports, and any import that leaves the package."""
    tree = ast.parse((PACKAGE / f"{name}.py").read_text(encoding="utf-8"))
    inside, outside = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module:
            inside.add(node.module)
        elif isinstance(node, ast.ImportFrom) and (
            node.level > 1 or "brm_build" in (node.module or "")
        ):
            outside.add(ast.unparse(node))
        elif isinstance(node, ast.Import):
            outside.update(a.name for a in node.names if a.name.startswith("brm_build"))
    return inside, outside


def test_the_cache_key_covers_every_module_that_draws() -> None:
    seen: set[str] = set()
    todo = ["draw"]
    while todo:
        name = todo.pop()
        seen.add(name)
        inside, outside = _imported_modules(name)
        assert not outside, f"{name}.py draws with code outside the charts package: {outside}"
        todo.extend(inside - seen)
    assert seen == set(DRAWING_MODULES)


def test_any_change_to_the_drawing_code_changes_the_key() -> None:
    sources = {f"{n}.py": (PACKAGE / f"{n}.py").read_bytes() for n in DRAWING_MODULES}
    assert drawing_code() == source_hash({n[:-3]: s for n, s in sources.items()})
    edited = dict(sources, **{"marks.py": sources["marks.py"] + b" "})
    assert source_hash(edited) != source_hash(sources)
    renamed = {n.replace("marks", "mark"): s for n, s in sources.items()}
    assert source_hash(renamed) != source_hash(sources)


def test_a_changed_target_is_drawn_as_the_target_in_force_each_period() -> None:
    months = MONTHS[:4]
    spec = LevelSpec(
        "up", "%", "at_least", 99.0, months, (99.6, 99.2, 99.3, 99.1), (True, False, True, True),
        targets=(99.5, 99.5, 99.0, 99.0),
    )  # fmt: skip
    figure = figure_for(AgreementSpec("ERP", (spec,)))
    (ax,) = figure.axes
    dashed = [line for line in ax.get_lines() if line.get_linestyle() == "--"]
    assert len(dashed) == 1 and set(np.asarray(dashed[0].get_ydata(), dtype=float).tolist()) == {
        99.5,
        99.0,
    }
    (flat,) = figure_for(AgreementSpec("ERP", (dataclasses.replace(spec, targets=()),))).axes
    dashed = [line for line in flat.get_lines() if line.get_linestyle() == "--"]
    assert len(dashed) == 1 and set(np.asarray(dashed[0].get_ydata(), dtype=float).tolist()) == {
        99.0
    }


def test_an_interval_that_leaves_out_its_value_and_a_character_the_font_lacks() -> None:
    """One detractor: NPS -100 below its adjusted interval; a title with ESC and CJK."""
    spec = NpsSpec("NPS \x1b 顧客", ("2026-Q1",), (-100.0,), (-95.0,), (-20.0,), (1,), 5)
    assert draw_svg(spec).startswith(b"<?xml")
