"""Render the generated pages into the site: only the pages that changed, on every core.

The pages are split over several MkDocs processes (:mod:`brm_build.site.render_worker`),
each rendering its share while every other page stays untouched; pages whose rendering is
in the cache (:mod:`brm_build.site.render_cache`) are not rendered at all. What MkDocs
would do across all pages in one process is done here, over the records the processes
return: the search index is put together in MkDocs' own page order, and links to anchors in
other pages are checked against the anchors those pages have. The result is the site a
single clean ``mkdocs build --strict`` makes (the tests compare them byte for byte).

Only sites whose MkDocs configuration uses no plugins but search, no hooks, and a
navigation that titles every entry are rendered this way: another plugin may make one page
depend on others (a tags index, a blog), and an untitled entry shows the title of a page
that may not be rendered; such a site is rendered whole by one process, without the cache.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from mkdocs.utils.yaml import yaml_load

from .render_cache import PageCache, html_digest, page_key, render_digest

SEARCH_INDEX = "search/search_index.json"
SAFE_PLUGINS = frozenset({"search", "material/search"})
Audit = Callable[[str, Collection[str]], list[str]]
"""Problems with a built site (its folder; pages under it not to look at again)."""
MIN_PAGES_PER_PROCESS = 200
"""Fewer pages to render than this per process do not pay for another MkDocs start."""


@dataclass(frozen=True)
class RenderOutcome:
    """What went wrong, if anything, and how many pages were rendered and reused."""

    problems: tuple[str, ...]
    rendered: int
    reused: int
    reused_files: frozenset[str] = frozenset()
    """The files of the site (paths under it) that were taken from the cache."""


@dataclass(frozen=True)
class SiteConfig:
    """The MkDocs config of this build, and what rendering depends on besides the pages."""

    path: str
    digest: bytes
    incremental: bool


def site_config(path: str) -> SiteConfig:
    """Describe the MkDocs config at ``path`` (with what it inherits)."""
    with open(path, encoding="utf-8") as handle:
        loaded = yaml_load(handle) or {}
    theme = loaded.get("theme")
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    theme_dirs = [os.path.join(os.path.dirname(path), str(custom))] if custom else []
    stable = {k: v for k, v in loaded.items() if k not in ("docs_dir", "site_dir")}
    text = json.dumps(stable, sort_keys=True, default=str).encode()
    safe = (
        _plugins(loaded.get("plugins")) <= SAFE_PLUGINS
        and not loaded.get("hooks")
        and _titled(loaded.get("nav"))
    )
    return SiteConfig(path, render_digest([text], theme_dirs), safe)


def _titled(nav: object) -> bool:
    """Whether the navigation is given and names every entry: a page in the navigation
    without a title is shown under its own, which only rendering it gives."""
    if not isinstance(nav, list) or not nav:
        return False
    for item in nav:
        if not isinstance(item, dict) or len(item) != 1:
            return False
        (value,) = item.values()
        if isinstance(value, list) and not _titled(value):
            return False
    return True


def _plugins(value: object) -> set[str]:
    """The names of the plugins a config lists."""
    if isinstance(value, dict):
        return {str(name) for name in value}
    if isinstance(value, list):
        names = set()
        for item in value:
            names |= {str(k) for k in item} if isinstance(item, dict) else {str(item)}
        return names
    return {"search"} if value is None else {"?"}


def _split(
    pages: Mapping[str, bytes], selected: Sequence[str], workers: int, per_process: int
) -> list[list[str]]:
    """Share the pages to render out over at most ``workers`` processes, by size, with at
    least ``per_process`` pages each."""
    count = max(1, min(workers, len(selected) // max(1, per_process)))
    shares: list[list[str]] = [[] for _ in range(count)]
    loads = [0] * count
    for src in sorted(selected, key=lambda s: (-len(pages[s]), s)):
        lightest = loads.index(min(loads))
        shares[lightest].append(src)
        loads[lightest] += len(pages[src]) + 1000
    return shares


def write_docs(docs: str, files: Mapping[str, bytes], reused: set[str]) -> None:
    """Write the docs folder: a page whose rendering is reused is left empty, as MkDocs
    reads only the pages it renders."""
    write_files(docs, ((path, b"" if path in reused else data) for path, data in files.items()))


def write_files(folder: str, files: Iterable[tuple[str, bytes]]) -> None:
    """Write each (path under ``folder`` with "/" between names, content), making folders
    as needed and leaving other files as they are."""
    made: set[str] = set()
    for path, data in files:
        target = os.path.join(folder, *path.split("/"))
        parent = os.path.dirname(target)
        if parent not in made:
            os.makedirs(parent, exist_ok=True)
            made.add(parent)
        with open(target, "wb") as handle:
            handle.write(data)


def _dest(src_uri: str) -> str:
    return src_uri[: -len(".md")] + ".html" if src_uri.endswith(".md") else src_uri


def _reusable(
    files: Mapping[str, bytes], config: SiteConfig, cache: PageCache | None
) -> tuple[dict[str, str], dict[str, str]]:
    """The key of every page, and that of each page whose cached HTML needs no rendering
    (the HTML stays in the cache until it is copied, one page at a time)."""
    keys = {
        src: page_key(config.digest, src, data)
        for src, data in files.items()
        if src.endswith(".md")
    }
    if cache is None or not config.incremental:
        return keys, {}
    dests = {_dest(src) for src in files}
    reused = {}
    for src, key in keys.items():
        entry = cache.entries.get(key)
        targets = set(entry.get("targets", ())) if entry is not None else None
        if targets is not None and targets <= dests and cache.intact(key):
            reused[src] = key
    return keys, reused


def _cached_pages(
    cache: PageCache | None, reused: Mapping[str, str], changed: list[str]
) -> Iterator[tuple[str, bytes]]:
    """Each reused page's HTML read from the cache as it is written, checked again: one
    that changed since it was chosen is put in ``changed`` and not written."""
    for src, key in reused.items():
        html = cache.html(key) if cache is not None else None
        if html is None:
            changed.append(src)
        else:
            yield _dest(src), html


def _run(
    jobs: list[dict[str, Any]], work: str, env: Mapping[str, str], timeout: float = 3600.0
) -> list[dict[str, Any]]:
    """Run one MkDocs process per job at the same time; return their results."""
    running = []
    for i, job in enumerate(jobs):
        path = os.path.join(work, f"job-{i}.json")
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(job, handle)
        log = open(os.path.join(work, f"job-{i}.log"), "w+b")  # noqa: SIM115 - closed below
        command = [sys.executable, "-m", "brm_build.site.render_worker", path]
        running.append((job, log, subprocess.Popen(command, stdout=log, stderr=log, env=dict(env))))
    results = []
    deadline = time.monotonic() + timeout
    for job, log, process in running:
        try:
            process.wait(max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            log.write(f"\ndid not finish within {timeout:.0f} seconds".encode())
        log.seek(0)
        output = log.read().decode("utf-8", "replace").strip().splitlines()
        log.close()
        try:
            with open(job["result"], encoding="utf-8") as handle:
                results.append(json.load(handle))
        except (OSError, ValueError):
            tail = output[-3:] or [f"exit status {process.returncode}"]
            results.append({"problems": [f"ERROR - MkDocs failed: {' '.join(tail)}"], "pages": {}})
    return results


def _anchor_problems(order: Sequence[str], records: Mapping[str, dict[str, Any]]) -> list[str]:
    """MkDocs' check of links to anchors in other pages, over all pages at once."""
    problems = []
    for src in order:
        for target, links in records[src].get("anchor_links", {}).items():
            present = records.get(target, {}).get("anchors")
            if target == src or present is None:
                continue
            for anchor, link in links.items():
                if anchor not in present:
                    problems.append(
                        f"WARNING - Doc file '{src}' contains a link '{link}', but the doc "
                        f"'{target}' does not contain an anchor '#{anchor}'."
                    )
    return problems


