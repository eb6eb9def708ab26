"""The optional parts of brm: the extras of its package (``pip install 'brm-build[site]'``)
and whether what each needs is installed, read from the installed package's metadata, so
that pyproject.toml stays the one list of what an extra holds.

``brm check``, ``diff``, ``stats`` and ``import`` need no extra; ``build``, ``serve`` and the
drawn charts (the review pack as HTML or PDF) need ``site``."""

from __future__ import annotations

import re
from importlib import metadata

PACKAGE = "brm-build"
SITE = "site"
_NAME = re.compile(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[([^\]]*)\])?")
_EXTRA = re.compile(r"""extra\s*==\s*["']([^"']+)["']""")


def _requirements(extra: str) -> list[tuple[str, tuple[str, ...]]]:
    """The distributions that ``extra`` adds, each with the extras it names of them."""
    try:
        requires = metadata.requires(PACKAGE) or []
    except metadata.PackageNotFoundError:  # brm runs from its sources: nothing to tell
        return []
    found = []
    for requirement in requires:
        spec, _, marker = requirement.partition(";")
        named = _EXTRA.search(marker)
        matched = _NAME.match(spec)
        if named is None or named.group(1) != extra or matched is None:
            continue
        extras = tuple(sorted(e.strip() for e in (matched.group(2) or "").split(",") if e.strip()))
        found.append((matched.group(1), extras))
    return found


def missing(extra: str) -> list[str]:
    """The distributions of ``extra`` that are not installed, in the order it lists them."""
    absent: list[str] = []
    for name, extras in _requirements(extra):
        if _normal(name) == _normal(PACKAGE):  # an extra made of other extras
            absent += [n for e in extras for n in missing(e) if n not in absent]
            continue
        try:
            metadata.version(name)
        except metadata.PackageNotFoundError:
            absent.append(name)
    return absent


def extra_problem(what: str, extra: str = SITE) -> str | None:
    """None when ``extra`` is installed, else what to install for ``what`` (a command)."""
    absent = missing(extra)
    if not absent:
        return None
    return (
        f"{what} needs brm's {extra} extra, which is not installed ({', '.join(absent)} "
        f"missing): pip install '{PACKAGE}[{extra}]'"
    )


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()
