"""The git edge of ``brm diff``: the record files at a revision, read by one git process.

One ``git cat-file --batch`` process answers every request of a diff: it resolves the
revisions, walks their ``records/`` trees and returns the blobs that differ. Blobs that are
the same on both sides are never read, so a diff costs what changed, not the repository.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import subprocess
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from types import TracebackType

_CHUNK = 64
"""Requests written before their answers are read: small enough that the requests never
fill the pipe while git waits for us to read its answers."""


class GitError(Exception):
    """git could not answer: not a repository, an unknown revision, git not installed."""


@dataclass(frozen=True)
class Listing:
    """The files under a folder at one revision: path to blob id, and entries that are
    not plain files (symbolic links, submodules) with the reason they are not read."""

    files: dict[str, str] = field(default_factory=dict)
    special: dict[str, str] = field(default_factory=dict)


def _tree_entries(data: bytes, hash_size: int) -> Iterator[tuple[str, str, str]]:
    """Decode a binary git tree object into (mode, name, object id) entries."""
    position = 0
    while position < len(data):
        space = data.index(b" ", position)
        nul = data.index(b"\0", space)
        mode = data[position:space].decode("ascii")
        name = data[space + 1 : nul].decode("utf-8", errors="surrogateescape")
        oid = data[nul + 1 : nul + 1 + hash_size].hex()
        position = nul + 1 + hash_size
        yield mode, name, oid


class GitObjects:
    """One ``git cat-file --batch`` process in the records repository ``root``."""

    def __init__(self, root: str) -> None:
        self.root = root
        self._process: subprocess.Popen[bytes] | None = None
        self.hash_size = 20
        """Bytes in an object id: 20 (SHA-1) or 32 (SHA-256), known after ``commit``."""

    def __enter__(self) -> GitObjects:
        try:
            self._process = subprocess.Popen(
                ["git", "cat-file", "--batch"],
                cwd=self.root,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
        except FileNotFoundError:
            raise GitError("git is not installed: brm diff needs it to read revisions") from None
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        process = self._process
        if process is None:
            return
        assert process.stdin is not None and process.stdout is not None
        with contextlib.suppress(BrokenPipeError):  # git failed already; stderr says why
            process.stdin.close()
        process.stdout.close()
        if process.stderr is not None:
            process.stderr.close()
        process.wait()

    def _fail(self) -> GitError:
        process = self._process
        assert process is not None and process.stderr is not None
        process.wait()
        reason = process.stderr.read().decode("utf-8", errors="replace").strip()
        return GitError(reason or "git stopped answering")

    def request(
        self, specs: Iterable[str], max_bytes: int | None = None
    ) -> list[tuple[str, str, bytes | None] | None]:
        """Objects named by ``specs`` (``rev:path``, ids): (id, type, content), or None
        for a name that does not exist. Content larger than ``max_bytes`` is skipped
        (None), never held in memory."""
        process = self._process
        assert process is not None and process.stdin is not None and process.stdout is not None
        names = list(specs)
        answers: list[tuple[str, str, bytes | None] | None] = []
        for start in range(0, len(names), _CHUNK):
            chunk = names[start : start + _CHUNK]
            try:
                process.stdin.write("".join(f"{name}\n" for name in chunk).encode())
                process.stdin.flush()
            except BrokenPipeError:
                raise self._fail() from None
            for _ in chunk:
                header = process.stdout.readline()
                if not header:
                    raise self._fail()
                parts = header.decode("utf-8", errors="replace").split()
                if len(parts) != 3:
                    answers.append(None)  # "<name> missing" or "<name> ambiguous"
                    continue
                oid, kind, size = parts
                answers.append((oid, kind, self._content(int(size), max_bytes)))
        return answers

    def _content(self, size: int, max_bytes: int | None) -> bytes | None:
        """Read one object's content and its closing newline; skip what is too large."""
        stdout = self._process.stdout if self._process else None
        assert stdout is not None
        if max_bytes is None or size <= max_bytes:
            return stdout.read(size + 1)[:-1]
        left = size + 1
        while left > 0:
            left -= len(stdout.read(min(left, 1 << 20))) or left
        return None

    def commit(self, revision: str) -> str:
        """The commit id that ``revision`` names; GitError when it names none."""
        if not revision or revision.startswith("-") or "\n" in revision:
            raise GitError(f"'{revision}' is not a revision")
        (answer,) = self.request([f"{revision}^{{commit}}"])
        if answer is None:
            raise GitError(f"unknown revision '{revision}': name a commit, branch or tag")
        self.hash_size = len(answer[0]) // 2
        return answer[0]

    def listing(self, commit: str, folder: str = "records") -> Listing:
        """Every file under ``folder`` (relative to the records repository) at ``commit``."""
        (top,) = self.request([f"{commit}:./{folder}"])
        listing = Listing()
        if top is None or top[1] != "tree" or top[2] is None:
            return listing
        hash_size = len(top[0]) // 2
        pending: list[tuple[str, bytes]] = [(folder, top[2])]
        while pending:
            subtrees: list[tuple[str, str]] = []
            for prefix, data in pending:
                for mode, name, oid in _tree_entries(data, hash_size):
                    path = f"{prefix}/{name}"
                    if mode == "40000":
                        subtrees.append((path, oid))
                    elif mode == "120000":
                        listing.special[path] = "a symbolic link, never followed"
                    elif mode == "160000":
                        listing.special[path] = "a submodule, not a record"
                    else:
                        listing.files[path] = oid
            answers = self.request(oid for _, oid in subtrees)
            pending = [
                (path, answer[2])
                for (path, _), answer in zip(subtrees, answers, strict=True)
                if answer is not None and answer[2] is not None
            ]
        return listing

    def blobs(self, oids: Iterable[str], max_bytes: int) -> dict[str, bytes | None]:
        """The content of each blob id; None for a blob larger than ``max_bytes``."""
        wanted = sorted(set(oids))
        return {
            oid: answer[2]
            for oid, answer in zip(wanted, self.request(wanted, max_bytes), strict=True)
            if answer is not None
        }


