"""The files brm ships for every site, read as package data so that an installed brm
builds as one run from a checkout: the page templates, the scripts, styles and fixed pages
copied into every site, and the MkDocs configuration of a records repository that has no
``mkdocs.yml`` of its own."""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable

from jinja2 import BaseLoader, PackageLoader

_PACKAGE = __name__.rpartition(".")[0]
_HERE = files(_PACKAGE)

ASSETS: Traversable = _HERE / "assets"
"""Copied into the docs folder of every site as they are (``assets/x`` becomes ``x``)."""
DEFAULT_CONFIG: Traversable = _HERE / "mkdocs.yml"
"""What the generated MkDocs configuration extends when the records repository has none."""


def template_loader() -> BaseLoader:
    """The Jinja2 loader of the page templates (``templates/``, with ``partials/``)."""
    return PackageLoader(_PACKAGE, "templates")


def asset_files() -> dict[str, bytes]:
    """Every asset by its path in the site: a folder's files by name, then its folders."""
    found: dict[str, bytes] = {}
    _collect(ASSETS, "", found)
    return found


def _collect(folder: Traversable, prefix: str, found: dict[str, bytes]) -> None:
    entries = sorted(folder.iterdir(), key=lambda entry: entry.name)
    for entry in entries:
        if entry.is_file():
            found[prefix + entry.name] = entry.read_bytes()
    for entry in entries:
        if entry.is_dir():
            _collect(entry, f"{prefix}{entry.name}/", found)
