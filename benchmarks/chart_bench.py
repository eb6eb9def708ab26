"""Charts per second: drawing every chart of the example records serially, then in parallel.

Run ``python benchmarks/chart_bench.py [--root PATH] [--rounds N]``. Each round draws every
chart from an empty cache, once in this process and once across all cores; the report gives
charts per second for both, their ratio, and the time of a rebuild that finds every chart
cached. The best round counts, as usual for timings on a shared machine. A last table gives,
per kind of chart, the CPU time and the SVG size of one chart: what to look at first when
drawing gets slower (``brm demo --scale N`` makes records to run it on).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

from brm_build.analytics.stats import compute_stats
from brm_build.charts import Chart, build_charts, render_charts
from brm_build.charts.draw import draw_svg
from brm_build.charts.render import default_workers
from brm_build.check import check
from brm_build.model.settings import Settings
from brm_build.settings import load_config

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_TODAY = dt.date(2026, 11, 26)


def example_charts(root: Path) -> list[Chart]:
    """Every chart of the records at ``root``."""
    config, problems = load_config(str(root))
    if problems:
        raise SystemExit(f"brm.yaml has problems: {problems}")
    settings = Settings(root=str(root), today=EXAMPLE_TODAY, config=config)
    result = check(settings)
    if result.errors:
        raise SystemExit(f"the records have {result.errors} errors: run brm check")
    return build_charts(compute_stats(result.repository, settings))


SECRET = bytes(32)
"""The key that signs the benchmark's chart cache (a fresh one for every run)."""


def timed_render(charts: list[Chart], workers: int, cached: bool = False) -> float:
    """Seconds to render ``charts`` with ``workers`` processes (from an empty cache)."""
    with tempfile.TemporaryDirectory() as cache:
        if cached:
            render_charts(charts, cache, workers=workers, secret=SECRET)
        start = time.perf_counter()
        report = render_charts(charts, cache, workers=workers, secret=SECRET)
        seconds = time.perf_counter() - start
    expected = 0 if cached else len({c.key for c in charts})
    drawn = len({c.key for c in charts if c.name in report.drawn})
    if drawn != expected:
        raise SystemExit(f"drew {drawn} charts, expected {expected}")
    return seconds


def per_kind(charts: list[Chart]) -> list[tuple[str, int, float, float]]:
    """Per kind of chart: how many, CPU milliseconds and SVG kibibytes per chart."""
    seconds: dict[str, list[float]] = {}
    sizes: dict[str, list[int]] = {}
    for spec in {c.key: c.spec for c in charts}.values():
        start = time.process_time()
        svg = draw_svg(spec)
        kind = type(spec).__name__.removesuffix("Spec")
        seconds.setdefault(kind, []).append(time.process_time() - start)
        sizes.setdefault(kind, []).append(len(svg))
    return [
        (kind, len(times), 1000 * sum(times) / len(times), sum(sizes[kind]) / len(times) / 1024)
        for kind, times in sorted(seconds.items(), key=lambda item: -sum(item[1]))
    ]


def print_kinds(charts: list[Chart]) -> None:
    """Print the CPU time and size per chart of each kind, and over all charts."""
    rows = per_kind(charts)
    print(f"{'kind':<14} {'charts':>6} {'CPU ms/chart':>13} {'KiB/chart':>10}")
    for kind, count, ms, kib in rows:
        print(f"{kind:<14} {count:>6} {ms:>13.1f} {kib:>10.1f}")
    total = sum(r[1] for r in rows)
    ms = sum(r[1] * r[2] for r in rows) / total
    kib = sum(r[1] * r[3] for r in rows) / total
    print(f"{'all':<14} {total:>6} {ms:>13.1f} {kib:>10.1f}")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="a records repository")
    parser.add_argument("--rounds", type=int, default=3, help="rounds; the best counts")
    args = parser.parse_args(argv)
    charts = example_charts(args.root)
    workers = default_workers()
    serial = min(timed_render(charts, 1) for _ in range(args.rounds))
    parallel = min(timed_render(charts, workers) for _ in range(args.rounds))
    cached = min(timed_render(charts, workers, cached=True) for _ in range(args.rounds))
    n = len(charts)
    print(f"charts: {n} from {args.root.name}/records, best of {args.rounds} rounds")
    rows = [
        ("serial (1 process)", f"{serial:.2f} s", f"{n / serial:.1f} charts/s"),
        (f"parallel ({workers} processes)", f"{parallel:.2f} s", f"{n / parallel:.1f} charts/s"),
        ("cached rebuild", f"{cached:.3f} s", "0 charts drawn"),
    ]
    width = max(len(r[0]) for r in rows)
    for label, seconds, rate in rows:
        print(f"{label:<{width}}  {seconds:>8}  {rate}")
    print(f"{'parallel / serial':<{width}}  {serial / parallel:>7.2f}x")
    print()
    print_kinds(charts)
    return 0


if __name__ == "__main__":
    sys.exit(main())
