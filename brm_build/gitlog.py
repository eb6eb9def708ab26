"""The git edge: one ``git log --name-status`` pass over records/, parsed into plain data."""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass, field

# Field and record separators that cannot occur in a one-line commit subject.
_FIELD, _RECORD = "\x1f", "\x1e"
_FORMAT = f"{_RECORD}%H{_FIELD}%an{_FIELD}%aI{_FIELD}%s"
_STATUS = {"A": "added", "M": "changed", "D": "deleted", "T": "changed"}


@dataclass(frozen=True, slots=True)
class FileChange:
    """One file a commit touched: its path from the repository root and what happened."""

    path: str
    status: str
    """``added``, ``changed`` or ``deleted``."""


@dataclass(frozen=True, slots=True)
class Commit:
    """One commit that touched records: who, when, the subject line and its files."""

    sha: str
    author: str
    date: dt.date
    subject: str
    changes: tuple[FileChange, ...]

    @property
    def short(self) -> str:
        """The abbreviated commit id."""
        return self.sha[:10]


@dataclass(frozen=True)
class History:
    """Commits newest first, and for every path the commits that touched it."""

    commits: tuple[Commit, ...]
    by_path: dict[str, tuple[Commit, ...]] = field(default_factory=dict)
    order: dict[str, int] = field(default_factory=dict)
    """Each commit's position in ``commits``, to merge the histories of several files."""

    def of(self, path: str, limit: int = 5) -> tuple[Commit, ...]:
        """The latest ``limit`` commits that touched ``path``, newest first."""
        return self.by_path.get(path, ())[:limit]

    def recent(self, limit: int = 50) -> tuple[Commit, ...]:
        """The latest ``limit`` commits, newest first."""
        return self.commits[:limit]


def _commit(chunk: str) -> Commit | None:
    lines = chunk.split("\n")
    parts = lines[0].split(_FIELD)
    if len(parts) != 4:
        return None
    sha, author, when, subject = parts
    try:
        date = dt.datetime.fromisoformat(when).date()
    except ValueError:
        return None
    changes = []
    for line in lines[1:]:
        status, _, path = line.partition("\t")
        if path and status:
            changes.append(FileChange(path, _STATUS.get(status[0], "changed")))
    return Commit(sha, author, date, subject, tuple(changes))


def parse_log(text: str) -> History:
    """Parse the output of ``git log`` with this module's format into a History."""
    commits = [c for c in (_commit(chunk) for chunk in text.split(_RECORD)[1:]) if c]
    by_path: dict[str, list[Commit]] = {}
    for commit in commits:
        for change in commit.changes:
            by_path.setdefault(change.path, []).append(commit)
    order = {commit.sha: i for i, commit in enumerate(commits)}
    return History(tuple(commits), {path: tuple(cs) for path, cs in by_path.items()}, order)


def log_command(folder: str = "records") -> list[str]:
    """The one git command whose output ``parse_log`` reads, run in the repository root."""
    return [
        "git",
        "-c",
        "core.quotepath=off",
        "log",
        "--no-renames",
        "--relative",
        "--name-status",
        f"--format={_FORMAT}",
        "--",
        folder,
    ]


def read_history(
    root: str, timeout: float = 120.0, folder: str = "records"
) -> tuple[History | None, str]:
    """Run git once under ``root`` for the files under ``folder``; return the history, or
    None and the reason it is missing (not a git checkout, git not installed)."""
    try:
        done = subprocess.run(
            log_command(folder),
            cwd=root,
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except FileNotFoundError:
        return None, "git is not installed"
    except (OSError, subprocess.TimeoutExpired) as exc:
        return None, f"git could not be run: {exc}"
    if done.returncode != 0:
        return None, "the records are not in a git checkout with commits"
    return parse_log(done.stdout.decode("utf-8", errors="replace")), ""
