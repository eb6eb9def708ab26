"""``brm attention`` time against a cached ``brm check`` of the same repository, both
measured in the same run.

Run ``python benchmarks/attention_bench.py [--scale 40] [--runs 5] [--limit 2.0]``. It writes
a ``brm demo`` organisation of that scale to a temporary folder, runs ``brm check`` once to
fill the cache, then runs ``brm check``, ``brm attention --format json``, the text of
``brm attention`` (the next 90 days) and ``--format ics`` (every item, so every line
number) in turn, ``--runs`` rounds, each a fresh process as a
user runs it, and keeps the best wall and CPU seconds of each. A round runs all four, so
that a busy machine slows them alike. Python's compiled bytecode is kept (in a folder of
the run) as an installed brm has it: compiling brm's modules on every start would add the
same second or so to each command and hide the difference. Exit status 1 when attention
takes more than ``--limit`` times the cached check in CPU seconds (steadier than wall time
on a shared machine).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from timing import Sample, run, timing_env

from brm_build.demo import DEFAULT_TODAY, DemoPlan, write_demo

BRM = [sys.executable, "-m", "brm_build"]
GIT = ["git", "-c", "user.name=Bench", "-c", "user.email=bench@example.org"]
CHECK = "brm check (cached)"
COMMANDS = {
    CHECK: ["check"],
    "brm attention --format json": ["attention", "--format", "json"],
    "brm attention (text)": ["attention"],
    "brm attention --format ics": ["attention", "--format", "ics"],
}


def bytecode_env(folder: Path) -> dict[str, str]:
    """The environment with Python's bytecode written to and read from ``folder``."""
    return timing_env(PYTHONPYCACHEPREFIX=str(folder))


def measure(root: Path, env: dict[str, str], runs: int) -> dict[str, Sample]:
    """The best of ``runs`` rounds of each command on the repository at ``root``, whose
    check cache is filled first."""
    common = ["--root", str(root), "--today", DEFAULT_TODAY.isoformat()]
    for args in COMMANDS.values():  # fills the check cache and compiles the bytecode
        run([*BRM, *args, *common], env)
    best: dict[str, Sample] = {}
    for _ in range(runs):
        for name, args in COMMANDS.items():
            s = run([*BRM, *args, *common], env)
            old = best.get(name, s)
            best[name] = Sample(min(s.wall, old.wall), min(s.cpu, old.cpu), s.peak_mb, "")
    return best


def ratios(best: dict[str, Sample]) -> list[tuple[str, Sample, float, float]]:
    """Each command with its wall and CPU time as a multiple of the cached check's."""
    check = best[CHECK]
    return [
        (name, s, s.wall / max(check.wall, 1e-9), s.cpu / max(check.cpu, 1e-9))
        for name, s in best.items()
    ]


def main(argv: Sequence[str] | None = None) -> int:
    """Measure, print the table and return the exit status."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--scale", type=int, default=40)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--limit", type=float, default=2.0)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="brm-attention-") as folder:
        root = Path(folder) / "demo"
        files = write_demo(str(root), DemoPlan(scale=args.scale))
        for git in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "demo"]):
            subprocess.run([*GIT, "-C", str(root), *git], check=True)  # a checkout, as in CI
        rows = ratios(measure(root, bytecode_env(Path(folder) / "bytecode"), args.runs))
    print(f"scale {args.scale}: {files} record files, best of {args.runs} rounds")
    print(f"  {'command':30} {'wall s':>7} {'CPU s':>6} {'wall':>6} {'CPU':>6}")
    for name, s, wall, cpu in rows:
        print(f"  {name:30} {s.wall:7.2f} {s.cpu:6.2f} {wall:5.2f}x {cpu:5.2f}x")
    worst = max(cpu for *_, cpu in rows)
    print(f"attention ÷ cached check, CPU: {worst:.2f}x (target under {args.limit:g}x)")
    return 1 if worst > args.limit else 0


if __name__ == "__main__":
    sys.exit(main())
