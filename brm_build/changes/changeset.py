"""What ``brm diff`` found: the records added, removed, renamed and changed, as data."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Change(StrEnum):
    """What happened to a field or to a record."""

    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"
    RENAMED = "renamed"


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One changed field of a record, its values already rendered as short text.

    ``old`` and ``new`` are None when a value is not shown (restricted, or long text);
    ``note`` then says what changed instead.
    """

    path: str
    change: Change
    old: str | None = None
    new: str | None = None
    unit: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class RecordChange:
    """One record that differs between the two revisions."""

    change: Change
    kind: str
    id: str
    path: str
    label: str
    """The record's name or title, for people."""
    old_id: str = ""
    old_path: str = ""
    similarity: int = 100
    """For a renamed record: how much of it stayed the same, in percent."""
    fields: tuple[FieldChange, ...] = ()
    review: tuple[str, ...] = ()
    """Why this change deserves careful review; restricted values are never named."""
    facts: str = ""
    """A line of context: for a meeting its date, type and customers."""
    responses_added: int = 0
    responses: int = 0
    """For a survey: responses added by this change, and how many it has now."""


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A record file that does not load at one revision, and the first reason why."""

    path: str
    revision: str
    reason: str


@dataclass(frozen=True, slots=True)
class OtherFile:
    """A changed file under records/ that is not a record where it is."""

    path: str
    change: Change
    reason: str


@dataclass(frozen=True)
class ChangeSet:
    """Everything that differs between two revisions of the records, in reporting order."""

    base: str
    head: str
    records: tuple[RecordChange, ...] = ()
    unreadable: tuple[Unreadable, ...] = ()
    others: tuple[OtherFile, ...] = ()

    def of(self, change: Change) -> list[RecordChange]:
        """The records with this kind of change."""
        return [r for r in self.records if r.change is change]

    @property
    def review(self) -> list[tuple[RecordChange, str]]:
        """Every change that deserves careful review, with its record."""
        return [(r, reason) for r in self.records for reason in r.review]

    @property
    def empty(self) -> bool:
        """Whether nothing under records/ differs."""
        return not (self.records or self.unreadable or self.others)
