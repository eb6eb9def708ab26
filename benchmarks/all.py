"""Every benchmark in one run, as ``make bench`` runs it: first the cost table (cost.py,
each row with its baseline), then the scale table (run.py) and each other benchmark, at
the scales given. Exit status 1 when any of them failed or missed its target.

Usage: python benchmarks/all.py [--scale 40] [--build-scale 10] [--no-install]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent


def plan(scale: int, build_scale: int, install: bool) -> list[list[str]]:
    """Each benchmark with its arguments at these scales."""
    cost = ["cost.py", "--scale", str(scale), "--build-scale", str(build_scale)]
    return [
        cost if install else [*cost, "--no-install"],
        ["run.py", "--scales", *(str(s) for s in sorted({build_scale, scale}))],
        ["attention_bench.py", "--scale", str(scale)],
        ["report_bench.py", "--scale", str(build_scale)],
        ["diff_bench.py", "--base", str(max(1, build_scale // 4))],
        ["site_bench.py", "--base", str(max(1, build_scale // 10))],
        ["chart_bench.py"],
        ["import_bench.py"],
    ]


def main(argv: Sequence[str] | None = None) -> int:
    """Run every benchmark, printing each one's output under its name."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--scale", type=int, default=40, help="demo scale of the check (40)")
    parser.add_argument("--build-scale", type=int, default=10, help="of the builds (10)")
    parser.add_argument("--no-install", action="store_true", help="leave out the install row")
    args = parser.parse_args(argv)
    missed = []
    for command in plan(args.scale, args.build_scale, not args.no_install):
        print(f"\n## {' '.join(command)}\n", flush=True)
        start = time.perf_counter()
        done = subprocess.run([sys.executable, str(HERE / command[0]), *command[1:]], check=False)
        print(f"\n({time.perf_counter() - start:.0f} s, exit {done.returncode})", flush=True)
        if done.returncode != 0:
            missed.append(command[0])
    if missed:
        print(f"\nfailed or missed a target: {', '.join(missed)}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
