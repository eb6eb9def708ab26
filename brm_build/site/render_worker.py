"""One MkDocs process of a build: render the pages it is given, record what the site needs
from each of them, and leave every other page to the build's cache or to another process.

Run as ``python -m brm_build.site.render_worker JOB``, where JOB is a JSON file naming the
MkDocs config, the folder to build into, the pages to render, whether to copy the static
files, and where to write the result. MkDocs runs in "dirty" mode, in which it renders only
files it is told were modified; a plugin added here tells it which. The result holds, per
rendered page, its search-index entries, the anchors it has, the anchors it links to in
other pages, and the files it links to: the build merges these over all processes and
checks the anchors across them (see :mod:`brm_build.site.render`).
"""

from __future__ import annotations

import html
import json
import logging
import os
import posixpath
import re
import sys
import traceback
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from .raw import Stash

PLUGIN_NAME = "brm-render"
_DIRTY_NOTICE = "A 'dirty' build is being performed"
_LINK = re.compile(r"""\b(?:href|src)\s*=\s*["']([^"']*)["']""")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:|^//")
SEARCH_CONFIG_KEYS = ("lang", "separator", "pipeline", "fields")


@dataclass
class PageRecord:
    """What the site needs from one rendered page besides its HTML file."""

    entries: list[dict[str, Any]] = field(default_factory=list)
    anchors: list[str] = field(default_factory=list)
    anchor_links: dict[str, dict[str, str]] = field(default_factory=dict)
    targets: list[str] = field(default_factory=list)


class RenderPlugin(BasePlugin):  # type: ignore[type-arg]
    """Marks the selected pages as modified, every other page as not, and records each
    rendered page."""

    def __init__(self, selected: set[str], copy_static: bool) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.selected = selected
        self.copy_static = copy_static
        self.order: list[str] = []
        self.records: dict[str, PageRecord] = {}
        self.search_config: dict[str, Any] = {}
        self._docs_dests: set[str] = set()
        self._stashes: dict[str, Stash] = {}
        self._seen = 0

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """Decide which files MkDocs renders or copies."""
        docs = os.path.abspath(config.docs_dir)
        for file in files:
            if file.is_documentation_page():
                modified = file.src_uri in self.selected
            else:
                modified = self.copy_static
            _set_modified(file, modified)
            source = file.abs_src_path
            if source is not None and os.path.abspath(source).startswith(docs + os.sep):
                self._docs_dests.add(file.dest_uri)
        return files

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Set the page's ready-made HTML aside (see :mod:`brm_build.site.raw`)."""
        stash = self._stashes[page.file.src_uri] = Stash()
        return stash.take(markdown)

    @event_priority(100)  # before the search plugin reads the page
    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Put the page's ready-made HTML back."""
        stash = self._stashes.pop(page.file.src_uri, None)
        return html if stash is None else stash.restore(html)

    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        """Keep the order of the pages, which is the order of the search index, and the
        search settings that head the index."""
        self.order = [f.src_uri for f in files.documentation_pages()]
        index = _search_index(config)
        if index is not None:
            self.search_config = {key: index.config[key] for key in SEARCH_CONFIG_KEYS}
        return env

    def on_page_context(
        self, context: Any, /, *, page: Page, config: MkDocsConfig, nav: Any
    ) -> Any:
        """Take the search entries the search plugin just made for ``page``."""
        index = _search_index(config)
        record = self.records.setdefault(page.file.src_uri, PageRecord())
        if index is not None:
            record.entries = list(index.entries[self._seen :])
            self._seen = len(index.entries)
        return context

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """Record the anchors and links of the page as rendered."""
        record = self.records.setdefault(page.file.src_uri, PageRecord())
        record.anchors = sorted(page.present_anchor_ids or ())
        record.anchor_links = {
            target.src_uri: dict(links) for target, links in (page.links_to_anchors or {}).items()
        }
        record.targets = sorted(self._targets(page.file.dest_uri, output))
        return output

    def _targets(self, dest_uri: str, output: str) -> set[str]:
        """The files of the docs folder that the page's links and images point to."""
        here = posixpath.dirname(dest_uri)
        found = set()
        for match in _LINK.finditer(output):
            url = html.unescape(match.group(1)).split("#", 1)[0].split("?", 1)[0]
            if not url or _SCHEME.match(url):
                continue
            target = posixpath.normpath(posixpath.join(here, unquote(url)))
            if target in self._docs_dests:
                found.add(target)
        return found


def _set_modified(file: File, modified: bool) -> None:
    """Answer MkDocs' question "was this file modified?" with ``modified``."""
    file.is_modified = (lambda: True) if modified else (lambda: False)  # type: ignore[method-assign]


def _search_index(config: MkDocsConfig) -> Any:
    """The search plugin's index, if the site has the search plugin."""
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        if index is not None and hasattr(index, "entries"):
            return index
    return None


class _Problems(logging.Handler):
    """Keeps every warning and error MkDocs logs, except its notice about dirty builds."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if not message.startswith(_DIRTY_NOTICE):
            self.lines.append(f"{record.levelname} - {message}")


def render(job: dict[str, Any]) -> dict[str, Any]:
    """Run MkDocs for one job; return its result."""
    problems = _Problems()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(problems)
    plugin = RenderPlugin(set(job["pages"]), bool(job["copy_static"]))
    try:
        config = load_config(config_file=job["config"], site_dir=job["site_dir"])
        config.plugins[PLUGIN_NAME] = plugin
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build.build(config, dirty=True)
        finally:
            config.plugins.on_shutdown()
    except MkDocsException as exc:
        problems.lines.append(f"ERROR - {exc}")
    finally:
        logger.removeHandler(problems)
    return {
        "problems": problems.lines,
        "order": plugin.order,
        "search_config": plugin.search_config,
        "pages": {src: vars(record) for src, record in plugin.records.items()},
    }


def main(argv: list[str]) -> int:
    """Read the job file, render, write the result file."""
    with open(argv[0], encoding="utf-8") as handle:
        job = json.load(handle)
    try:
        result = render(job)
    except Exception:  # reported to the build as a problem, not as a traceback
        last = traceback.format_exc().strip().splitlines()[-1]
        result = {"problems": [f"ERROR - MkDocs failed: {last}"], "order": [], "pages": {}}
    with open(job["result"], "w", encoding="utf-8") as handle:
        json.dump(result, handle)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
