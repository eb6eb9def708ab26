"""What brm may trust on disk: the rules every cache, key and output target obeys.

A records repository is untrusted input: a pull request can commit any file, including
symbolic links and files where brm keeps its cache. So nothing tracked by git, nothing
reached through a symbolic link and, for the signing key, nothing inside the checkout is
ever used as a cache, a key or a place to write.
"""

from __future__ import annotations

import os
import subprocess

_GIT_TIMEOUT = 30


def _git(root: str, *args: str) -> str | None:
    """The output of a git command in ``root``; None when git or the repository is missing."""
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0"}
    try:
        done = subprocess.run(
            ["git", *args],
            cwd=root,
            env=env,
            capture_output=True,
            timeout=_GIT_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode:
        return None
    return done.stdout.decode("utf-8", "surrogateescape")


def checkout(root: str) -> str:
    """The top of the git checkout that holds ``root``, or ``root`` when there is none."""
    top = _git(root, "rev-parse", "--show-toplevel")
    return os.path.realpath(top.strip() if top and top.strip() else root)


def tracked(root: str, path: str) -> bool:
    """Whether git tracks ``path`` (a file, a link or anything in a folder) under ``root``."""
    relative = os.path.relpath(path, root)
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return False
    listed = _git(root, "ls-files", "-z", "--", f":(literal){relative}")
    return bool(listed)


def linked_part(root: str, rel: str) -> str | None:
    """The first part of path ``rel`` under ``root`` that is a symbolic link, if any:
    nothing is read or written through one, which could point anywhere."""
    parts = rel.split("/")
    for end in range(1, len(parts) + 1):
        if os.path.islink(os.path.join(root, *parts[:end])):
            return "/".join(parts[:end])
    return None


def link_under(root: str, path: str) -> str | None:
    """The first part of ``path`` (relative to ``root``, or absolute) that is a symbolic
    link inside ``root``, if any; a path outside ``root`` is the user's to choose."""
    relative = os.path.relpath(os.path.join(root, path), root)
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return None
    if relative == os.curdir:
        return relative if os.path.islink(root) else None
    return linked_part(root, relative.replace(os.sep, "/"))


def linked_out(out: str, root: str) -> str | None:
    """Why a command must not write to ``out`` (its --out, relative to the folder brm runs
    in): a part of it inside the records repository at ``root``, or inside the folder brm
    runs in, is a symbolic link, which a commit may point anywhere."""
    target = os.path.abspath(out)
    for base in dict.fromkeys((os.path.abspath(root), os.getcwd())):
        link = link_under(base, target)
        if link is not None:
            return f"--out {out}: {link} is a symbolic link, and brm never writes through one"
    return None


def linked(root: str, path: str) -> bool:
    """Whether ``path`` or any folder between ``root`` and it is a symbolic link."""
    return link_under(root, path) is not None


def inside(folder: str, path: str) -> bool:
    """Whether ``path``, once every link in it is resolved, is ``folder`` or within it."""
    real, top = os.path.realpath(path), os.path.realpath(folder)
    return real == top or real.startswith(top.rstrip(os.sep) + os.sep)


def cache_problem(root: str, folder: str, key_file: str) -> str | None:
    """Why the cache in ``folder`` signed with ``key_file`` must not be used, if it must
    not: the key inside the checkout (a commit could supply it), or the cache folder
    tracked by git or reached through a symbolic link."""
    top = checkout(root)
    if inside(top, key_file) or inside(root, key_file):
        return (
            f"the cache is off: its signing key {key_file} would be inside the "
            "repository, where a commit could put one; keep XDG_CACHE_HOME outside it"
        )
    if linked(root, folder):
        return f"the cache is off: {os.path.relpath(folder, root)} is a symbolic link"
    if tracked(root, folder):
        return f"the cache is off: {os.path.relpath(folder, root)} is committed to git"
    return None
