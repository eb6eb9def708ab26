"""``brm build`` as a pipeline: check, publish, history, pages, MkDocs, swap the site in.

Disk, git and the MkDocs subprocess are here, at the edge; the pages themselves come
from :func:`brm_build.site.pages.generate`, which takes data and returns text.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
from collections.abc import Collection
from dataclasses import dataclass, replace
from pathlib import Path

from ..analytics.stats import compute_stats
from ..attention.items import attention_items
from ..charts.figures import Figures, site_figures
from ..charts.render import default_workers
from ..check import CheckResult, check
from ..findings import Finding
from ..gitlog import read_history
from ..model.repository import Repository
from ..model.settings import Settings
from ..outputs import cannot_write
from ..progress import Progress
from ..publication import Publication, public_records, publish
from ..recorded import recorded
from ..report.site import site_packs
from ..trust import linked_out, tracked
from .config import mkdocs_config
from .context import SiteData, environment
from .leftovers import MARKER, PREVIOUS, STAGING, WORK, clean_leftovers, is_site, make_folder, mark
from .mkdocs_file import CONFIG_FILE, load_site_config, write_layers
from .pages import generate
from .render import render_site, site_config, write_files
from .render_cache import PageCache
from .resources import DEFAULT_CONFIG, asset_files

BASE_CONFIG = CONFIG_FILE

# A script or style sheet loaded from anywhere but the site itself.
_EXTERNAL = re.compile(
    r"<(?:script|link)\b[^>]*?\b(?:src|href)\s*=\s*[\"']?\s*(?:https?:)?//[^\s\"'>]*",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class BuildResult:
    """The check's findings, and what stopped the site from being built, if anything."""

    check: CheckResult
    problems: tuple[str, ...] = ()
    pages: int = 0
    rendered: int = 0
    """Pages MkDocs rendered in this build."""
    reused: int = 0
    """Pages whose rendering came from the cache of an earlier build."""

    @property
    def ok(self) -> bool:
        """Whether the site was built and swapped in."""
        return self.check.errors == 0 and not self.problems


def _public_figures(figures: Figures, publication: Publication) -> Figures:
    """``figures`` holding the units as published, so that no template can reach a
    restricted field (an IT budget) through them."""
    stats = replace(
        figures.stats,
        customers=public_records(publication.customers),
        services=public_records(publication.services),
    )
    return replace(figures, stats=stats)


def site_data(settings: Settings, result: CheckResult) -> SiteData:
    """The public records, findings and git history that the pages are made from."""
    history, note = read_history(settings.root)
    past = recorded(result.repository, settings, history, note)
    publication = publish(result.repository, settings.config.publish)
    return SiteData(
        publication=publication,
        findings=result.findings,
        today=settings.today,
        config=settings.config,
        history=history,
        history_note=note,
        figures=_public_figures(site_figures(result.repository, settings, past=past), publication),
        calendar=tuple(attention_items(result.repository, settings.today, settings.config)),
    )


def pack_pages(repo: Repository, settings: Settings, data: SiteData) -> dict[str, str]:
    """The review packs that the customer and purchaser pages link to, with their charts
    and style sheet."""
    stats = data.figures.stats if data.figures is not None else compute_stats(repo, settings)
    return site_packs(repo, settings, stats)


def docs_files(pages: dict[str, str]) -> dict[str, bytes]:
    """Every file of the docs folder: the site's own scripts, styles and pages, then the
    generated pages, which are taken out of ``pages`` one by one (the text of a large site
    is not held twice)."""
    files = asset_files()
    for path in sorted(pages):
        files[path] = pages.pop(path).encode("utf-8")
    return files


def page_cache(settings: Settings) -> PageCache | None:
    """The cache of rendered pages beside the check cache; None when caching is off."""
    if settings.cache is None:
        return None
    folder = os.path.join(os.path.dirname(settings.cache.folder), "site")
    return PageCache.open(folder, settings.cache.key_file)


def write_docs(docs: str, pages: dict[str, str]) -> None:
    """Write the pages and the site's own scripts and styles into folder ``docs``."""
    write_files(docs, docs_files(dict(pages)).items())


def write_pages(docs: str, pages: dict[str, str]) -> None:
    """Write ``pages`` into folder ``docs``, leaving other files as they are."""
    write_files(docs, ((path, text.encode("utf-8")) for path, text in pages.items()))


def write_config(work: str, settings: Settings, docs: str, site_dir: str) -> str:
    """Write the generated MkDocs config into ``work``; return its path. It extends a
    checked copy of the repository's mkdocs.yml, or brm's own when there is none; a
    mkdocs.yml with something refused (the check's mkdocs-refused errors) raises ValueError."""
    site = load_site_config(settings.root)
    if site is None:
        base = os.path.join(work, "brm-" + BASE_CONFIG)
        with open(base, "wb") as handle:
            handle.write(DEFAULT_CONFIG.read_bytes())
    elif site.problems:
        raise ValueError("; ".join(str(p) for p in site.problems))
    else:
        base = write_layers(site, work)
    path = os.path.join(work, "mkdocs.yml")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(mkdocs_config(base, docs, site_dir, settings.config.site_title))
    return path


