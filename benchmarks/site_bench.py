"""Site build time against the number of records: a synthetic organisation at 1x and 4x.

Run ``python benchmarks/site_bench.py [--base N] [--factor K] [--rounds R]``. Each size is a
``brm demo`` organisation (brm_build.demo) written to a temporary folder and built R times
with the whole ``brm build`` (check, charts, pages, MkDocs in strict mode). The first build
draws every chart ("cold"); later ones find the charts in the cache ("warm") and the best
of them counts. The time of page generation alone is measured too. Each build is timed
by the clock and by the CPU time of this process and its children (MkDocs, chart
workers): on a shared machine the clock also counts other people's work, so the CPU time
is what decides. The report gives records, pages, times, time and output size per page,
and the ratios; the build scales linearly when K times the records cost at most
``--limit`` (4.5 by default) times the CPU time, cold and warm. Exit status 1 when not.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from brm_build.check import check
from brm_build.demo import DEFAULT_TODAY, DemoPlan, write_demo
from brm_build.model.settings import Settings
from brm_build.settings import load_config
from brm_build.site.build import build, site_data
from brm_build.site.context import environment
from brm_build.site.pages import generate


@dataclass(frozen=True)
class Run:
    """One size of organisation and its builds."""

    scale: int
    records: int
    pages: int
    html_pages: int
    cold: float
    cold_cpu: float
    warm: float
    warm_cpu: float
    generate: float
    bytes: int


def _size(folder: Path) -> tuple[int, int]:
    """Total bytes of every file under ``folder``, and its number of HTML pages."""
    total, pages = 0, 0
    for path, _, names in os.walk(folder):
        for name in names:
            total += os.path.getsize(os.path.join(path, name))
            pages += name.endswith(".html")
    return total, pages


def _cpu() -> float:
    """CPU seconds of this process and of its finished children."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def _build(settings: Settings, out: Path) -> tuple[float, float, int]:
    """Clock seconds, CPU seconds and generated pages of one whole build."""
    start, cpu = time.perf_counter(), _cpu()
    built = build(settings, str(out))
    seconds, cpu = time.perf_counter() - start, _cpu() - cpu
    if not built.ok:
        raise SystemExit(f"the build failed: {built.problems or built.check.errors}")
    return seconds, cpu, built.pages


def _generate(settings: Settings) -> float:
    """Seconds to generate the pages alone, from checked records and cached charts."""
    data = site_data(settings, check(settings))
    env = environment()
    start = _cpu()
    generate(data, env)
    return _cpu() - start


def measure(scale: int, rounds: int, work: Path) -> Run:
    """Build the demo organisation of ``scale``: once cold, then warm ``rounds - 1`` times."""
    root = work / f"demo-{scale}"
    records = write_demo(str(root), DemoPlan(scale=scale)) - 1  # brm.yaml is no record
    config, problems = load_config(str(root))
    if problems:
        raise SystemExit(f"the demo's brm.yaml has problems: {problems}")
    settings = Settings(root=str(root), today=DEFAULT_TODAY, config=config)
    out = work / f"site-{scale}"
    cold, cold_cpu, pages = _build(settings, out)
    warm, warm_cpu, _ = min(_build(settings, out) for _ in range(max(rounds - 1, 1)))
    size, html_pages = _size(out)
    generation = _generate(settings)
    return Run(scale, records, pages, html_pages, cold, cold_cpu, warm, warm_cpu, generation, size)


def report(runs: list[Run]) -> list[str]:
    """The report's lines: one per size, then the ratios."""
    lines = [
        f"{'scale':>5} {'records':>7} {'pages':>6} {'html':>5} {'cold':>7} {'cold cpu':>8} "
        f"{'warm':>7} {'warm cpu':>8} {'cpu ms/page':>11} {'gen cpu':>9} {'output':>8} "
        f"{'KB/page':>7}"
    ]
    for r in runs:
        lines.append(
            f"{r.scale:>4}x {r.records:>7} {r.pages:>6} {r.html_pages:>5} {r.cold:>6.1f}s "
            f"{r.cold_cpu:>7.1f}s {r.warm:>6.1f}s {r.warm_cpu:>7.1f}s "
            f"{1000 * r.warm_cpu / r.html_pages:>11.1f} {r.generate:>8.2f}s "
            f"{r.bytes / 1e6:>6.1f}MB {r.bytes / 1e3 / r.html_pages:>7.1f}"
        )
    lines.append(
        "pages: generated Markdown pages; cold: charts drawn, warm: charts cached (clock and "
        "CPU time); cpu ms/page: warm CPU per HTML page; gen cpu: page generation alone"
    )
    return lines


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its report."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--base", type=int, default=1, help="demo scale of the small size")
    parser.add_argument("--factor", type=int, default=4, help="how many times larger")
    parser.add_argument("--rounds", type=int, default=2, help="rounds per size; best counts")
    parser.add_argument("--limit", type=float, default=4.5, help="largest time ratio allowed")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="brm-site-bench-") as folder:
        work = Path(folder)
        runs = [measure(s, args.rounds, work) for s in (args.base, args.base * args.factor)]
    for line in report(runs):
        print(line)
    small, large = runs
    print(f"{large.records / small.records:.1f}x the records took:")
    ratios = {
        "cold build (clock)": large.cold / small.cold,
        "cold build (CPU)": large.cold_cpu / small.cold_cpu,
        "warm build (clock)": large.warm / small.warm,
        "warm build (CPU)": large.warm_cpu / small.warm_cpu,
        "page generation (CPU)": large.generate / small.generate,
    }
    for name, ratio in ratios.items():
        print(f"  {ratio:5.2f}x the time of the {name}")
    linear = max(ratios["cold build (CPU)"], ratios["warm build (CPU)"]) <= args.limit
    print(f"linear: {'yes' if linear else 'NO'} (limit {args.limit}x of the CPU time)")
    return 0 if linear else 1


if __name__ == "__main__":
    sys.exit(main())
