"""Values the check accepts are values every command handles: an id with a trailing
newline, numbers at the edge of a float, periods far from today, a long chain of
purchasers and a named pipe are findings or are built, in bounded time and memory."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from brm_build.cli import main

from ..casebuilder import build
from ..conftest import ROOT
from .test_yaml_attacks import _limit_memory

TIMEOUT = 60.0
"""Seconds for one command, start-up included; the slowest takes a few."""
TODAY = "2026-06-15"


def brm(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``brm ARGS`` on ``root`` in a subprocess bounded in time and memory (without the
    check cache, whose reads are bounded elsewhere)."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "brm_build",
            *args,
            "--root",
            str(root),
            "--today",
            TODAY,
            "--no-cache",
        ],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        preexec_fn=_limit_memory,
        check=False,
    )


def test_an_id_with_a_trailing_newline_is_no_id(tmp_path: Path) -> None:
    root = build(tmp_path / "repo", {})
    finance = root / "records/customers/finance.yaml"
    (root / "records/customers/sales\n.yaml").write_bytes(finance.read_bytes())
    (root / "records/meetings/2026/2026-05-21-late\n.md").write_bytes(b"---\n")
    done = brm(root, "check", "--format", "json")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stdout.count('"id-invalid"') == 2
    built = brm(root, "build", "--out", str(tmp_path / "site"))
    assert built.returncode == 1 and "Traceback" not in built.stderr
    assert not (tmp_path / "site").exists()


def test_brm_new_refuses_an_id_with_a_trailing_newline(tmp_path: Path) -> None:
    root = build(tmp_path / "repo", {})
    argv = ["new", "customer", "sales\n", "--root", str(root), "--name", "Sales"]
    argv += ["--role", "purchaser", "--parent", "finance"]
    argv += ["--manager-name", "Mia Berg", "--manager-email", "mia.berg@meridian.example"]
    assert main(argv) != 0
    assert sorted(p.name for p in (root / "records/customers").iterdir()) == ["finance.yaml"]
