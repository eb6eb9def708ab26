"""``brm attention`` time against a cached ``brm check`` of the same repository.

Run ``python benchmarks/attention_bench.py [--scale 40] [--runs 3] [--limit 2.0]``. It writes
a ``brm demo`` organisation of that scale to a temporary folder, runs ``brm check`` once to
fill the cache, then times the best of ``--runs`` runs of ``brm check`` and of ``brm
attention --format json`` and ``--format ics`` (every item, so every line number), each a
fresh process as a user runs it. Exit status 1 when attention takes more than ``--limit``
times the cached check.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from brm_build.demo import DEFAULT_TODAY, DemoPlan, write_demo


def _best(command: list[str], runs: int) -> float:
    """The fastest of ``runs`` runs of ``command``, in seconds."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    """Measure, print the table and return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=int, default=40)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--limit", type=float, default=2.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "demo"
        files = write_demo(str(root), DemoPlan(scale=args.scale))
        brm = [sys.executable, "-m", "brm_build"]
        common = ["--root", str(root), "--today", DEFAULT_TODAY.isoformat()]
        subprocess.run([*brm, "check", *common], check=True, capture_output=True)
        check = _best([*brm, "check", *common], args.runs)
        rows = [("brm check (cached)", check)]
        for fmt in ("json", "ics"):
            command = [*brm, "attention", *common, "--format", fmt]
            rows.append((f"brm attention --format {fmt}", _best(command, args.runs)))
    print(f"scale {args.scale}: {files} record files, best of {args.runs}")
    for name, seconds in rows:
        print(f"  {name:30} {seconds:6.2f} s  {seconds / check:4.1f}x")
    worst = max(seconds for _, seconds in rows) / check
    return 1 if worst > args.limit else 0


if __name__ == "__main__":
    sys.exit(main())
