"""Which record files are as the last run read them, told by their status (size, times,
inode) instead of their content, as git's index tells a file that is clean.

The cache keeps the status and the key of every record file read. A file whose status is
the same is not read again: its key is the kept one, and its text is read only if a check
needs it. A status is kept only for a file that had not changed for ``settle_seconds``
when it was read: a change within the same tick of the file system's clock keeps the
times, and with the same size the whole status, so a file changed that recently is read
again next time. Its change time (ctime) is set by every write and, unlike the
modification time, cannot be set back by a program.
"""

from __future__ import annotations

import os
import stat
import time

from .cache import FileCache

STATUS_FILE = "status.txt"

Status = tuple[int, int, int, int, int]
"""A file's size, modification and change times (ns), inode and device."""
Keys = tuple[str, str | None]
"""A file's key in the cache, and that of a meeting's front matter (``Scanned.front``)."""


def status(abspath: str) -> Status | None:
    """The status of a regular file (never through a link); None for anything else."""
    try:
        found = os.lstat(abspath)
    except OSError:
        return None
    if not stat.S_ISREG(found.st_mode):
        return None
    return (found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino, found.st_dev)


class Statuses:
    """The statuses and keys of the record files, as kept and as seen in this run."""

    def __init__(self, cache: FileCache, settle_seconds: float) -> None:
        self.cache = cache
        self.settle_ns = int(settle_seconds * 1e9)
        self.header = cache.run_key([], b"statuses 2")
        self.kept = self._read()
        self.seen: dict[str, tuple[Status, Keys]] = {}

    def _read(self) -> dict[str, tuple[Status, Keys]]:
        text = self.cache.get_text(STATUS_FILE)
        head, _, body = (text or "").partition("\n")
        kept: dict[str, tuple[Status, Keys]] = {}
        if head != self.header or not body:
            return kept  # signed by this key: the lines are as written
        for line in body.split("\n"):
            path, size, mtime, ctime, inode, device, key, front = line.split("\t")
            found = (int(size), int(mtime), int(ctime), int(inode), int(device))
            kept[path] = (found, (key, front or None))
        return kept

    def keys(self, path: str, now: Status | None) -> Keys | None:
        """The kept keys of the file at ``path`` (of all of it, and of a meeting's front
        matter) if its status is ``now`` as when kept."""
        kept = self.kept.get(path)
        if kept is None or now is None or kept[0] != now:
            return None
        self.seen[path] = kept
        return kept[1]

    def note(self, path: str, before: Status | None, key: str, front: str | None) -> None:
        """Keep the keys of the file read at ``path`` with its status ``before`` the read,
        if that is settled (paths are told apart by tabs and line ends: a path with
        either is never kept)."""
        if before is None or "\t" in path or "\n" in path:
            return
        if time.time_ns() - before[2] > self.settle_ns:
            self.seen[path] = (before, (key, front))

    def save(self) -> None:
        """Keep this run's statuses, when they differ from those kept."""
        if self.seen == self.kept:
            return
        lines = (
            "\t".join((path, *(str(n) for n in found), key, front or ""))
            for path, (found, (key, front)) in self.seen.items()
        )
        self.cache.put_text(STATUS_FILE, self.header + "\n" + "\n".join(lines))
