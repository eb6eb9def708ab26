"""The git history comes from one git log, parsed into plain data."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from brm_build.gitlog import FileChange, parse_log, read_history

from .conftest import needs_git
from .site.sample import LOG


def test_parse_log_reads_commits_and_files() -> None:
    history = parse_log(LOG)
    assert [c.subject for c in history.commits] == [
        "Record the Q4 review",
        "Report September | *late*",
        "Add the sample records",
    ]
    first = history.commits[0]
    assert (first.author, first.date, first.short) == ("Rolf Ek", dt.date(2026, 11, 12), "c" * 10)
    assert first.changes[2] == FileChange("records/customers/old-unit.yaml", "deleted")
    assert [c.subject for c in history.of("records/customers/finance.yaml")] == [
        "Record the Q4 review",
        "Add the sample records",
    ]
    assert history.of("records/customers/finance.yaml", limit=1)[0] is first
    assert history.recent(2) == history.commits[:2]


def test_parse_log_skips_what_it_cannot_read() -> None:
    history = parse_log("\x1ebroken line\n\x1ea\x1fb\x1fnot a date\x1fs\n")
    assert history.commits == ()


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


@needs_git
def test_read_history_runs_git_once_in_a_checkout(tmp_path: Path) -> None:
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "config", "user.email", "a@example.org")
    (tmp_path / "records" / "customers").mkdir(parents=True)
    (tmp_path / "records" / "customers" / "a.yaml").write_text("name: A\n")
    (tmp_path / "notes.txt").write_text("not a record\n")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "-c", "user.name=Alice", "commit", "-q", "-m", "Add A")
    history, note = read_history(str(tmp_path))
    assert note == "" and history is not None
    [commit] = history.commits
    assert (commit.author, commit.subject) == ("Alice", "Add A")
    assert commit.changes == (FileChange("records/customers/a.yaml", "added"),)


def test_read_history_outside_a_checkout_says_why(tmp_path: Path) -> None:
    history, note = read_history(str(tmp_path))
    assert history is None and "git checkout" in note