def mkdocs_environment() -> dict[str, str]:
    """The environment for MkDocs: ours, without the theme's notice about its future."""
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def external_assets(site_dir: str, skip: Collection[str] = ()) -> list[str]:
    """Every script or style sheet in the built site that loads from another host; pages
    in ``skip`` (paths under the site, such as pages taken from the cache, which were
    looked at when they were made with the same configuration) are not read."""
    problems = []
    for folder, _, files in os.walk(site_dir):
        for name in files:
            path = os.path.join(folder, name)
            if name.endswith(".html") and os.path.relpath(path, site_dir) not in skip:
                with open(path, encoding="utf-8", errors="replace") as handle:
                    for match in _EXTERNAL.finditer(handle.read()):
                        rel = os.path.relpath(path, site_dir)
                        problems.append(f"{rel}: loads from another host: {match.group(0)}")
    return problems


def out_problems(root: str, out: str) -> list[str]:
    """Why ``out`` must not be replaced by the site: it holds the records, is committed or
    reached through a link in the repository, or holds files of a site brm did not build."""
    target, home = Path(out).resolve(), Path(root).resolve()
    link = linked_out(out, root)
    if link is not None:
        return [link]
    if target == home or target in home.parents:
        return [f"--out {out} contains the records repository: choose a folder of its own"]
    if home / "records" in (target, *target.parents):
        return [f"--out {out} is inside records/: choose a folder outside the records"]
    if target.is_file():
        return [f"--out {out} is a file: choose a folder"]
    if home in target.parents and tracked(root, out):
        return [f"--out {out} is committed to git: choose a folder git does not track"]
    if target.is_dir() and any(target.iterdir()) and not is_site(str(target)):
        return [
            f"--out {out} is not empty and holds no site brm built (no {MARKER} file in "
            "it): choose a new folder"
        ]
    return []


def swap(staging: str, out: str) -> None:
    """Put the site built in ``staging`` at ``out``, replacing the previous one."""
    previous = None
    if os.path.exists(out):
        previous = make_folder(PREVIOUS, os.path.dirname(out))
        try:
            os.rename(out, os.path.join(previous, "site"))
        except OSError:
            os.rmdir(previous)
            raise
    try:
        os.rename(staging, out)
    except OSError:
        if previous is not None:  # the previous site goes back where it was
            os.rename(os.path.join(previous, "site"), out)
            os.rmdir(previous)
        raise
    if previous is not None:
        shutil.rmtree(previous, ignore_errors=True)


def build(
    settings: Settings,
    out: str,
    extra: list[Finding] | None = None,
    progress: Progress | None = None,
) -> BuildResult:
    """Check the records, then build the site into ``out``; a failed build leaves the
    previous site untouched."""
    progress = progress or Progress(sys.stderr, "checking", live=False)
    result = check(settings, extra, progress, settings_files=True)
    out = os.path.abspath(out)
    clean_leftovers(out)  # a killed build's site left aside goes back before anything else
    problems = out_problems(settings.root, out)
    if result.errors or problems:
        return BuildResult(result, tuple(problems))
    progress.stage("drawing charts and reading the history")
    data = site_data(settings, result)
    progress.stage("writing pages")
    pages = generate(data, environment())
    pages.update(pack_pages(result.repository, settings, data))
    del data  # the pages hold what the site needs from it
    files = docs_files(pages)
    progress.stage(f"rendering {sum(1 for p in files if p.endswith('.md'))} pages")
    try:
        os.makedirs(os.path.dirname(out), exist_ok=True)
        staging = make_folder(STAGING, os.path.dirname(out))
    except OSError as exc:
        return BuildResult(result, (cannot_write(out, exc),))
    try:
        with tempfile.TemporaryDirectory(prefix=f"{WORK[0]}{os.getpid()}-") as work:
            docs = os.path.join(work, "docs")
            config = site_config(write_config(work, settings, docs, staging))
            outcome = render_site(
                files,
                docs,
                config,
                staging,
                page_cache(settings),
                default_workers(),
                mkdocs_environment(),
                audit=external_assets,
            )
        problems = list(outcome.problems)
        if not problems:
            try:
                mark(staging)
                swap(staging, out)
            except OSError as exc:
                problems.append(cannot_write(out, exc))
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    count = outcome.rendered + outcome.reused
    return BuildResult(result, tuple(problems), count, outcome.rendered, outcome.reused)
