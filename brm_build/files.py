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
    fd = os.open(abspath, _NO_WAIT)
    mode = os.fstat(fd).st_mode
    if stat.S_ISREG(mode):
        return fd
    os.close(fd)
    if stat.S_ISDIR(mode):
        what = "a folder"
    else:
        what = "a named pipe" if stat.S_ISFIFO(mode) else "a device or socket"
    raise OSError(errno.EINVAL, f"it is {what}, not a regular file; brm reads only regular files")
