"""A test run that skips tests ends with one line that says what was skipped and how to
run it (the terminal summary of ``tests/conftest.py``), most frequent reason first."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT

TESTS = """\
import pytest

@pytest.mark.skip(reason="no Chromium at /x: apt-get install chromium")
def test_a(): pass

@pytest.mark.skip(reason="no Chromium at /x: apt-get install chromium")
def test_b(): pass

def test_c():
    pytest.skip("git is not installed: apt-get install git")

def test_d(): pass
"""


def _run(folder: Path) -> list[str]:
    command = [sys.executable, "-m", "pytest", "-q", "-p", "tests.conftest"]
    command += ["-p", "no:cacheprovider", "-c", os.devnull, "--rootdir", str(folder), str(folder)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout.splitlines()


def test_skips_are_summed_up_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "test_some.py").write_text(TESTS, encoding="utf-8")
    lines = [line for line in _run(tmp_path) if "skipped" in line]
    assert lines[0] == (
        "skipped 3 test(s): 2 because no Chromium at /x: apt-get install chromium; "
        "1 because git is not installed: apt-get install git"
    )
    assert len(lines) == 2 and lines[1].startswith("1 passed, 3 skipped")


def test_a_run_without_skips_says_nothing_of_them(tmp_path: Path) -> None:
    (tmp_path / "test_some.py").write_text("def test_d(): pass\n", encoding="utf-8")
    assert not [line for line in _run(tmp_path) if "skipped" in line]
