"""The loaded records as types: a valid record (Entry), a record file that failed its
schema (Partial) and every record of a repository by kind (Repository). Loading them is
``brm_build.repository``'s work; whatever reads records needs only these types."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from ..findings import Finding
from .common import Record
from .kinds import Agreement, Customer, Feedback, Meeting, Project, Report, Service, Survey
from .registry import KINDS, Kind
from .tables import Table, empty_tables

if TYPE_CHECKING:
    from ..yamlsource import Document, Value

M = TypeVar("M", bound=Record, covariant=True)


class Located(Protocol):
    """A record file that findings point into: its path and its parsed document."""

    @property
    def path(self) -> str: ...

    @property
    def document(self) -> Document: ...


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


R = TypeVar("R", bound=Record)


def records(table: Mapping[str, Entry[R]]) -> dict[str, R]:
    """The models of a repository table, by id."""
    return {key: entry.record for key, entry in sorted(table.items())}


@dataclass(frozen=True, slots=True)
class Partial:
    """A record file that failed its schema: its values as read, and the record they make
    without the values that failed, when that is a valid record (see salvage), with the
    fields left out whole (they are not missing: their values failed)."""

    kind: Kind
    id: str
    path: str
    document: Document
    data: dict[str, Value]
    record: Record | None
    removed: frozenset[str] = frozenset()


@dataclass
class Repository:
    """Every valid record by kind, and the ids of every record file found."""

    tables: dict[str, dict[str, Any]] = field(default_factory=empty_tables)
    """Every kind's valid records by id, by the kind's folder (see ``table``)."""
    files: dict[str, set[str]] = field(default_factory=dict)
    """Ids of every file found by kind name, valid or not, so that references to a
    record with errors do not cascade into "unknown reference" findings."""
    partial: list[Partial] = field(default_factory=list)
    """Every record file that parsed but failed its schema."""

    customers = Table[Entry[Customer]]()
    services = Table[Entry[Service]]()
    agreements = Table[Entry[Agreement]]()
    meetings = Table[Entry[Meeting]]()
    surveys = Table[Entry[Survey]]()
    reports = Table[Entry[Report]]()
    projects = Table[Entry[Project]]()
    feedback = Table[Entry[Feedback]]()

    def table(self, kind: Kind) -> dict[str, Entry[Record]]:
        """The records of one kind, by id."""
        table: dict[str, Entry[Record]] = self.tables[kind.folder]
        return table

    def with_salvaged(self) -> Repository:
        """These records and the valid part of every record with schema errors, for the
        cross-record checks: they then report in one run what the schema errors hid.
        Meetings come without their notes: no cross-record check reads them, and the cache
        keeps their findings by the front matter alone (``Scanned.fields_key``)."""
        view = Repository(files=self.files, partial=self.partial)
        for kind in KINDS:
            table = self.table(kind)
            if kind.extension == ".md":
                table = {rid: replace(e, body=None, body_line=0) for rid, e in table.items()}
            view.table(kind).update(table)
        for one in self.partial:
            if one.record is not None:
                entry = Entry(one.id, one.path, one.record, one.document)
                view.table(one.kind)[one.id] = entry
        return view

    def view(self, folders: Collection[str]) -> Repository:
        """These records of the kinds in ``folders`` only (with the ids of every file): a
        check handed a view cannot read what it did not say it reads."""
        return Repository(
            {folder: table for folder, table in self.tables.items() if folder in folders},
            self.files,
            [one for one in self.partial if one.kind.folder in folders],
        )


FileCheck = Callable[[Entry[Record]], list[Finding]]
"""A check that looks at one record only: it runs as the file loads, with the values and
node tree at hand, and its findings are cached with the file's."""
