"""YAML and files that fight back: every case under ``tests/hostile/cases`` yields
exactly its expected findings, within a time and memory bound.

A case is a folder of files laid over the clean base organisation
(``tests/cases/valid/minimal``), plus the files that ``generated.py`` writes for it, and an
``expected.txt`` in the format of ``tests/cases`` (empty: the files are read correctly and
nothing is wrong). Cases of many thousand findings keep ``expected-counts.txt`` instead:
one line per file and code, ``count path severity[code]``. Each check runs in a subprocess
limited to ``MEMORY`` bytes of address space and ``TIMEOUT`` seconds, so that a regression
(an alias bomb expanded, a quadratic scan, a file read whole) fails its case instead of
hanging or exhausting CI.
``--update-golden`` rewrites the expectations for review.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from ..conftest import CASES, ROOT
from .generated import GENERATED

HERE = Path(__file__).resolve().parent
CASE_DIRS = sorted(p for p in (HERE / "cases").iterdir() if p.is_dir())
BASE = CASES / "valid" / "minimal"
TODAY = "2026-06-15"
TIMEOUT = 10.0
"""Seconds for one check, start-up included; the slowest case takes about two."""
MEMORY = 1 << 30
"""Bytes of address space for one check."""


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def prepare(case: Path, root: Path) -> Path:
    """The case's repository at ``root``: the base records, the case's files over them,
    and the files its generator writes."""
    shutil.copytree(BASE / "records", root / "records")
    for source in case.rglob("*"):
        rel = source.relative_to(case)
        if source.is_file() and rel.parts[0] in ("records", "brm.yaml"):
            target = root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    if case.name in GENERATED:
        GENERATED[case.name](root)
    return root


def run_check(root: Path, cwd: Path) -> tuple[list[dict[str, str]], float]:
    """The findings of ``root`` from a bounded subprocess, and the seconds it took."""
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "tests.hostile.runner", str(root), TODAY],
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        preexec_fn=_limit_memory,
        check=False,
    )
    elapsed = time.monotonic() - start
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stderr == "", done.stderr[-3000:]
    findings: list[dict[str, str]] = json.loads(done.stdout)
    return findings, elapsed


def test_every_case_has_files_or_a_generator() -> None:
    names = {case.name for case in CASE_DIRS}
    assert set(GENERATED) <= names
    for case in CASE_DIRS:
        has_files = (case / "records").is_dir() or (case / "brm.yaml").is_file()
        assert has_files or case.name in GENERATED, case.name
        expected = [(case / name).is_file() for name in ("expected.txt", "expected-counts.txt")]
        assert sum(expected) == 1, case.name


def _counts(lines: list[str]) -> list[str]:
    """``count path severity[code]`` for every file and code among finding lines."""
    counts = Counter(
        line.split(": ", 1)[0].rsplit(":", 2)[0] + " " + line.split(": ", 1)[1].split()[0]
        for line in lines
    )
    return [f"{n} {key}" for key, n in sorted(counts.items())]


@pytest.mark.parametrize("case", CASE_DIRS, ids=[p.name for p in CASE_DIRS])
def test_case_findings_in_bounded_time_and_memory(
    case: Path, tmp_path: Path, update_golden: bool
) -> None:
    root = prepare(case, tmp_path / "repo")
    findings, _ = run_check(root, tmp_path)
    actual = [f["line"] for f in findings]
    expected_file = case / "expected.txt"
    if (case / "expected-counts.txt").is_file():
        actual, expected_file = _counts(actual), case / "expected-counts.txt"
    if update_golden:
        expected_file.write_text("".join(line + "\n" for line in actual))
    expected = [line for line in expected_file.read_text().splitlines() if line.strip()]
    assert actual == expected
    assert all(f["message"] for f in findings)


def test_the_bound_stops_a_check_that_runs_away(tmp_path: Path) -> None:
    """The harness itself: a check that never ends is stopped at the timeout."""
    start = time.monotonic()
    with pytest.raises(subprocess.TimeoutExpired):
        subprocess.run(
            [sys.executable, "-c", "while True: pass"],
            timeout=1.0,
            preexec_fn=_limit_memory,
            check=False,
        )
    assert time.monotonic() - start < TIMEOUT


def test_the_memory_limit_stops_a_check_that_reads_a_huge_file(tmp_path: Path) -> None:
    """The harness itself: reading the sparse file of ``file-too-large`` whole fails."""
    big = tmp_path / "sparse"
    with open(big, "wb") as handle:
        handle.truncate(4 << 30)
    done = subprocess.run(
        [sys.executable, "-c", f"open({str(big)!r}, 'rb').read()"],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        preexec_fn=_limit_memory,
        check=False,
    )
    assert done.returncode != 0 and "MemoryError" in done.stderr
