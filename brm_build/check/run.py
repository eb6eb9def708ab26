"""The whole check as one pipeline, read top-down: discover the record files and read
them (``repository.scan``, where the cache is consulted, once per file), parse and
validate them (``repository.load_some``: the file checks run as each loads), read the
other inputs once (``inputs``), then the cross-record steps (``steps``: ``checks.CHECKS``,
the mappings, CODEOWNERS and the targets' history, each kept in the cache by what it
reads), and last hide what looks like a secret.
Each step is handed what it needs and returns its part; none calls back up a layer."""

from __future__ import annotations

import gc
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

from ..cache import FileCache
from ..checks import FILE_CHECKS
from ..checks.secrets import hide_secrets
from ..findings import Finding, Severity, sorted_findings
from ..model.repository import Repository
from ..model.settings import Settings
from ..positions import Positions
from ..reading import too_large
from ..repository import Progress, Scanned, load_some, read_needed, restored, scan
from ..sources import SourceFile
from .inputs import Inputs, read_inputs, settings_findings
from .steps import plan, steps


@dataclass(frozen=True)
class CheckResult:
    """The records that loaded, and every finding about them, in reporting order."""

    repository: Repository
    findings: list[Finding]
    files: int
    texts: Mapping[str, str | None] = field(default_factory=dict)
    """The text of every record file with a finding as the check read it (None: it was
    rejected, unreadable or not UTF-8): what a report quotes, never read again."""
    positions: Positions | None = None
    """With records restored unread (``check_records``), the positions of their fields
    kept in the cache: ``save`` keeps those found once the command has asked for them."""

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


def _checked(
    scanned: Sequence[Scanned],
    findings: list[Finding],
    settings: Settings,
    inputs: Inputs,
    cache: FileCache | None,
    progress: Progress | None,
    whole: bool = True,
) -> tuple[Repository, list[Finding], list[Scanned]]:
    """Load the read files and run every check on them and the run's other inputs: every
    finding, unsorted, and the files with the text of those that had to be read. Without
    ``whole``, the records that no step to run reads are not restored from the cache
    (the repository then lacks them), and files unchanged by their status not read."""
    planned = plan(steps(settings, inputs), scanned, cache, settings)
    folders = None if whole else planned.folders()
    paths = planned.paths()
    scanned = read_needed(
        scanned,
        settings,
        cache,
        None if folders is None else lambda one: restored(one, folders, paths),
    )
    repository, problems, valid = load_some(scanned, FILE_CHECKS, cache, progress, folders, paths)
    findings = findings + problems
    # the valid part of records with schema errors is checked too: one run finds it all
    findings += planned.run(repository.with_salvaged(), cache)
    return repository, hide_secrets(valid, findings, settings, _texts(scanned)), scanned


def _texts(scanned: Sequence[Scanned]) -> dict[str, str | None]:
    """The text of every record file as the scan read it, by path (not of those it did
    not read: a report reads those it quotes)."""
    return {one.source.path: one.text for one in scanned if not one.unread}


def _result(
    repository: Repository,
    findings: Sequence[Finding],
    extra: list[Finding] | None,
    scanned: Sequence[Scanned],
    read: Mapping[str, str | None],
) -> CheckResult:
    """The result; ``read`` holds the text of the files besides the records that the run
    read (the settings files, CODEOWNERS, mapping files), by path."""
    files = sum(len(ids) for ids in repository.files.values())
    ordered = sorted_findings([*findings, *(extra or [])])
    quoted = {f.path for f in ordered}
    every = {**read, **_texts(scanned)}
    texts = {path: text for path, text in every.items() if path in quoted}
    return CheckResult(repository, ordered, files, texts)


def _with_settings_files(
    settings: Settings, extra: list[Finding] | None, inputs: Inputs, on: bool
) -> tuple[list[Finding], dict[str, str | None]]:
    """``extra`` and, when ``on``, the findings on the settings files; every text read."""
    read = inputs.texts()
    found = list(extra or [])
    if on:
        more, texts = settings_findings(settings)
        found += more
        read |= texts
    return found, read


def _ids_only(scanned: Sequence[Scanned]) -> Repository:
    """A repository of no records, only the ids of the files found."""
    repository = Repository()
    for one in scanned:
        repository.files.setdefault(one.source.kind.name, set()).add(one.source.id)
    return repository


def check(
    settings: Settings,
    extra: list[Finding] | None = None,
    progress: Progress | None = None,
    settings_files: bool = False,
) -> CheckResult:
    """Load and check the records repository at ``settings.root`` (with
    ``settings_files``, its brm.yaml and mkdocs.yml too, as ``brm check`` does)."""
    with _collector_paused():
        cache = FileCache.open(settings, FILE_CHECKS)
        scanned, findings = scan(settings, cache)
        inputs = read_inputs(settings)
        extra, read = _with_settings_files(settings, extra, inputs, settings_files)
        repository, findings, scanned = _checked(
            scanned, findings, settings, inputs, cache, progress
        )
    return _result(repository, findings, extra, scanned, read)


