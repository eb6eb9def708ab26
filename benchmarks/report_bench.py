"""``brm report`` on the largest customer of a ``brm demo`` organisation, against
``brm stats`` on the same repository.

Run ``python benchmarks/report_bench.py [--scale N] [--limit S]``. The organisation is
written into a temporary folder; its largest customer is the one with the most units,
meetings, feedback and agreements under it. Each command runs once to fill the check
cache, then is measured over ``--rounds`` runs (the best is reported, wall and CPU time):
``brm stats``, the Markdown pack and the HTML pack (with its charts) for the last quarter
before the demo's day. Exit status 1 when the Markdown pack takes more than ``--limit``
seconds (5 by default) of CPU time, which a busy machine does not inflate as it does the
wall time.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

from timing import Sample, run, timing_env

from brm_build.analytics.tree import units_upwards
from brm_build.demo import DEFAULT_TODAY, DemoPlan, write_demo
from brm_build.model.settings import Settings
from brm_build.report.period import parse_period, shifted
from brm_build.repository import load_repository
from brm_build.settings import load_config


def largest_customer(root: Path) -> str:
    """The customer with the most units, meetings, feedback and agreements under it."""
    config, _ = load_config(str(root))
    repo, _ = load_repository(Settings(root=str(root), today=DEFAULT_TODAY, config=config))
    customers = {cid: e.record for cid, e in repo.customers.items()}
    weight: Counter[str] = Counter()

    def count(unit: str) -> None:
        for above in units_upwards(unit, customers):
            weight[above] += 1

    for cid in customers:
        count(cid)
    for m in repo.meetings.values():
        for unit in m.record.customers:
            count(unit)
    for f in repo.feedback.values():
        count(f.record.customer)
    for a in repo.agreements.values():
        count(a.record.customer)
    return max((w, cid) for cid, w in weight.items() if customers[cid].role == "customer")[1]


def _best(command: list[str], env: dict[str, str], rounds: int) -> Sample:
    run(command, env)  # fills the check cache, as a second run of the day finds it
    return min((run(command, env) for _ in range(rounds)), key=lambda s: s.wall)


def main() -> int:
    """Measure and print one table; exit 1 when the pack is over the limit."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--limit", type=float, default=5.0)
    args = parser.parse_args()
    current = parse_period(f"{DEFAULT_TODAY.year}-Q{(DEFAULT_TODAY.month - 1) // 3 + 1}")
    assert current is not None
    period = shifted(current, -1).label
    brm = [sys.executable, "-m", "brm_build"]
    with tempfile.TemporaryDirectory(prefix="brm-report-bench-") as work:
        root = Path(work) / "org"
        files = write_demo(str(root), DemoPlan(scale=args.scale))
        unit = largest_customer(root)
        env = timing_env(XDG_CACHE_HOME=str(Path(work) / "cache"), CI="true")
        common = ["--root", str(root), "--today", DEFAULT_TODAY.isoformat()]
        out = str(Path(work) / "pack.html")
        pack = [*brm, "report", unit, "--period", period, *common]
        rows = [
            ("brm stats", _best([*brm, "stats", *common], env, args.rounds)),
            (f"brm report {unit} (markdown)", _best(pack, env, args.rounds)),
            (
                f"brm report {unit} (html)",
                _best([*pack, "--format", "html", "--out", out], env, args.rounds),
            ),
        ]
    print(f"brm demo --scale {args.scale}: {files} files; pack of {unit} for {period}")
    print(f"{'command':<48} {'wall s':>8} {'cpu s':>8} {'peak MiB':>9}")
    for name, sample in rows:
        print(f"{name:<48} {sample.wall:>8.2f} {sample.cpu:>8.2f} {sample.peak_mb:>9.0f}")
    cpu = rows[1][1].cpu
    verdict = "within" if cpu <= args.limit else "over"
    print(f"markdown pack: {cpu:.2f} s of CPU, {verdict} the {args.limit:g} s limit")
    return 0 if cpu <= args.limit else 1


if __name__ == "__main__":
    sys.exit(main())
