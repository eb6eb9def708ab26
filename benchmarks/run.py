"""Benchmark brm check and brm build on demo organisations of several sizes, against
baselines measured in the same run, and print one table.

Usage: python benchmarks/run.py [--scales 1 10 40] [--quick] [--repeat N]

Each unit of scale is one demo company (353 record files, see ``brm demo``). Every timed
command runs in a child process; times are the best of ``--repeat`` runs where a run is
cheap, and ratios compare CPU seconds (user + system), which a busy machine disturbs far
less than wall time.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from table import ScaleResult, render
from timing import CommandFailed, Sample, best, run, timing_env, total

from brm_build.demo import DEFAULT_TODAY, FILES_PER_SCALE, DemoPlan, write_demo
from brm_build.model import KINDS
from brm_build.reading import front_matter

REPO = Path(__file__).resolve().parent.parent
BRM = [sys.executable, "-m", "brm_build"]
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"
FILES_PER_CALL = 4000
"""check-jsonschema is given at most this many files per call (command-line length)."""


def _edit_meeting(root: Path, i: int) -> None:
    """Change one meeting's notes, differently each time."""
    meeting = min((root / "records" / "meetings").rglob("*.md"))
    with meeting.open("a", encoding="utf-8") as handle:
        handle.write(f"\nEdited by the benchmark, run {i}.\n")


def _jsonschema(root: Path, work: Path, env: dict[str, str], repeat: int) -> Sample | None:
    """check-jsonschema on the same files with the project's schemas, one call per kind.

    Meetings are Markdown: their front matter is written to .yaml files first, untimed.
    """
    if not CHECK_JSONSCHEMA.exists():
        return None
    fronts = work / f"front-matter-{root.name}"
    calls = []
    for kind in KINDS:
        files = sorted((root / "records" / kind.folder).rglob(f"*{kind.extension}"))
        if kind.extension == ".md":
            fronts.mkdir(exist_ok=True)
            files = [_front_file(path, fronts) for path in files]
        schema = str(REPO / "schemas" / kind.schema_file)
        for start in range(0, len(files), FILES_PER_CALL):
            batch = [str(p) for p in files[start : start + FILES_PER_CALL]]
            calls.append([str(CHECK_JSONSCHEMA), "--schemafile", schema, *batch])
    samples = [total([run(call, env) for call in calls]) for _ in range(repeat)]
    return min(samples, key=lambda s: s.cpu)


def _front_file(path: Path, folder: Path) -> Path:
    split = front_matter(path.read_text(encoding="utf-8"), path.name)
    target = folder / f"{path.stem}.yaml"
    target.write_text(split[0] if isinstance(split, tuple) else "", encoding="utf-8")
    return target


def _build(result: ScaleResult, root: Path, work: Path, env: dict[str, str]) -> None:
    """brm build, then again after one meeting changed, then again with no change."""
    out = work / f"site-{result.scale}"
    command = [*BRM, "build", "--root", str(root), "--today", str(DEFAULT_TODAY)]
    command += ["--out", str(out)]
    result.build = run(command, env)
    found = re.search(r"built (\d+) pages", result.build.output)
    result.pages = int(found.group(1)) if found else 0
    result.site_mb = sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) / 2**20
    _edit_meeting(root, -1)
    result.rebuild_one = run(command, env)
    result.rebuild_none = run(command, env)


def measure(
    scale: int,
    work: Path,
    env: dict[str, str],
    args: argparse.Namespace,
    before: Sequence[ScaleResult],
) -> ScaleResult:
    """Generate the demo at ``scale`` and measure every command on it."""
    root = work / f"scale-{scale}"
    write_demo(str(root), DemoPlan(scale=scale))
    common = ["--root", str(root), "--today", str(DEFAULT_TODAY)]
    check = [*BRM, "check", *common]
    print(f"scale {scale}: checking", file=sys.stderr)
    full = best([*check, "--no-cache"], env, args.repeat)
    parse = best([sys.executable, str(REPO / "benchmarks" / "baseline.py"), str(root)], env, 3)
    warm, one = _cached_checks(check, root, env, args.repeat)
    print(f"scale {scale}: check-jsonschema", file=sys.stderr)
    jsonschema = _jsonschema(root, work, env, 1 if scale > 1 else args.repeat)
    result = ScaleResult(scale, FILES_PER_SCALE * scale, full, parse, warm, one, jsonschema)
    if args.build_budget <= 0 or not _has_build(env):
        result.notes.append("n/a: brm build not available")
    elif _build_estimate(before, scale) > args.build_budget * 60:
        result.notes.append(
            f"scale {scale}: builds skipped, estimated over the --build-budget of "
            f"{args.build_budget:g} min"
        )
    else:
        print(f"scale {scale}: building the site", file=sys.stderr)
        _build(result, root, work, env)
    return result


def _source_stamp() -> list[tuple[str, int]]:
    """When each of brm's source files last changed: the cache is keyed by them."""
    package = REPO / "brm_build"
    return sorted((str(p), p.stat().st_mtime_ns) for p in package.rglob("*.py"))


def _cached_checks(
    check: list[str], root: Path, env: dict[str, str], repeat: int
) -> tuple[Sample, Sample]:
    """The cached check with nothing changed, and after a one-file change. Measured again
    if brm's own source changed meanwhile (that empties the cache)."""
    for _ in range(3):
        stamp = _source_stamp()
        run(check, env)  # fills the cache
        warm = best(check, env, repeat)
        one = best(check, env, repeat, before=lambda i: _edit_meeting(root, i))
        if _source_stamp() == stamp:
            break
        print("brm's source changed during the cached checks: measuring again", file=sys.stderr)
    return warm, one


def _has_build(env: dict[str, str]) -> bool:
    try:
        run([*BRM, "build", "--help"], env)
    except CommandFailed:
        return False
    return True


def _build_estimate(before: Sequence[ScaleResult], scale: int) -> float:
    """Seconds that three builds at ``scale`` should take, from the last scale built."""
    built = [r for r in before if r.build is not None]
    if not built or built[-1].build is None:
        return 0.0
    return 3 * built[-1].build.wall / built[-1].files * FILES_PER_SCALE * scale


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", type=int, nargs="+", metavar="N", help="default: 1 10 40")
    parser.add_argument("--quick", action="store_true", help="CI-sized: scale 1, one run each")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each cheap command (3)")
    parser.add_argument(
        "--build-budget",
        type=float,
        default=20,
        metavar="MIN",
        help="skip the site builds at a scale whose three builds should take longer (20); "
        "0 skips every build",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print its table."""
    args = _parser().parse_args(argv)
    if args.quick:
        args.repeat = 1
    scales = args.scales or ([1] if args.quick else [1, 10, 40])
    with tempfile.TemporaryDirectory(prefix="brm-bench-") as folder:
        work = Path(folder)
        env = timing_env(CI="true", XDG_CACHE_HOME=str(work / "user-cache"))
        results: list[ScaleResult] = []
        try:
            for scale in scales:
                results.append(measure(scale, work, env, args, results))
        except CommandFailed as exc:
            print(f"benchmark failed: {exc}", file=sys.stderr)
            return 1
    print(render(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
