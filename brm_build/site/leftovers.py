"""The folders a build makes on the way, and the marker of a site brm built.

A build stages the site beside ``--out``, moves the previous site aside while it swaps
the new one in, and renders in a temporary folder. Each of those folders is named with
the prefix below and the id of the process that made it, so that a later build can tell
one that a killed build left behind (its process is gone) from one a build running now
is using, and removes only the former. A previous site left aside by a build killed in
the middle of the swap is put back first.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile

MARKER = ".brm-site"
"""The file brm writes into every site it builds: ``--out`` may replace only such a folder."""
MARKER_TEXT = "A site built by brm build: a later brm build --out may replace this folder.\n"
STAGING = ".brm-site-"
PREVIOUS = ".brm-previous-"
WORK = ("brm-docs-", "brm-charts-", "brm-serve-")
"""Prefixes of the temporary folders brm makes in the system's temporary folder."""


def make_folder(prefix: str, folder: str | None = None) -> str:
    """A new folder named after ``prefix`` and this process, in ``folder`` (by default the
    system's temporary folder)."""
    return tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-", dir=folder)


def _gone(name: str, prefix: str) -> bool:
    """Whether the process that made the folder ``name`` has ended."""
    number = name[len(prefix) :].split("-", 1)[0]
    if not number.isdigit() or int(number) == os.getpid():
        return False
    try:
        os.kill(int(number), 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False  # alive, someone else's
    return False


def _left(folder: str, prefix: str) -> list[str]:
    """The folders in ``folder`` with ``prefix`` whose process has ended."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    return [
        e.path
        for e in entries
        if e.name.startswith(prefix) and e.is_dir(follow_symlinks=False) and _gone(e.name, prefix)
    ]


def clean_leftovers(out: str) -> None:
    """Remove what killed builds left beside ``out`` and in the temporary folder; a
    previous site left aside while ``out`` is missing goes back to ``out`` first."""
    beside = os.path.dirname(out)
    for path in _left(beside, PREVIOUS):
        site = os.path.join(path, "site")
        if not os.path.lexists(out) and is_site(site):
            with contextlib.suppress(OSError):
                os.rename(site, out)
        shutil.rmtree(path, ignore_errors=True)
    for path in _left(beside, STAGING):
        shutil.rmtree(path, ignore_errors=True)
    for prefix in WORK:
        for path in _left(tempfile.gettempdir(), prefix):
            shutil.rmtree(path, ignore_errors=True)


def mark(site_dir: str) -> None:
    """Mark ``site_dir`` as a site brm built."""
    with open(os.path.join(site_dir, MARKER), "w", encoding="utf-8") as handle:
        handle.write(MARKER_TEXT)


def is_site(folder: str) -> bool:
    """Whether ``folder`` is a site brm built: it holds the marker, a file and no link."""
    marker = os.path.join(folder, MARKER)
    return (
        os.path.isdir(folder)
        and not os.path.islink(folder)
        and os.path.isfile(marker)
        and not os.path.islink(marker)
    )
