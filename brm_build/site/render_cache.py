"""Rendered pages kept between builds, so that a rebuild renders only what changed.

A page's HTML depends on its Markdown, on the site's MkDocs configuration and theme, and on
which files its links point to (a link to a file that is gone is a problem MkDocs must
report). The key of a page hashes its path and Markdown together with a digest of the
configuration, the theme and the versions of everything that renders; an entry is reused
only when that key matches and every file it links to still exists. Everything else a
rendered page gives the site (its search-index entries, its anchors and the anchors it
links to) is stored with it, in one manifest signed with the same secret key as the check
cache. The HTML files are checked against the digests in the manifest before reuse.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import metadata
from typing import Any

from .. import __version__
from ..cache import _linked, _secret, _signature
from ..files import open_regular, read_at_most
from ..outputs import replace_whole

FORMAT = "brm-site-cache 1"
MANIFEST = "manifest.json"
PAGES = "pages"
MAX_BYTES = 1 << 31
_CHUNK = 1 << 20
_RENDERERS = ("mkdocs", "mkdocs-material", "Markdown", "pymdown-extensions", "Jinja2")
_OWN_SOURCES = ("render.py", "render_worker.py", "render_cache.py", "config.py", "raw.py")


def render_digest(configs: Iterable[bytes], theme_dirs: Iterable[str] = ()) -> bytes:
    """A digest of what every page's rendering depends on besides its own Markdown: the
    MkDocs configuration (``configs``, free of the build's temporary folders), theme
    overrides, the renderers' versions and this code."""
    digest = hashlib.blake2b(FORMAT.encode(), digest_size=20)
    digest.update(f"{__version__}\0{sys.version}".encode())
    for name in _RENDERERS:
        with contextlib.suppress(metadata.PackageNotFoundError):
            digest.update(f"\0{name} {metadata.version(name)}".encode())
    for config in configs:
        digest.update(b"\0" + config)
    here = os.path.dirname(os.path.abspath(__file__))
    paths = [os.path.join(here, name) for name in _OWN_SOURCES]
    for folder in theme_dirs:
        for base, dirs, files in os.walk(folder):
            dirs.sort()
            paths += [os.path.join(base, name) for name in sorted(files)]
    for path in paths:
        with open(path, "rb") as handle:
            digest.update(b"\0" + os.path.basename(path).encode() + b"\0" + handle.read())
    return digest.digest()


def page_key(digest: bytes, src_uri: str, markdown: bytes) -> str:
    """The key of a page with this Markdown at this path, under this rendering digest."""
    key = hashlib.blake2b(digest, digest_size=20)
    key.update(src_uri.encode() + b"\0" + markdown)
    return key.hexdigest()


def html_digest(data: bytes) -> str:
    """The digest of a rendered page, checked before the page is reused."""
    return hashlib.blake2b(data, digest_size=20).hexdigest()


@dataclass
class PageCache:
    """The manifest of rendered pages and the folder of their HTML files."""

    folder: str
    secret: bytes
    entries: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def open(cls, folder: str, key_file: str) -> PageCache | None:
        """The cache in ``folder``; None when it cannot be used safely."""
        if _linked(folder):
            return None
        secret = _secret(key_file)
        if secret is None:
            return None
        cache = cls(folder, secret)
        cache.entries = cache._read()
        return cache

    def _read(self) -> dict[str, dict[str, Any]]:
        try:
            raw = read_at_most(os.path.join(self.folder, MANIFEST), MAX_BYTES)
        except OSError:
            return {}
        head, _, body = raw.partition(b"\n")
        if head != f"{FORMAT} {_signature(self.secret, body)}".encode():
            return {}  # another key, another version, or tampered with: start afresh
        try:
            entries = json.loads(body)
        except ValueError:
            return {}
        return entries if isinstance(entries, dict) else {}

    def intact(self, key: str) -> bool:
        """Whether the stored HTML of the page with ``key`` is there and intact, read in
        chunks: a build decides on every cached page before it copies any, and holding
        them all would cost the whole site in memory."""
        entry = self.entries.get(key)
        if entry is None:
            return False
        digest = hashlib.blake2b(digest_size=20)
        try:  # a regular file only, never through a link
            with os.fdopen(open_regular(self._page(key)), "rb") as handle:
                while chunk := handle.read(_CHUNK):
                    digest.update(chunk)
        except OSError:
            return False
        return digest.hexdigest() == entry.get("digest")

    def html(self, key: str) -> bytes | None:
        """The stored HTML of the page with ``key``, if it is there and intact."""
        entry = self.entries.get(key)
        if entry is None:
            return None
        try:  # a regular file only, never through a link
            with os.fdopen(open_regular(self._page(key)), "rb") as handle:
                data = handle.read()
        except OSError:
            return None
        return data if html_digest(data) == entry.get("digest") else None

    def _page(self, key: str) -> str:
        return os.path.join(self.folder, PAGES, key + ".html")

    def save(self, entries: Mapping[str, dict[str, Any]], pages: Mapping[str, str]) -> None:
        """Keep ``entries`` and the HTML files in ``pages`` ({key: path of the built file});
        forget everything else. A cache that cannot be written only makes the next build
        slower."""
        pages_dir = os.path.join(self.folder, PAGES)
        try:
            os.makedirs(pages_dir, exist_ok=True)
            for key, path in pages.items():
                target = os.path.join(pages_dir, key + ".html")
                if not os.path.exists(target):
                    _store(path, target)
            body = json.dumps(entries, separators=(",", ":")).encode()
            head = f"{FORMAT} {_signature(self.secret, body)}\n".encode()
            replace_whole(os.path.join(self.folder, MANIFEST), head + body, ".manifest-")
            for name in os.listdir(pages_dir):
                if name.endswith(".html") and name[:-5] not in entries:
                    os.remove(os.path.join(pages_dir, name))
        except OSError:
            return


def _store(source: str, target: str) -> None:
    """Put a copy of the built file ``source`` at ``target``, written whole or not at all."""
    with open(source, "rb") as handle:
        data = handle.read()
    replace_whole(target, data, ".page-")
