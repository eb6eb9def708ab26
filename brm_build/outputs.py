"""Writing what a command makes (schemas, exports, CODEOWNERS, new records) where the user
asked: a place that cannot take it gets a plain sentence, never a traceback."""

from __future__ import annotations

import errno
import os


class OutputError(Exception):
    """Why a command's output cannot be written where it was asked for."""


def cannot_write(path: str, exc: OSError) -> str:
    """Why ``path`` could not be written, from the error the system gave, in plain words."""
    if isinstance(exc, IsADirectoryError):
        return f"cannot write {path}: it is a folder; name a file"
    if isinstance(exc, NotADirectoryError | FileExistsError):
        blocker = _file_in(path)
        if blocker == path:
            return f"cannot write into {path}: it is a file; name a folder"
        if blocker is not None:
            return f"cannot write {path}: {blocker} is a file, not a folder"
    if isinstance(exc, PermissionError) or exc.errno == errno.EROFS:
        return f"cannot write {path}: permission denied; choose a place you can write to"
    if isinstance(exc, FileNotFoundError):
        return f"cannot write {path}: its folder cannot be created there"
    return f"cannot write {path}: {exc.strerror or exc}"


def _file_in(path: str) -> str | None:
    """The first part of ``path`` (``path`` itself included) that is no folder, if any."""
    parts = os.path.normpath(path).split(os.sep)
    for end in range(1, len(parts) + 1):
        part = os.sep.join(parts[:end]) or os.sep
        if os.path.lexists(part) and not os.path.isdir(part):
            return part
    return None


def make_folder(folder: str, target: str | None = None) -> None:
    """Create ``folder`` (and its parents) unless it exists; OutputError says why not, of
    ``target`` (a file to go there) when given."""
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError as exc:
        raise OutputError(cannot_write(target or folder, exc)) from None


def write_text(path: str, text: str, *, newline: str | None = "\n", append: bool = False) -> None:
    """Write ``text`` as UTF-8 to ``path``, creating its folder; OutputError says why not."""
    folder = os.path.dirname(path)
    if folder:
        make_folder(folder, path)
    try:
        with open(path, "a" if append else "w", encoding="utf-8", newline=newline) as handle:
            handle.write(text)
    except OSError as exc:
        raise OutputError(cannot_write(path, exc)) from None


def create_text(path: str, text: str) -> bool:
    """Write ``text`` to the new file ``path`` (LF line ends), creating its folder; False
    when the file exists, which is never overwritten. OutputError says why it cannot."""
    folder = os.path.dirname(path)
    if folder:
        make_folder(folder, path)
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        return False
    except OSError as exc:
        raise OutputError(cannot_write(path, exc)) from None
    return True
