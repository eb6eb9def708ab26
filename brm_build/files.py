"""Open only regular files from the repository: what a pull request commits there may be a
named pipe, a device or a link, and reading one could hang, never end or leave the tree."""

from __future__ import annotations

import errno
import os
import stat

_NO_WAIT = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
"""Opening never follows a link, and never waits for a writer (a named pipe would)."""


def open_regular(abspath: str) -> int:
    """A descriptor of the regular file at ``abspath``; OSError for anything else (a named
    pipe, a device, a socket or a link), which is never read: it could hang or never end."""
    return _open_regular(abspath)[0]


def _open_regular(abspath: str) -> tuple[int, os.stat_result]:
    """``open_regular``'s descriptor and the file's status."""
    fd = os.open(abspath, _NO_WAIT)
    found = os.fstat(fd)
    mode = found.st_mode
    if stat.S_ISREG(mode):
        return fd, found
    os.close(fd)
    if stat.S_ISDIR(mode):
        what = "a folder"
    else:
        what = "a named pipe" if stat.S_ISFIFO(mode) else "a device or socket"
    raise OSError(errno.EINVAL, f"it is {what}, not a regular file; brm reads only regular files")


def read_at_most(abspath: str, limit: int) -> bytes:
    """Up to ``limit`` bytes of the regular file at ``abspath`` (OSError for anything else),
    asking the system for no more than it holds: a buffer of the whole limit for every
    small file costs more than the reading, and a limit of a GiB would be allocated whole."""
    fd, found = _open_regular(abspath)
    try:
        left = min(found.st_size + 1, limit)
        chunks = []
        while left > 0:
            chunk = os.read(fd, left)
            chunks.append(chunk)
            if len(chunk) < left:  # a regular file reads short only at its end
                break
            left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)
