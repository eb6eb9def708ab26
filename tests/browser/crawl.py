"""A link checker over a whole built site: every internal link, and every #anchor, of
every HTML page must name a file of the site and an id in it.

MkDocs validates the links of the Markdown it renders; this reads what was published,
so that it also sees the theme's links, the navigation, assets and the pages' anchors.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

# The attributes that load or link to another resource, by element.
_LINKING = {
    "a": "href",
    "area": "href",
    "link": "href",
    "img": "src",
    "script": "src",
    "source": "src",
    "iframe": "src",
    "audio": "src",
    "video": "src",
}


@dataclass(frozen=True, slots=True)
class Link:
    """A link as written in a page: where it is and what it names."""

    page: str
    line: int
    tag: str
    target: str


@dataclass(frozen=True, slots=True)
class PageLinks:
    """The ids a page defines and the links it makes."""

    ids: frozenset[str]
    links: tuple[Link, ...]


class _Reader(HTMLParser):
    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.ids: set[str] = set()
        self.links: list[Link] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if values.get(key):
                self.ids.add(values[key] or "")
        wanted = _LINKING.get(tag)
        target = values.get(wanted) if wanted else None
        if target is not None:
            self.links.append(Link(self.page, self.getpos()[0], tag, target.strip()))


def read_page(page: str, text: str) -> PageLinks:
    """The ids and links of one page, ``page`` being its path within the site."""
    reader = _Reader(page)
    reader.feed(text)
    reader.close()
    return PageLinks(frozenset(reader.ids), tuple(reader.links))


def resolve(page: str, target: str) -> tuple[str, str] | None:
    """The site path and fragment that ``target`` names from ``page``; None when it leaves
    the site (another host, mailto:) and ``("", "")`` when it climbs above the site root."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    if not path:
        resolved = page
    elif path.startswith("/"):
        resolved = posixpath.normpath(path.lstrip("/") or ".")
    else:
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    if resolved == ".." or resolved.startswith("../"):
        return "", ""
    if path.endswith("/") or resolved == ".":
        resolved = posixpath.join(resolved, "index.html").removeprefix("./")
    return resolved, unquote(parts.fragment)


def dangling(pages: dict[str, PageLinks], files: Iterable[str]) -> list[str]:
    """A message for every link in ``pages`` whose file or #anchor does not exist."""
    existing = set(files)
    problems = []
    for page in sorted(pages):
        for link in pages[page].links:
            where = f"{link.page}:{link.line}: <{link.tag}> {link.target!r}"
            resolved = resolve(page, link.target)
            if resolved is None:
                continue
            path, fragment = resolved
            if not path:
                problems.append(f"{where} climbs above the site root")
            elif path not in existing:
                problems.append(f"{where}: no file {path} in the site")
            elif fragment and path in pages and fragment not in pages[path].ids:
                problems.append(f"{where}: {path} has no id {fragment!r}")
    return problems


def orphans(pages: dict[str, PageLinks], exempt: set[str]) -> list[str]:
    """The pages that no other page links to, but for the home page and ``exempt``."""
    reached = {"index.html", *exempt}
    for page, found in pages.items():
        for link in found.links:
            resolved = resolve(page, link.target)
            if resolved and resolved[0] != page:
                reached.add(resolved[0])
    return sorted(set(pages) - reached)


def read_site(site: Path) -> tuple[dict[str, PageLinks], list[str]]:
    """The ids and links of every HTML page under ``site``, and every file's site path."""
    files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    pages = {
        name: read_page(name, (site / name).read_text(encoding="utf-8"))
        for name in files
        if name.endswith(".html")
    }
    return pages, files


def crawl(site: Path) -> list[str]:
    """Every dangling internal link and #anchor in the HTML pages of the site at ``site``."""
    pages, files = read_site(site)
    return dangling(pages, files)
