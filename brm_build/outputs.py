"""Writing what a command makes (schemas, exports, CODEOWNERS, new records) where the user
asked: a place that cannot take it gets a plain sentence, never a traceback."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Sequence


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


def write_bytes(path: str, data: bytes) -> None:
    """Write ``data`` to ``path``, creating its folder; OutputError says why not."""
    folder = os.path.dirname(path)
    if folder:
        make_folder(folder, path)
    try:
        with open(path, "wb") as handle:
            handle.write(data)
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


def replace_files(writes: Sequence[tuple[str, str]], removals: Sequence[str] = ()) -> None:
    """Write every ``(path, text)`` of ``writes`` (line ends as in the text) and remove
    ``removals``: all of it or, when any part fails, none (OutputError says why).

    Every new text is staged beside its file first; only when all are staged are they
    moved into place, and a failure then puts back what was there before."""
    staged: list[tuple[str, str]] = []
    try:
        for path, text in writes:
            staged.append((_stage(path, text), path))
        _swap_in(staged, removals)
    finally:
        for temporary, _ in staged:
            if os.path.lexists(temporary):
                os.unlink(temporary)


def _beside(path: str, data: bytes, prefix: str = ".brm-") -> str:
    """``data`` written to a new hidden file in the folder of ``path``; its path. OSError
    when it cannot be, and then no such file is left."""
    handle, temporary = tempfile.mkstemp(prefix=prefix, dir=os.path.dirname(path) or ".")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
    except OSError:
        with contextlib.suppress(OSError):
            os.remove(temporary)
        raise
    return temporary


def replace_whole(path: str, data: bytes, prefix: str = ".brm-") -> None:
    """Write ``data`` to ``path`` whole or not at all: a reader sees the old file or the
    new one, never a part. A link at ``path`` is replaced, its target never written.
    OSError when it cannot be, and then ``path`` is as it was."""
    temporary = _beside(path, data, prefix)
    try:
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.remove(temporary)
        raise


def _stage(path: str, text: str) -> str:
    """``text`` written to a new hidden file in the folder of ``path``; its path."""
    make_folder(os.path.dirname(path) or ".", path)
    try:
        return _beside(path, text.encode("utf-8"))
    except OSError as exc:
        raise OutputError(cannot_write(path, exc)) from None


def _swap_in(staged: Sequence[tuple[str, str]], removals: Sequence[str]) -> None:
    """Move the staged files into place and remove ``removals``, or put everything back."""
    before: list[tuple[str, bytes | None]] = []
    try:
        for _, path in staged:
            before.append((path, _content(path)))
        for path in removals:
            before.append((path, _content(path)))
        for temporary, path in staged:
            os.replace(temporary, path)
        for path in removals:
            os.unlink(path)
    except OSError as exc:
        for path, content in reversed(before):
            _restore(path, content)
        raise OutputError(cannot_write(getattr(exc, "filename", None) or "", exc)) from None


def _content(path: str) -> bytes | None:
    """The bytes of ``path``, or None when there is no file."""
    if not os.path.lexists(path):
        return None
    with open(path, "rb") as handle:
        return handle.read()


def _restore(path: str, content: bytes | None) -> None:
    """Put ``path`` back as it was: ``content``, or no file."""
    if content is None:
        if os.path.lexists(path):
            os.unlink(path)
        return
    with open(path, "wb") as handle:
        handle.write(content)
