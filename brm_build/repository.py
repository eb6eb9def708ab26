"""Load a whole records repository: discover, read, parse and validate every file."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

from .findings import Finding
from .model import (
    Agreement,
    Customer,
    Feedback,
    Kind,
    Meeting,
    Project,
    Record,
    Report,
    Service,
    Survey,
)
from .reading import parse_file, read_text
from .settings import Settings
from .sources import SourceFile, discover
from .validation import validate
from .yamlsource import Document

M = TypeVar("M", bound=Record, covariant=True)


@dataclass(frozen=True, slots=True)
class Entry(Generic[M]):
    """A valid record: its id, file, model and the parsed document for positions."""

    id: str
    path: str
    record: M
    document: Document
    body: str | None = None
    """A meeting's Markdown notes."""
    body_line: int = 0


@dataclass
class Repository:
    """Every valid record by kind, and the ids of every record file found."""

    customers: dict[str, Entry[Customer]] = field(default_factory=dict)
    services: dict[str, Entry[Service]] = field(default_factory=dict)
    agreements: dict[str, Entry[Agreement]] = field(default_factory=dict)
    meetings: dict[str, Entry[Meeting]] = field(default_factory=dict)
    surveys: dict[str, Entry[Survey]] = field(default_factory=dict)
    reports: dict[str, Entry[Report]] = field(default_factory=dict)
    projects: dict[str, Entry[Project]] = field(default_factory=dict)
    feedback: dict[str, Entry[Feedback]] = field(default_factory=dict)
    files: dict[str, set[str]] = field(default_factory=dict)
    """Ids of every file found by kind name, valid or not, so that references to a
    record with errors do not cascade into "unknown reference" findings."""

    def table(self, kind: Kind) -> dict[str, Entry[Record]]:
        """The records of one kind, by id."""
        table: dict[str, Entry[Record]] = getattr(self, kind.folder)
        return table


def load_file(source: SourceFile, settings: Settings) -> tuple[Entry[Record] | None, list[Finding]]:
    """Read, parse and validate one record file."""
    text, findings = read_text(source.abspath, source.path, settings.config.limits.max_file_bytes)
    if text is None:
        return None, findings
    parsed = parse_file(text, source.path, markdown=source.kind.extension == ".md")
    if parsed.document is None:
        return None, list(parsed.findings)
    record, problems = validate(parsed.document, source.kind.model, source.path)
    findings = [*parsed.findings, *problems]
    if record is None:
        return None, findings
    return Entry(
        source.id, source.path, record, parsed.document, parsed.body, parsed.body_line
    ), findings


def load_repository(settings: Settings) -> tuple[Repository, list[Finding]]:
    """Load every record under ``settings.root``; return them with all findings."""
    sources, findings = discover(settings.root)
    repository = Repository()
    for source in sources:
        repository.files.setdefault(source.kind.name, set()).add(source.id)
        entry, problems = load_file(source, settings)
        findings.extend(problems)
        if entry is not None:
            repository.table(source.kind)[source.id] = entry
    return repository, findings
