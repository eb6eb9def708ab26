"""The whole check as one function: load every record, run every check."""

from __future__ import annotations

import gc
from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from ..cache import FileCache
from ..checks import FILE_CHECKS, run_checks
from ..checks.history import check_target_history
from ..checks.mappings import mapping_files
from ..checks.secrets import hide_secrets
from ..codeowners import codeowners_findings, existing_files, read_codeowners
from ..findings import Finding, Severity, sorted_findings
from ..gitlog import History, read_history
from ..model.repository import Repository
from ..model.settings import Settings
from ..repository import Progress, Scanned, load_scanned, scan
from ..sources import SourceFile


@dataclass(frozen=True)
class CheckResult:
    """The records that loaded, and every finding about them, in reporting order."""

    repository: Repository
    findings: list[Finding]
    files: int
    texts: Mapping[str, str | None] = field(default_factory=dict)
    """The text of every record file with a finding as the check read it (None: it was
    rejected, unreadable or not UTF-8): what a report quotes, never read again."""

    @property
    def errors(self) -> int:
        """How many findings are errors."""
        return sum(1 for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        """How many findings are warnings."""
        return len(self.findings) - self.errors

    def failed(self, strict: bool) -> bool:
        """Whether the check fails: any error, or with ``strict`` any finding."""
        return self.errors > 0 or (strict and self.warnings > 0)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while records load and are checked.

    Loading makes hundreds of thousands of objects and no reference cycles; collecting
    while they are made scans the growing heap again and again, which took more than half
    the time of a large check.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _history(settings: Settings) -> History | None:
    """The commits that changed agreements, or None outside a git checkout."""
    return read_history(settings.root, folder="records/agreements")[0]


def _checked(
    scanned: Sequence[Scanned],
    findings: list[Finding],
    settings: Settings,
    cache: FileCache | None,
    progress: Progress | None,
) -> tuple[Repository, list[Finding]]:
    """Load the read files and run every check on them: every finding, unsorted."""
    repository, problems = load_scanned(scanned, FILE_CHECKS, cache, progress)
    findings = findings + problems
    # the valid part of records with schema errors is checked too: one run finds it all
    findings += run_checks(repository.with_salvaged(), settings)
    findings += codeowners_findings(repository, settings)
    findings += check_target_history(repository, settings, _history(settings))
    return repository, hide_secrets(repository, findings, settings, _texts(scanned))


def _texts(scanned: Sequence[Scanned]) -> dict[str, str | None]:
    """The text of every record file as the scan read it, by path."""
    return {one.source.path: one.text for one in scanned}


def _result(
    repository: Repository,
    findings: Sequence[Finding],
    extra: list[Finding] | None,
    scanned: Sequence[Scanned],
) -> CheckResult:
    files = sum(len(ids) for ids in repository.files.values())
    ordered = sorted_findings([*findings, *(extra or [])])
    quoted = {f.path for f in ordered}
    texts = {path: text for path, text in _texts(scanned).items() if path in quoted}
    return CheckResult(repository, ordered, files, texts)


def _ids_only(scanned: Sequence[Scanned]) -> Repository:
    """A repository of no records, only the ids of the files found."""
    repository = Repository()
    for one in scanned:
        repository.files.setdefault(one.source.kind.name, set()).add(one.source.id)
    return repository


def check(
    settings: Settings, extra: list[Finding] | None = None, progress: Progress | None = None
) -> CheckResult:
    """Load and check the records repository at ``settings.root``."""
    with _collector_paused():
        cache = FileCache.open(settings, FILE_CHECKS)
        scanned, findings = scan(settings, cache)
        repository, findings = _checked(scanned, findings, settings, cache, progress)
    return _result(repository, findings, extra, scanned)


def check_with(
    settings: Settings,
    added: Sequence[tuple[SourceFile, str]],
    removed: Collection[str] = (),
) -> CheckResult:
    """The check of the repository as it would be with the ``added`` files (each a source
    and its text) written over any there and the ``removed`` paths gone, without writing
    anything: what ``brm new`` and ``brm rename`` may write."""
    with _collector_paused():
        cache = FileCache.open(settings, FILE_CHECKS)
        scanned, findings = scan(settings, cache)
        gone = {*removed, *(source.path for source, _ in added)}
        scanned = [one for one in scanned if one.source.path not in gone]
        scanned += [Scanned(source, text, [], None) for source, text in added]
        scanned.sort(key=lambda one: one.source.path)  # the order discovery gives
        repository, findings = _checked(scanned, findings, settings, cache, None)
    return _result(repository, findings, None, scanned)


def _other_inputs(settings: Settings) -> bytes:
    """What the cross-record checks read besides the record files: the date, the
    committed CODEOWNERS files, the mapping files under imports/ and the commits that
    changed agreements."""
    history = _history(settings)
    shas = "" if history is None else " ".join(c.sha for c in history.commits)
    parts = [settings.today.isoformat().encode(), shas.encode()]
    for path in [*existing_files(settings.root), *mapping_files(settings.root)]:
        text = read_codeowners(settings.root, path)  # never through a link
        parts.append(path.encode() + (b"\1" if text is None else b"\0" + text.encode()))
    return b"\0\0".join(parts)


def check_findings(
    settings: Settings, extra: list[Finding] | None = None, progress: Progress | None = None
) -> CheckResult:
    """The findings of ``check``, without the records when they need not be loaded.

    When the cache holds the findings of a run over exactly these files (and nothing else
    was found under records/), they are the result, and its repository holds only the ids
    of the files found; otherwise this is ``check``.
    """
    with _collector_paused():
        cache = FileCache.open(settings, FILE_CHECKS)
        scanned, findings = scan(settings, cache)
        keys = [one.key for one in scanned if one.key is not None]
        # unusual files (unknown, unreadable) are read again by the checks: never kept
        if cache is None or findings or len(keys) < len(scanned):
            repository, findings = _checked(scanned, findings, settings, cache, progress)
            return _result(repository, findings, extra, scanned)
        run = cache.run_key(keys, _other_inputs(settings))
        stored = cache.get_run(run)
        if stored is not None:
            return _result(_ids_only(scanned), stored, extra, scanned)
        repository, findings = _checked(scanned, findings, settings, cache, progress)
        cache.put_run(run, sorted_findings(findings))
    return _result(repository, findings, extra, scanned)
