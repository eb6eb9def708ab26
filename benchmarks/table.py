"""What the benchmark measured at each scale, and the table that shows it with targets."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from timing import Sample

CHECK_VS_PARSE = 1.5
CHANGE_VS_FULL = 0.10
MEMORY_MB = 2048
BUILD_MINUTES = 10


@dataclass
class ScaleResult:
    """What was measured at one scale; None where it could not be."""

    scale: int
    files: int
    check: Sample
    parse: Sample
    warm: Sample
    one_change: Sample
    jsonschema: Sample | None
    build: Sample | None = None
    rebuild_one: Sample | None = None
    rebuild_none: Sample | None = None
    pages: int = 0
    site_mb: float = 0.0
    notes: list[str] = field(default_factory=list)


Cell = Callable[[ScaleResult], str]


def _time(pick: Callable[[ScaleResult], Sample | None]) -> Cell:
    def cell(r: ScaleResult) -> str:
        s = pick(r)
        return "n/a" if s is None else f"{s.wall:.2f} ({s.cpu:.2f})"

    return cell


def _ratio(
    top: Callable[[ScaleResult], Sample | None],
    bottom: Callable[[ScaleResult], Sample | None],
    target: Callable[[float], bool],
    percent: bool = False,
) -> Cell:
    def cell(r: ScaleResult) -> str:
        a, b = top(r), bottom(r)
        if a is None or b is None or b.cpu <= 0:
            return "n/a"
        value = a.cpu / b.cpu
        shown = f"{value:.0%}" if percent else f"{value:.2f}x"
        return f"{shown} {'✓' if target(value) else '✗'}"

    return cell


def _memory(pick: Callable[[ScaleResult], Sample | None]) -> Cell:
    def cell(r: ScaleResult) -> str:
        s = pick(r)
        if s is None:
            return "n/a"
        return f"{s.peak_mb:,.0f} {'✓' if s.peak_mb < MEMORY_MB else '✗'}"

    return cell


def _build_minutes(r: ScaleResult) -> str:
    if r.build is None:
        return "n/a"
    minutes = r.build.wall / 60
    return f"{minutes:.1f} {'✓' if minutes <= BUILD_MINUTES else '✗'}"


def _per_thousand(r: ScaleResult) -> str:
    """Build CPU seconds per 1,000 record files: flat when the build grows linearly."""
    return "n/a" if r.build is None else f"{r.build.cpu / r.files * 1000:.1f}"


def _pages(r: ScaleResult) -> str:
    if r.build is None:
        return "n/a"
    return f"{r.pages:,} ({r.pages / r.build.wall:.0f}/s)"


ROWS: Sequence[tuple[str, Cell]] = (
    ("record files", lambda r: f"{r.files:,}"),
    ("brm check, no cache", _time(lambda r: r.check)),
    ("parse only, libyaml (baseline)", _time(lambda r: r.parse)),
    (
        f"check ÷ parse (target ≤ {CHECK_VS_PARSE})",
        _ratio(lambda r: r.check, lambda r: r.parse, lambda v: v <= CHECK_VS_PARSE),
    ),
    ("check-jsonschema, same files and schemas", _time(lambda r: r.jsonschema)),
    (
        "check ÷ check-jsonschema (target < 1)",
        _ratio(lambda r: r.check, lambda r: r.jsonschema, lambda v: v < 1),
    ),
    ("brm check, cached, nothing changed", _time(lambda r: r.warm)),
    ("brm check, cached, one file changed", _time(lambda r: r.one_change)),
    (
        f"one file changed ÷ full check (target ≤ {CHANGE_VS_FULL:.0%})",
        _ratio(lambda r: r.one_change, lambda r: r.check, lambda v: v <= CHANGE_VS_FULL, True),
    ),
    (f"check peak memory, MiB (target < {MEMORY_MB:,})", _memory(lambda r: r.check)),
    ("brm build", _time(lambda r: r.build)),
    (f"build minutes (target ≤ {BUILD_MINUTES} at scale 40)", _build_minutes),
    ("build CPU s per 1,000 files (flat = linear)", _per_thousand),
    ("pages (pages/s)", _pages),
    ("site size, MiB", lambda r: "n/a" if r.build is None else f"{r.site_mb:,.1f}"),
    (f"build peak memory, MiB (target < {MEMORY_MB:,})", _memory(lambda r: r.build)),
    ("rebuild, one meeting changed", _time(lambda r: r.rebuild_one)),
    (
        f"rebuild one meeting ÷ build (target ≤ {CHANGE_VS_FULL:.0%})",
        _ratio(lambda r: r.rebuild_one, lambda r: r.build, lambda v: v <= CHANGE_VS_FULL, True),
    ),
    ("rebuild, nothing changed", _time(lambda r: r.rebuild_none)),
)


def render(results: Sequence[ScaleResult]) -> str:
    """The results as a Markdown table, a column per scale, then the notes."""
    head = ["measure", *(f"scale {r.scale}" for r in results)]
    rows = [head, ["---"] + ["---:"] * len(results)]
    rows += [[label, *(cell(r) for r in results)] for label, cell in ROWS]
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    lines = [
        "| " + " | ".join(text.ljust(width) for text, width in zip(row, widths, strict=True)) + " |"
        for row in rows
    ]
    notes = [
        "Times are wall seconds (CPU seconds), the best of the runs; ratios compare CPU "
        "seconds. check-jsonschema is called once per kind with its schema; meetings are "
        "given as their front matter, extracted to .yaml files before timing.",
        *(note for r in results for note in r.notes),
    ]
    return "\n".join(lines) + "\n\n" + "\n".join(f"- {note}" for note in notes) + "\n"