def blob_id(data: bytes, hash_size: int = 20) -> str:
    """The id git gives ``data`` as a blob (SHA-1, or SHA-256 for ``hash_size`` 32)."""
    digest = hashlib.sha256() if hash_size == 32 else hashlib.sha1(usedforsecurity=False)
    digest.update(b"blob %d\0" % len(data))
    digest.update(data)
    return digest.hexdigest()


def working_files(
    root: str, max_bytes: int, folder: str = "records"
) -> tuple[dict[str, bytes | None], dict[str, str]]:
    """The files under ``root/folder`` as they are on disk (None: larger than
    ``max_bytes``), and the entries not read."""
    files: dict[str, bytes | None] = {}
    special: dict[str, str] = {}
    base = os.path.join(root, folder)

    def unreadable(exc: OSError) -> None:
        rel = os.path.relpath(str(exc.filename), root).replace(os.sep, "/")
        special[rel + "/"] = f"unreadable: {exc.strerror}"

    for current, dirs, names in os.walk(base, onerror=unreadable):
        rel = os.path.relpath(current, root).replace(os.sep, "/")
        for name in [*dirs]:
            if os.path.islink(os.path.join(current, name)):
                special[f"{rel}/{name}"] = "a symbolic link, never followed"
                dirs.remove(name)
        for name in names:
            path = os.path.join(current, name)
            if os.path.islink(path):
                special[f"{rel}/{name}"] = "a symbolic link, never followed"
                continue
            try:
                with open(path, "rb") as handle:
                    small = os.fstat(handle.fileno()).st_size <= max_bytes
                    files[f"{rel}/{name}"] = handle.read() if small else None
            except OSError as exc:
                special[f"{rel}/{name}"] = f"unreadable: {exc.strerror}"
    return files, special