def _search_index(
    order: Sequence[str], records: Mapping[str, dict[str, Any]], config: dict[str, Any]
) -> bytes:
    """The search index as the search plugin writes it, its entries in page order."""
    docs = [entry for src in order for entry in records[src].get("entries", ())]
    return json.dumps({"config": config, "docs": docs}, separators=(",", ":"), default=str).encode()


def render_site(
    files: Mapping[str, bytes],
    docs: str,
    config: SiteConfig,
    site_dir: str,
    cache: PageCache | None,
    workers: int,
    env: Mapping[str, str],
    per_process: int = MIN_PAGES_PER_PROCESS,
    audit: Audit | None = None,
) -> RenderOutcome:
    """Render ``files`` (the docs folder: {path: content}) into ``site_dir``; ``audit``
    looks at the finished site (skipping the pages taken from the cache, which it saw when
    they were made) before anything is kept for the next build."""
    keys, reused = _reusable(files, config, cache)
    write_docs(docs, files, set(reused))
    selected = sorted(src for src in keys if src not in reused)
    shares = _split(files, selected, workers if config.incremental else 1, per_process)
    results = _render_shares(config, shares, site_dir, os.path.dirname(docs), env)
    counts = (len(selected), len(reused))
    problems = list(dict.fromkeys(p for r in results for p in r["problems"]))
    if problems:
        return RenderOutcome(tuple(problems), *counts)
    records = {src: cache.entries[keys[src]] for src in reused} if cache is not None else {}
    for result in results:
        records.update(result["pages"])
    order = results[0]["order"]
    problems = _anchor_problems(order, records)
    if problems:
        return RenderOutcome(tuple(problems), *counts)
    changed: list[str] = []
    write_files(site_dir, _cached_pages(cache, reused, changed))
    if changed:
        return RenderOutcome(
            tuple(
                f"the cached page of {src} changed during the build: build again" for src in changed
            ),
            *counts,
        )
    if results[0].get("search_config"):
        with open(os.path.join(site_dir, *SEARCH_INDEX.split("/")), "wb") as handle:
            handle.write(_search_index(order, records, results[0]["search_config"]))
    reused_files = frozenset(_dest(src) for src in reused)
    problems = audit(site_dir, reused_files) if audit is not None else []
    if problems:
        return RenderOutcome(tuple(problems), *counts, reused_files)
    if cache is not None and config.incremental:
        _remember(cache, keys, records, selected, site_dir)
    return RenderOutcome((), *counts, reused_files)


