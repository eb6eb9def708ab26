"""Every committed version of the record files that changed: what the records said when.

The figures of past quarters are computed from the records as they stood then. A file
committed once says the same at every commit, so only files changed after they were added
are read, each blob once, by one ``git cat-file --batch`` process. Outside a git checkout
there are no versions, and every figure reads the records as they stand now.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..gitlog import History
from ..gitrevs import GitError, GitObjects
from ..model import Record
from .snapshot import classify, load_version


@dataclass(frozen=True, slots=True)
class Version:
    """A record file at one commit: the commit's day and the record (None: it did not
    load then, or the commit deleted the file)."""

    date: dt.date
    record: Record | None


@dataclass(frozen=True)
class Versions:
    """The committed versions of each changed record file, oldest first."""

    by_path: dict[str, tuple[Version, ...]] = field(default_factory=dict)

    def of(self, path: str) -> tuple[Version, ...]:
        """The versions of the file at ``path`` (none when it never changed)."""
        return self.by_path.get(path, ())

    def at(self, path: str, day: dt.date, current: Record) -> Record:
        """The record at ``path`` as it stood at the end of ``day``: the version of the
        latest commit on or before that day, when a later commit changed it; otherwise, and
        when that version did not load, the record as it stands now."""
        versions = self.by_path.get(path, ())
        if not versions or versions[-1].date <= day:
            return current
        then = next((v for v in reversed(versions) if v.date <= day), None)
        return current if then is None or then.record is None else then.record


def _changed_paths(history: History, folders: Iterable[str]) -> dict[str, list[str]]:
    """The record files under ``folders`` touched by more than one commit, with the
    commits oldest first."""
    prefixes = tuple(f"records/{folder}/" for folder in folders)
    return {
        path: [c.sha for c in reversed(commits)]
        for path, commits in sorted(history.by_path.items())
        if path.startswith(prefixes) and len(commits) > 1 and classify(path) is not None
    }


def read_versions(
    root: str, history: History | None, folders: Iterable[str], max_bytes: int
) -> Versions:
    """Every committed version of the changed record files under ``folders``."""
    if history is None:
        return Versions()
    wanted = _changed_paths(history, folders)
    if not wanted:
        return Versions()
    dates = {c.sha: c.date for c in history.commits}
    loaded: dict[str, Record | None] = {}  # by blob id: a blob is read and validated once
    out: dict[str, tuple[Version, ...]] = {}
    try:
        with GitObjects(root) as git:
            for path, shas in wanted.items():
                kind, rid = classify(path) or (None, "")
                assert kind is not None
                answers = git.request((f"{sha}:./{path}" for sha in shas), max_bytes)
                versions = []
                for sha, answer in zip(shas, answers, strict=True):
                    record = None
                    if answer is not None and answer[1] == "blob":
                        if answer[0] not in loaded:
                            data = answer[2]
                            loaded[answer[0]] = load_version(
                                kind, rid, path, data, max_bytes
                            ).record
                        record = loaded[answer[0]]
                    versions.append(Version(dates[sha], record))
                out[path] = tuple(versions)
    except GitError:
        return Versions()  # git stopped answering: the records as they stand now
    return Versions(out)
