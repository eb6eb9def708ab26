"""What brm costs against the least each step must cost, measured side by side in one run:
one line per row of the table of what a change should cost (install, check, rebuild, cold
build, memory), each with its baseline and their ratio.

Usage: python benchmarks/cost.py [--scale 40] [--build-scale 10] [--no-install]

``--scale`` is the demo scale of the check, the rebuild and the build whose peak memory is
measured; ``--build-scale`` that of the cold build. Times are wall seconds (CPU seconds),
the best of three where a command is cheap; ratios compare CPU seconds, except the
install, which waits on the network and is compared by the clock. Run small, as
``--scale 1 --build-scale 1``, it takes about 4 CPU minutes, and the installs, which
download every package, minutes more.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from timing import Sample, best, run, timing_env

from brm_build.demo import DEFAULT_TODAY, DemoPlan, write_demo

REPO = Path(__file__).resolve().parent.parent
BRM = [sys.executable, "-m", "brm_build"]
BASELINES = [sys.executable, str(REPO / "benchmarks" / "cost_baselines.py")]
GIT = ["git", "-c", "user.name=Bench", "-c", "user.email=bench@example.org"]


@dataclass(frozen=True)
class Row:
    """One measure, its baseline, and the target it is held to."""

    measure: str
    brm: str
    baseline: str
    ratio: str
    target: str


def _t(s: Sample) -> str:
    return f"{s.wall:.2f} s ({s.cpu:.2f})"


def _ratio(a: float, b: float) -> str:
    return "n/a" if b <= 0 else f"{a / b:.2f}x"


def _edit_meeting(root: Path, i: int) -> None:
    """Change one meeting's notes, differently each time."""
    meeting = min((root / "records" / "meetings").rglob("*.md"))
    with meeting.open("a", encoding="utf-8") as handle:
        handle.write(f"\nEdited by the benchmark, run {i}.\n")


def _venv(folder: Path, *requirements: str) -> Sample:
    """A fresh virtual environment with ``requirements``, installed without pip's cache."""
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True)
    pip = [str(folder / "bin" / "python"), "-m", "pip", "install", "-q", "--no-cache-dir"]
    return run([*pip, *requirements], timing_env())


def install_row(work: Path) -> Row:
    """The lean wheel in a fresh venv against PyYAML and pydantic alone."""
    dist = work / "dist"
    wheel_cmd = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist)]
    subprocess.run([*wheel_cmd, str(REPO)], check=True, capture_output=True)
    (wheel,) = dist.glob("brm_build-*.whl")
    lean = _venv(work / "venv-lean", str(wheel))
    floor = _venv(work / "venv-floor", "PyYAML", "pydantic")
    site = _venv(work / "venv-site", f"{wheel}[site]")
    return Row(
        "install for a check-only job (wall s)",
        f"{lean.wall:.1f} s lean; {site.wall:.1f} s with [site]",
        f"PyYAML + pydantic {floor.wall:.1f} s",
        _ratio(lean.wall, floor.wall),
        "≤ 10 s",
    )


def check_row(root: Path, env: dict[str, str], scale: int) -> Row:
    """The cached check after a one-file change against a full check and git's own diff."""
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    subprocess.run([*GIT, "-C", str(root), "add", "-A"], check=True)
    subprocess.run([*GIT, "-C", str(root), "commit", "-qm", "demo"], check=True)
    check = [*BRM, "check", "--root", str(root), "--today", str(DEFAULT_TODAY)]
    full = best([*check, "--no-cache"], env, 3)
    run(check, env)  # fills the cache
    one = best(check, env, 3, before=lambda i: _edit_meeting(root, i))
    diff = best(["git", "-C", str(root), "diff", "--name-only"], env, 3)
    share = one.cpu / full.cpu if full.cpu > 0 else 0.0
    return Row(
        f"check after a one-file change, cache restored, scale {scale}",
        f"{_t(one)} = {share:.0%} of a full check {_t(full)}",
        f"git diff --name-only {_t(diff)}",
        _ratio(one.cpu, diff.cpu),
        "≤ 0.3 s and ≤ 10% of a full check",
    )


