"""``brm serve``: preview the site with live reload, regenerating pages when records change.

MkDocs serves the generated docs folder and reloads the browser when a page in it
changes; this module watches records/ and rewrites the pages that differ. The settings,
brm.yaml among them, are read once: restart the preview after changing them.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import tempfile
import time
from typing import Protocol

from ..check import CheckResult, check
from ..exits import EXIT_FINDINGS
from ..model.settings import Settings
from .build import (
    mkdocs_environment,
    pack_pages,
    site_data,
    write_config,
    write_docs,
    write_pages,
)
from .context import environment
from .pages import generate

Signature = tuple[tuple[str, int, int], ...]


class Reporter(Protocol):
    """Where the preview tells what happens: the CLI prints it."""

    def findings(self, result: CheckResult) -> None:
        """The check found errors: the pages were not regenerated."""

    def message(self, text: str) -> None:
        """Something happened that the user should know."""


def records_signature(root: str) -> Signature:
    """Path, size and modification time of every file under records/."""
    files: list[tuple[str, int, int]] = []
    for folder, dirs, names in os.walk(os.path.join(root, "records")):
        dirs.sort()
        for name in sorted(names):
            path = os.path.join(folder, name)
            try:
                stat = os.stat(path)
            except OSError:
                continue
            files.append((path, stat.st_size, stat.st_mtime_ns))
    return tuple(files)


def regenerate(settings: Settings) -> tuple[CheckResult, dict[str, str] | None]:
    """Check the records and generate the pages; no pages when the check has errors."""
    result = check(settings, settings_files=True)
    if result.errors:
        return result, None
    data = site_data(settings, result)
    pages = generate(data, environment())
    pages.update(pack_pages(result.repository, settings, data))
    return result, pages


def sync_docs(docs: str, old: dict[str, str], new: dict[str, str]) -> int:
    """Write the pages that changed and remove the pages that are gone; return how many."""
    changed = {path: text for path, text in new.items() if old.get(path) != text}
    write_pages(docs, changed)
    gone = [path for path in old if path not in new]
    for path in gone:
        with contextlib.suppress(FileNotFoundError):
            os.remove(os.path.join(docs, *path.split("/")))
    return len(changed) + len(gone)


def _watch(
    settings: Settings,
    docs: str,
    pages: dict[str, str],
    process: subprocess.Popen[bytes],
    report: Reporter,
    interval: float,
) -> None:
    signature = records_signature(settings.root)
    while process.poll() is None:
        time.sleep(interval)
        now = records_signature(settings.root)
        if now == signature:
            continue
        signature = now
        result, new = regenerate(settings)
        if new is None:
            report.findings(result)
            report.message("the pages were not regenerated: correct the errors above")
            continue
        changed = sync_docs(docs, pages, new)
        pages = new
        report.message(f"records changed: {changed} pages regenerated")


def serve(settings: Settings, dev_addr: str, report: Reporter, interval: float = 1.0) -> int:
    """Serve a live preview at ``dev_addr`` until MkDocs stops; return its exit code."""
    result, pages = regenerate(settings)
    if pages is None:
        report.findings(result)
        return EXIT_FINDINGS
    with tempfile.TemporaryDirectory(prefix=f"brm-serve-{os.getpid()}-") as work:
        docs = os.path.join(work, "docs")
        write_docs(docs, pages)
        config = write_config(work, settings, docs, os.path.join(work, "site"))
        command = [sys.executable, "-m", "mkdocs", "serve", "--config-file", config]
        process = subprocess.Popen(
            [*command, "--dev-addr", dev_addr, "--livereload"], env=mkdocs_environment()
        )
        report.message(f"serving a preview at http://{dev_addr}/ (Ctrl-C stops it)")
        try:
            _watch(settings, docs, pages, process, report, interval)
        finally:
            if process.poll() is None:
                process.terminate()
                process.wait(timeout=30)
    return process.returncode or 0