def _added(source: SourceFile, text: str, settings: Settings) -> Scanned:
    """A file to be written as the check reads it: one larger than brm.yaml allows is not
    read, as it would not be once written."""
    limit = settings.config.limits.max_file_bytes
    if len(text.encode("utf-8")) > limit:
        return Scanned(source, None, [too_large(source.path, limit)], None)
    return Scanned(source, text, [], None)


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
        inputs = read_inputs(settings)
        gone = {*removed, *(source.path for source, _ in added)}
        scanned = [one for one in scanned if one.source.path not in gone]
        scanned += [_added(source, text, settings) for source, text in added]
        scanned.sort(key=lambda one: one.source.path)  # the order discovery gives
        repository, findings, scanned = _checked(scanned, findings, settings, inputs, cache, None)
    return _result(repository, findings, None, scanned, inputs.texts())


def check_findings(
    settings: Settings,
    extra: list[Finding] | None = None,
    progress: Progress | None = None,
    settings_files: bool = False,
) -> CheckResult:
    """The findings of ``check``, without the records when they need not be loaded.

    When the cache holds the findings of a run over exactly these files (and nothing else
    was found under records/), they are the result, and its repository holds only the ids
    of the files found; otherwise this is ``check``, but its repository lacks the records
    that only steps found in the cache read (they are not restored).
    """
    with _collector_paused():
        cache = FileCache.open(settings, FILE_CHECKS)
        scanned, findings = scan(settings, cache)
        inputs = read_inputs(settings)
        extra, read = _with_settings_files(settings, extra, inputs, settings_files)
        run = _run_key(cache, scanned, findings, inputs)
        if cache is None or run is None:
            repository, findings, scanned = _checked(
                scanned, findings, settings, inputs, cache, progress
            )
            return _result(repository, findings, extra, scanned, read)
        stored = cache.get_run(run)
        if stored is not None:
            return _result(_ids_only(scanned), stored, extra, scanned, read)
        repository, findings, scanned = _checked(
            scanned, findings, settings, inputs, cache, progress, whole=False
        )
        cache.put_run(run, sorted_findings(findings))
    return _result(repository, findings, extra, scanned, read)


def check_records(
    settings: Settings,
    extra: list[Finding] | None = None,
    folders: Collection[str] | None = None,
    unread: bool = False,
) -> CheckResult:
    """``check`` for the commands that read the records (attention, stats, report): the
    findings are those the cache holds of a run over exactly these files and inputs, as
    ``check_findings`` reads them, and only the records are restored (with ``folders``,
    only those of the kinds kept there, the reader's: a view of them); without such a run,
    this is ``check``, and its findings are kept for the next.

    With ``unread``, the files that the scan left unread (unchanged by their status) stay
    so: their records are restored without their text, which each reads only when asked
    for a position that the cache does not keep (``positions``), and meetings come without
    their notes (``brm attention`` reads none).
    """
    with _collector_paused():
        cache = FileCache.open(settings, FILE_CHECKS)
        scanned, findings = scan(settings, cache)
        inputs = read_inputs(settings)
        extra, read = _with_settings_files(settings, extra, inputs, False)
        run = _run_key(cache, scanned, findings, inputs)
        stored = None if cache is None or run is None else cache.get_run(run)
        if cache is not None and stored is not None:
            restore = _none if unread else _of_kinds(folders)
            scanned = read_needed(scanned, settings, cache, restore)
            later = Positions(cache, settings) if unread else None
            # the file checks' findings are among those stored: a cached file's are its own
            repository = load_some(scanned, FILE_CHECKS, cache, None, folders, (), later)[0]
            view = repository if folders is None else repository.view(folders)
            return replace(_result(view, stored, extra, scanned, read), positions=later)
        repository, findings, scanned = _checked(scanned, findings, settings, inputs, cache, None)
        if cache is not None and run is not None:
            cache.put_run(run, sorted_findings(findings))
    return _result(repository, findings, extra, scanned, read)


def _none(one: Scanned) -> bool:
    """No file is read for its record to be restored."""
    return False


def _of_kinds(folders: Collection[str] | None) -> Callable[[Scanned], bool] | None:
    """Whether a file is of the kinds in ``folders`` (None: every file is)."""
    if folders is None:
        return None
    return lambda one: restored(one, folders, ())


def _run_key(
    cache: FileCache | None,
    scanned: Sequence[Scanned],
    findings: Sequence[Finding],
    inputs: Inputs,
) -> str | None:
    """The cache key of a run over these files and inputs, or None when none is kept: no
    cache, or an unusual file (unknown, unreadable), which the checks read again."""
    keys = [one.key for one in scanned if one.key is not None]
    if cache is None or findings or len(keys) < len(scanned):
        return None
    return cache.run_key(keys, inputs.key())
