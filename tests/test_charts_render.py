"""Rendering charts: unchanged charts are not redrawn, parallel equals serial, output repeats."""

from __future__ import annotations

from pathlib import Path

import pytest

from brm_build.charts.draw import draw_svg
from brm_build.charts.model import AgreementSpec, Chart, LevelSpec, Spec, Table
from brm_build.charts.render import render_charts, write_charts

EMPTY = Table(("Period",), ())


def level_chart(name: str, actual: float) -> Chart:
    periods, met = ("2025-01", "2025-02"), (True, actual >= 99.5)
    level = LevelSpec(name, "percent", "at_least", 99.5, periods, (99.9, actual), met)
    return Chart(name + ".svg", f"{name}: alt", EMPTY, AgreementSpec(name, (level,)))


class CountingDraw:
    """A fake drawer that records every spec it is asked to draw."""

    def __init__(self) -> None:
        self.drawn: list[Spec] = []

    def __call__(self, spec: Spec) -> bytes:
        self.drawn.append(spec)
        return f"<svg>{spec.title}</svg>".encode()


SECRET = b"k" * 32
CHARTS = [level_chart("a", 99.0), level_chart("b", 99.6), level_chart("c", 98.0)]


def test_unchanged_charts_are_not_redrawn(tmp_path: Path) -> None:
    cache = str(tmp_path / "cache")
    draw = CountingDraw()
    first = render_charts(CHARTS, cache, workers=1, draw=draw, secret=SECRET)
    assert len(draw.drawn) == 3 and first.drawn == ("a.svg", "b.svg", "c.svg")
    second = render_charts(CHARTS, cache, workers=1, draw=draw, secret=SECRET)
    assert len(draw.drawn) == 3, "a rebuild with unchanged data draws nothing"
    assert second.drawn == () and second.reused == ("a.svg", "b.svg", "c.svg")
    assert second.svgs == first.svgs
    changed = [CHARTS[0], level_chart("b", 97.0), CHARTS[2]]
    third = render_charts(changed, cache, workers=1, draw=draw, secret=SECRET)
    assert len(draw.drawn) == 4 and third.drawn == ("b.svg",)
    assert third.svgs["b.svg"] == b"<svg>b</svg>"


def test_charts_with_the_same_data_are_drawn_once(tmp_path: Path) -> None:
    twin = Chart("twin.svg", "alt", EMPTY, CHARTS[0].spec)
    draw = CountingDraw()
    rendered = render_charts([CHARTS[0], twin], str(tmp_path / "c"), 1, draw, secret=SECRET)
    assert len(draw.drawn) == 1
    assert rendered.svgs["twin.svg"] == rendered.svgs["a.svg"]


def test_stale_cache_entries_are_pruned(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    render_charts(CHARTS, str(cache), 1, CountingDraw(), secret=SECRET)
    render_charts(CHARTS[:1], str(cache), 1, CountingDraw(), secret=SECRET)
    assert sorted(p.name for p in cache.iterdir()) == [CHARTS[0].key + ".svg", "manifest.txt"]


def test_two_charts_may_not_share_a_file_name(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="share a file name"):
        render_charts([CHARTS[0], CHARTS[0]], str(tmp_path / "c"), secret=SECRET)


def test_write_charts(tmp_path: Path) -> None:
    rendered = render_charts(CHARTS, str(tmp_path / "c"), 1, CountingDraw(), secret=SECRET)
    paths = write_charts(rendered, str(tmp_path / "out"))
    assert [Path(p).name for p in paths] == ["a.svg", "b.svg", "c.svg"]
    assert (tmp_path / "out" / "c.svg").read_bytes() == b"<svg>c</svg>"


def test_parallel_builds_are_byte_identical_to_serial_ones(tmp_path: Path) -> None:
    parallel = render_charts(CHARTS, str(tmp_path / "p"), workers=2, secret=SECRET)
    serial = render_charts(CHARTS, str(tmp_path / "s"), workers=1, secret=SECRET)
    assert len(parallel.drawn) == len(serial.drawn) == 3
    for chart in CHARTS:
        svg = parallel.svgs[chart.name]
        assert svg == serial.svgs[chart.name] == draw_svg(chart.spec)
        assert svg.startswith(b"<?xml")
