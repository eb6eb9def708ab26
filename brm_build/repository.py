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
from .positions import Positions, UnreadDocument
from .reading import front_matter, parse_file, read_text
from .salvage import salvaged
from .sources import SourceFile, discover
from .unchanged import Statuses, status
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
    "read_needed",
    "restored",
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
    saying why, or when ``unread``) and, with a cache, the key of that content."""

    source: SourceFile
    text: str | None
    findings: list[Finding]
    key: str | None
    unread: bool = False
    """Known unchanged by its status (see ``unchanged``): its key is the one kept, and its
    text is read only when a record must be made of it (``read_needed``)."""
    front: str | None = None
    """With a cache, the key of a meeting's front matter without its notes, when it has
    them apart (None: the file is all ``key``)."""

    @property
    def fields_key(self) -> str | None:
        """The key of what the cross-record checks read of the file: a meeting's front
        matter, and all of any other record (none of them reads a meeting's notes)."""
        return self.front if self.front is not None else self.key


def front_key(cache: FileCache, source: SourceFile, text: str) -> str | None:
    """The key of a meeting's front matter, the lines before its notes (None for a file of
    another kind, or one whose front matter is not closed: its key is then all of it)."""
    if source.kind.extension != ".md":
        return None
    split = front_matter(text, source.path)
    if isinstance(split, Finding):
        return None
    front, _, _ = split
    # the opening line and the fields: they make the record, its positions and where the
    # notes start; the closing line's form and the notes after it change none of these
    return cache.key(f"{source.kind.name}:front", source.path, front)


def _read(source: SourceFile, settings: Settings, cache: FileCache | None) -> Scanned:
    text, problems = read_text(source.abspath, source.path, settings.config.limits.max_file_bytes)
    if cache is None or text is None:
        return Scanned(source, text, problems, None)
    key = cache.key(source.kind.name, source.path, text)
    return Scanned(source, text, problems, key, front=front_key(cache, source, text))


def scan(settings: Settings, cache: FileCache | None) -> tuple[list[Scanned], list[Finding]]:
    """Find every record file under ``settings.root`` and read those whose status does
    not tell that they are as the last run read them, keyed for ``cache``."""
    sources, findings = discover(settings.root)
    statuses = None
    if cache is not None and settings.cache is not None:
        statuses = Statuses(cache, settings.cache.settle_seconds)
    scanned = []
    for source in sources:
        if statuses is None:
            scanned.append(_read(source, settings, cache))
            continue
        before = status(source.abspath)
        keys = statuses.keys(source.path, before)
        if keys is not None:
            scanned.append(Scanned(source, None, [], keys[0], unread=True, front=keys[1]))
            continue
        one = _read(source, settings, cache)
        if one.key is not None and not one.findings:
            statuses.note(source.path, before, one.key, one.front)
        scanned.append(one)
    if statuses is not None:
        statuses.save()
    return scanned, findings


def _unread(one: Scanned, settings: Settings) -> Scanned:
    """``one`` with its text read: its key stays the one its status told, as unchanged
    (reading it again is what the status spares; a file unreadable now has none)."""
    limit = settings.config.limits.max_file_bytes
    text, problems = read_text(one.source.abspath, one.source.path, limit)
    if text is None:
        return Scanned(one.source, text, problems, None)
    return replace(one, text=text, findings=problems, unread=False)


def read_needed(
    scanned: Sequence[Scanned],
    settings: Settings,
    cache: FileCache | None,
    restore: Callable[[Scanned], bool] | None = None,
) -> list[Scanned]:
    """The files with the text read of every unread one that a record must be made of:
    those to ``restore`` (None: all), and those the cache holds no valid record of."""
    return [
        _unread(one, settings)
        if one.unread
        and (
            restore is None
            or restore(one)
            or cache is None
            or one.key is None
            or not cache.valid(one.key)
        )
        else one
        for one in scanned
    ]


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
    record = _stored_record(source, stored.record)
    if record is None:
        return None
    return Entry(source.id, source.path, record, Document(front, offset), body, body_line), findings


def _stored_record(source: SourceFile, stored: str) -> Record | None:
    """The record the cache kept as JSON; None when it does not validate (a value that
    JSON cannot carry, such as .inf: the file is then loaded afresh)."""
    try:
        return source.kind.model.model_validate_json(stored)
    except ValidationError:
        return None


def _restore_unread(one: Scanned, stored: Stored, later: Positions) -> Loaded | None:
    """A file left unread restored from what the cache kept, its document reading the
    file when first asked for a position (``UnreadDocument``; a meeting comes without its
    notes); None when the stored record does not fit."""
    if stored.record is None or one.key is None:
        return None
    record = _stored_record(one.source, stored.record)
    if record is None:
        return None
    document = UnreadDocument(one.source, one.key, later)
    return Entry(one.source.id, one.source.path, record, document), list(stored.findings)


def _load_cached(
    scanned: Scanned,
    file_checks: Sequence[FileCheck],
    cache: FileCache | None,
    restore: bool,
    read_later: Positions | None = None,
) -> Loaded | tuple[bool, list[Finding]]:
    """Load one read record file, restored from the cache when its content was seen; with
    ``restore`` false, a file the cache holds a valid record of is only said to be valid
    (True) with its findings, and not restored. With ``read_later``, a file left unread
    is restored without reading it (``_restore_unread``)."""
    source, text, key = scanned.source, scanned.text, scanned.key
    stored = None if cache is None or key is None else cache.get(key)
    if stored is not None and stored.record is not None and not restore:
        return True, list(stored.findings)
    if scanned.unread:
        if read_later is None or stored is None:
            raise ValueError(f"{source.path} was not read: read_needed reads what is restored")
        unread = _restore_unread(scanned, stored, read_later)
        if unread is not None:
            return unread
        scanned = _unread(scanned, read_later.settings)
        source, text, key = scanned.source, scanned.text, scanned.key
    if text is None:
        return None, scanned.findings
    if cache is None or key is None:
        return _from_text(source, text, file_checks)
    if stored is not None and stored.record is None:
        # what is left of an invalid record is made again: such files are few
        return _from_text(source, text, file_checks)
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


def restored(one: Scanned, folders: Collection[str], paths: Collection[str]) -> bool:
    """Whether ``one`` is restored when the kinds in ``folders`` and the files at
    ``paths`` are."""
    return one.source.kind.folder in folders or one.source.path in paths


def load_some(
    scanned: Sequence[Scanned],
    file_checks: Sequence[FileCheck] = (),
    cache: FileCache | None = None,
    progress: Progress | None = None,
    folders: Collection[str] | None = None,
    paths: Collection[str] = (),
    read_later: Positions | None = None,
) -> tuple[Repository, list[Finding], set[str]]:
    """``load_scanned``, restoring from ``cache`` only the records of the kinds in
    ``folders`` (None: all) and those at ``paths``, and the paths of every file that
    holds a valid record, restored or not: what is not restored is known valid from the
    cache. With ``read_later``, the files left unread that the cache holds a valid record
    of are restored without their text, read only when a position is asked for that
    ``read_later`` does not keep, and meetings without their notes."""
    repository = Repository()
    findings: list[Finding] = []
    valid: set[str] = set()
    for done, one in enumerate(scanned, 1):
        kind = one.source.kind
        repository.files.setdefault(kind.name, set()).add(one.source.id)
        restore = folders is None or restored(one, folders, paths)
        entry, problems = _load_cached(one, file_checks, cache, restore, read_later)
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
    scanned = read_needed(scanned, settings, cache)
    repository, problems = load_scanned(scanned, file_checks, cache, progress)
    return repository, findings + problems
