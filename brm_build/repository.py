"""Load a whole records repository: discover, read, parse and validate every file."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace

from pydantic import ValidationError

from .cache import FileCache, Stored
from .findings import Finding
from .model import Record
from .model.repository import Entry, FileCheck, Located, Partial, Repository
from .model.settings import Settings
from .reading import front_matter, parse_file, read_text
from .salvage import salvaged
from .sources import SourceFile, discover
from .validation import validate
from .yamlsource import Document

__all__ = [
    "Entry",
    "FileCheck",
    "Located",
    "Partial",
    "Progress",
    "Repository",
    "Scanned",
    "load_file",
    "load_repository",
    "load_scanned",
    "load_some",
    "scan",
]
"""The types are model.repository's, named here too for the callers that load."""

Progress = Callable[[int, int], None]
"""Told (files done, files in all) as loading goes on."""


Loaded = tuple[Entry[Record] | Partial | None, list[Finding]]
"""What loading one record file yields: the record (or what is left of it after schema
errors; None when it did not parse) and every finding."""


def _from_text(source: SourceFile, text: str, file_checks: Sequence[FileCheck]) -> Loaded:
    """Parse and validate one record file's text, and run the one-file checks on it."""
    parsed = parse_file(text, source.path, markdown=source.kind.extension == ".md")
    if parsed.document is None:
        return None, list(parsed.findings)
    record, problems = validate(parsed.document, source.kind.model, source.path)
    findings = [*parsed.findings, *problems]
    if record is None:
        data = parsed.document.data
        rest = salvaged(data, source.kind.model)
        record, removed = (None, frozenset[str]()) if rest is None else rest
        document = parsed.document.detached()
        partial = Partial(source.kind, source.id, source.path, document, data, record, removed)
        return partial, findings
    entry = Entry(source.id, source.path, record, parsed.document, parsed.body, parsed.body_line)
    for file_check in file_checks:
        findings += file_check(entry)
    # keep the text only: node trees of every record would cost more than they save
    return replace(entry, document=parsed.document.detached()), findings


def load_file(
    source: SourceFile, settings: Settings, file_checks: Sequence[FileCheck] = ()
) -> Loaded:
    """Read, parse and validate one record file, and run the one-file checks on it."""
    text, findings = read_text(source.abspath, source.path, settings.config.limits.max_file_bytes)
    if text is None:
        return None, findings
    return _from_text(source, text, file_checks)


@dataclass(frozen=True, slots=True)
class Scanned:
    """A record file found and read: its text (None when unreadable, then with findings
    saying why) and, with a cache, the key of that content."""

    source: SourceFile
    text: str | None
    findings: list[Finding]
    key: str | None


def scan(settings: Settings, cache: FileCache | None) -> tuple[list[Scanned], list[Finding]]:
    """Find and read every record file under ``settings.root``, keyed for ``cache``."""
    sources, findings = discover(settings.root)
    limit = settings.config.limits.max_file_bytes
    scanned = []
    for source in sources:
        text, problems = read_text(source.abspath, source.path, limit)
        key = (
            None
            if cache is None or text is None
            else cache.key(source.kind.name, source.path, text)
        )
        scanned.append(Scanned(source, text, problems, key))
    return scanned, findings


def _restore(
    source: SourceFile, text: str, stored: Stored
) -> tuple[Entry[Record] | None, list[Finding]] | None:
    """A file's entry and findings from what the cache kept; None if that does not fit."""
    findings = list(stored.findings)
    if stored.record is None:
        return None, findings
    front, offset, body, body_line = text, 0, None, 0
    if source.kind.extension == ".md":
        split = front_matter(text, source.path)
        if isinstance(split, Finding):
            return None
        (front, body, body_line), offset = split, 1
    try:
        record = source.kind.model.model_validate_json(stored.record)
    except ValidationError:  # a value that JSON cannot carry, such as .inf: load afresh
        return None
    return Entry(source.id, source.path, record, Document(front, offset), body, body_line), findings


