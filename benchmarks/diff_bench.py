"""``brm diff`` time against the size of the repository, for a change of fixed size.

Run ``python benchmarks/diff_bench.py [--base N] [--factor K] [--changes C]``. Each size is
a ``brm demo`` organisation committed to a temporary git repository; then C record files
are edited (service-level targets weakened, meetings retitled) and committed. The report
gives files, the time of ``brm diff`` between the two commits and against the working
tree, and the time to load (read, parse, validate) every record once, which is what a
diff that parsed both sides in full would cost twice. A diff reads its files in one batch
from one git process and parses only what changed: exit status 1 when, at the larger
size, a diff between commits takes more than ``--limit`` (a fifth by default) of one full
load.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from brm_build.changes import read_changes
from brm_build.demo import DEFAULT_TODAY, DemoPlan, write_demo
from brm_build.model.settings import Settings
from brm_build.repository import load_repository
from brm_build.settings import load_config

LIMIT = 1_048_576


def git(root: Path, *args: str) -> None:
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(root)}
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def _edit(root: Path, changes: int) -> int:
    """Weaken service levels and retitle meetings in ``changes`` files; return how many."""
    edited = 0
    agreements = sorted((root / "records" / "agreements").glob("*.yaml"))
    meetings = sorted((root / "records" / "meetings").rglob("*.md"))
    for path in [*agreements, *meetings]:
        if edited == changes:
            break
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".yaml" and "target: " in text:
            new = text.replace("target: ", "target: 1", 1)
        else:
            new = text.replace("title: ", "title: Revised ", 1)
        if new != text:
            path.write_text(new, encoding="utf-8")
            edited += 1
    return edited


def _best(root: Path, head: str | None, rounds: int) -> tuple[float, int]:
    best, records = float("inf"), 0
    for _ in range(rounds):
        start = time.perf_counter()
        changes = read_changes(str(root), "base", head, LIMIT)
        best = min(best, time.perf_counter() - start)
        records = len(changes.records)
    return best, records


def _load(root: Path) -> float:
    config, _ = load_config(str(root))
    start = time.perf_counter()
    load_repository(Settings(root=str(root), today=DEFAULT_TODAY, config=config))
    return time.perf_counter() - start


def measure(scale: int, changes: int, rounds: int) -> tuple[int, float, float, float, int]:
    """Files; seconds between commits, against the working tree and for a full load;
    records changed."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "repo"
        files = write_demo(str(root), DemoPlan(scale=scale))
        git(root, "init", "-q")
        git(root, "add", "-A")
        git(
            root, "-c", "user.name=bench", "-c", "user.email=b@example.org", "commit", "-qm", "base"
        )
        git(root, "tag", "base")
        _edit(root, changes)
        working, _ = _best(root, None, rounds)
        git(
            root,
            "-c",
            "user.name=bench",
            "-c",
            "user.email=b@example.org",
            "commit",
            "-qam",
            "edit",
        )
        committed, records = _best(root, "HEAD", rounds)
        return files, committed, working, _load(root), records


def main() -> int:
    """Measure two sizes and report whether a diff costs what changed, not the repository."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=int, default=2, help="demo scale of the small size")
    parser.add_argument("--factor", type=int, default=4, help="how many times larger")
    parser.add_argument("--changes", type=int, default=40, help="record files edited")
    parser.add_argument("--rounds", type=int, default=3, help="best of this many runs")
    parser.add_argument("--limit", type=float, default=0.2, help="allowed share of a load")
    args = parser.parse_args()
    share = 0.0
    for scale in (args.base, args.base * args.factor):
        files, committed, working, load, records = measure(scale, args.changes, args.rounds)
        share = committed / load
        print(
            f"scale {scale:3}: {files:6} files, {records} records changed; diff between "
            f"commits {committed:.3f} s, against the working tree {working:.3f} s; "
            f"loading every record {load:.3f} s"
        )
    print(f"at {files} files a diff took {share:.1%} of a full load (limit {args.limit:.0%})")
    return 0 if share <= args.limit else 1


if __name__ == "__main__":
    sys.exit(main())