def build_rows(root: Path, work: Path, env: dict[str, str], scale: int) -> list[Row]:
    """A cold build's peak memory against plain MkDocs on the same pages, then the rebuild
    after one changed meeting against one page through MkDocs."""
    build = [*BRM, "build", "--root", str(root), "--today", str(DEFAULT_TODAY)]
    build += ["--out", str(work / f"site-{scale}")]
    cold = run(build, env)
    docs = work / f"docs-{scale}"
    run([*BASELINES, "docs", str(root), str(docs)], env)
    mkdocs = run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(docs / "mkdocs.yml")], env
    )
    _edit_meeting(root, -1)
    rebuild = run(build, env)
    one = work / f"one-{scale}"
    run([*BASELINES, "one", str(docs), str(one)], env)
    page = best(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(one / "mkdocs.yml")], env, 3
    )
    return [
        Row(
            f"rebuild after one changed meeting, scale {scale}",
            _t(rebuild),
            f"one page through MkDocs {_t(page)}",
            _ratio(rebuild.cpu, page.cpu),
            "≤ 3 s wall",
        ),
        Row(
            f"peak memory of a build, scale {scale} (MiB)",
            f"{cold.peak_mb:,.0f}",
            f"plain MkDocs on the same pages {mkdocs.peak_mb:,.0f}",
            _ratio(cold.peak_mb, mkdocs.peak_mb),
            "< 800 MiB",
        ),
    ]


def cold_row(root: Path, work: Path, env: dict[str, str], scale: int) -> Row:
    """A cold build, per page, against markdown-it and Jinja2 rendering the same pages."""
    build = [*BRM, "build", "--root", str(root), "--today", str(DEFAULT_TODAY)]
    cold = run([*build, "--out", str(work / f"cold-{scale}")], env)
    found = re.search(r"built (\d+) pages", cold.output)
    pages = int(found.group(1)) if found else 0
    docs = work / f"cold-docs-{scale}"
    run([*BASELINES, "docs", str(root), str(docs)], env)
    floor = run([*BASELINES, "render", str(docs)], env)
    rendered = int(floor.output.split()[-1])
    ms, floor_ms = 1000 * cold.cpu / max(pages, 1), 1000 * floor.cpu / max(rendered, 1)
    return Row(
        f"cold build, scale {scale}",
        f"{_t(cold)}, {ms:.1f} ms/page of {pages:,}",
        f"markdown-it + Jinja2 {floor_ms:.1f} ms/page",
        _ratio(ms, floor_ms),
        "≥ 2x faster than 83 CPU s at scale 10",
    )


def render(rows: Sequence[Row]) -> str:
    """The rows as a Markdown table."""
    cells = [["measure", "brm", "baseline, same run", "brm ÷ baseline", "target"]]
    cells.append(["---"] * 5)
    cells += [[r.measure, r.brm, r.baseline, r.ratio, r.target] for r in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(5)]
    return "\n".join(
        "| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |"
        for row in cells
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Measure every row and print the table."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--scale", type=int, default=40, help="check, rebuild, memory (40)")
    parser.add_argument("--build-scale", type=int, default=10, help="the cold build (10)")
    parser.add_argument("--no-install", action="store_true", help="leave out the install row")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="brm-cost-") as folder:
        work = Path(folder)
        env = timing_env(CI="true", XDG_CACHE_HOME=str(work / "user-cache"))
        rows = [] if args.no_install else [install_row(work)]
        root = work / f"scale-{args.scale}"
        write_demo(str(root), DemoPlan(scale=args.scale))
        print(f"scale {args.scale}: check", file=sys.stderr)
        rows.append(check_row(root, env, args.scale))
        print(f"scale {args.scale}: build, rebuild, MkDocs", file=sys.stderr)
        rebuild, memory = build_rows(root, work, env, args.scale)
        cold_root = work / f"cold-{args.build_scale}-records"
        write_demo(str(cold_root), DemoPlan(scale=args.build_scale))
        print(f"scale {args.build_scale}: cold build", file=sys.stderr)
        rows += [rebuild, cold_row(cold_root, work, env, args.build_scale), memory]
    print(render(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