def _render_shares(
    config: SiteConfig,
    shares: Sequence[Sequence[str]],
    site_dir: str,
    work: str,
    env: Mapping[str, str],
) -> list[dict[str, Any]]:
    """Render each share in a process of its own, the first into ``site_dir`` with the
    static files, the others beside it, then move their pages in; return the results."""
    parts = [site_dir] + [f"{site_dir}.part{i}" for i in range(1, len(shares))]
    jobs = [
        {
            "config": config.path,
            "site_dir": part,
            "pages": list(share),
            "copy_static": i == 0,
            "result": os.path.join(work, f"result-{i}.json"),
        }
        for i, (part, share) in enumerate(zip(parts, shares, strict=True))
    ]
    try:
        results = _run(jobs, work, env)
        for part in parts[1:]:
            _merge(part, site_dir)
    finally:
        for part in parts[1:]:
            shutil.rmtree(part, ignore_errors=True)
    return results


def _merge(part: str, site_dir: str) -> None:
    """Move the pages another process rendered into the site."""
    for folder, _, names in os.walk(part):
        for name in names:
            if name.endswith(".html") and name != "404.html":
                source = os.path.join(folder, name)
                target = os.path.join(site_dir, os.path.relpath(source, part))
                os.makedirs(os.path.dirname(target), exist_ok=True)
                os.replace(source, target)


def _remember(
    cache: PageCache,
    keys: Mapping[str, str],
    records: Mapping[str, dict[str, Any]],
    rendered: Sequence[str],
    site_dir: str,
) -> None:
    """Keep this build's pages for the next one."""
    entries = {}
    built = {}
    rendered_set = set(rendered)
    for src, key in keys.items():
        path = os.path.join(site_dir, *_dest(src).split("/"))
        record = dict(records[src])
        if src in rendered_set:
            with open(path, "rb") as handle:
                record["digest"] = html_digest(handle.read())
            built[key] = path
        entries[key] = record
    cache.save(entries, built)