def _load_cached(
    scanned: Scanned, file_checks: Sequence[FileCheck], cache: FileCache | None, restore: bool
) -> Loaded | tuple[bool, list[Finding]]:
    """Load one read record file, restored from the cache when its content was seen; with
    ``restore`` false, a file the cache holds a valid record of is only said to be valid
    (True) with its findings, and not restored."""
    source, text, key = scanned.source, scanned.text, scanned.key
    if text is None:
        return None, scanned.findings
    if cache is None or key is None:
        return _from_text(source, text, file_checks)
    stored = cache.get(key)
    if stored is not None and stored.record is None:
        # what is left of an invalid record is made again: such files are few
        return _from_text(source, text, file_checks)
    if stored is not None and not restore:
        return True, list(stored.findings)
    restored = None if stored is None else _restore(source, text, stored)
    if restored is not None:
        return restored
    entry, findings = _from_text(source, text, file_checks)
    if not isinstance(entry, Entry):
        cache.put(key, Stored(None, tuple(findings)))
        return entry, findings
    record = _as_json(entry.record)
    if record is not None:
        cache.put(key, Stored(record, tuple(findings)))
    return entry, findings


def _as_json(record: Record) -> str | None:
    """The record as JSON if JSON carries it exactly, else None (it is then not cached).

    JSON has no infinity (pydantic writes null), nor text with lone surrogates.
    """
    try:
        text = record.model_dump_json(exclude_unset=True)
    except ValueError:
        return None
    if "null" in text:
        try:
            if type(record).model_validate_json(text) != record:
                return None
        except ValidationError:
            return None
    return text


def load_scanned(
    scanned: Sequence[Scanned],
    file_checks: Sequence[FileCheck] = (),
    cache: FileCache | None = None,
    progress: Progress | None = None,
) -> tuple[Repository, list[Finding]]:
    """Parse and validate the files that ``scan`` read (restoring from ``cache`` those
    whose content was seen before), and write the cache back."""
    repository, findings, _ = load_some(scanned, file_checks, cache, progress)
    return repository, findings


def load_some(
    scanned: Sequence[Scanned],
    file_checks: Sequence[FileCheck] = (),
    cache: FileCache | None = None,
    progress: Progress | None = None,
    folders: Collection[str] | None = None,
    paths: Collection[str] = (),
) -> tuple[Repository, list[Finding], set[str]]:
    """``load_scanned``, restoring from ``cache`` only the records of the kinds in
    ``folders`` (None: all) and those at ``paths``, and the paths of every file that
    holds a valid record, restored or not: what is not restored is known valid from the
    cache."""
    repository = Repository()
    findings: list[Finding] = []
    valid: set[str] = set()
    for done, one in enumerate(scanned, 1):
        kind = one.source.kind
        repository.files.setdefault(kind.name, set()).add(one.source.id)
        restore = folders is None or kind.folder in folders or one.source.path in paths
        entry, problems = _load_cached(one, file_checks, cache, restore)
        findings.extend(problems)
        if isinstance(entry, Partial):
            repository.partial.append(entry)
        elif isinstance(entry, Entry):
            repository.table(kind)[one.source.id] = entry
            valid.add(one.source.path)
        elif entry:
            valid.add(one.source.path)
        if progress is not None:
            progress(done, len(scanned))
    if cache is not None:
        cache.save()
    return repository, findings, valid


def load_repository(
    settings: Settings, file_checks: Sequence[FileCheck] = (), progress: Progress | None = None
) -> tuple[Repository, list[Finding]]:
    """Load every record under ``settings.root``; return them with all findings.

    With ``settings.cache``, files whose content was seen before are restored from it.
    """
    cache = FileCache.open(settings, file_checks)
    scanned, findings = scan(settings, cache)
    repository, problems = load_scanned(scanned, file_checks, cache, progress)
    return repository, findings + problems
