"""Records restored without reading their files, and where their fields stand, kept by each
file's key.

A command that needs a record's text only for the line of a field (``brm attention``) has
the records of the files unchanged since the last run restored from the check cache
without reading them (``repository.load_some``): each document reads its file when a
position is first asked for. The positions found are kept in the cache by the key of the
file's content, so that the next run over the same text reads nothing. A key names one
text exactly (and brm's own code), so a kept position is never stale: an edit misses.
"""

from __future__ import annotations

import json

from .cache import FileCache
from .findings import Finding
from .model.settings import Settings
from .reading import front_matter, read_text
from .sources import SourceFile
from .yamlsource import Document, Loc

POSITIONS_FILE = "positions.txt"

At = tuple[tuple[str | int, ...], bool]
"""A field's path and whether the position is its key's."""
Known = dict[At, tuple[int, int]]
"""The positions kept of one file: (line, column) by field."""


class Positions:
    """The positions kept of every file, read from the cache on first use and written
    back, with only the files of this run, when this run found new ones (``save``)."""

    def __init__(self, cache: FileCache, settings: Settings) -> None:
        self.cache = cache
        self.settings = settings
        self._header = cache.run_key([], b"positions 1")
        self._kept: dict[str, Known] | None = None
        self._handed: dict[str, Known] = {}
        self._handed_count = 0

    def _read(self) -> dict[str, Known]:
        if self._kept is None:
            self._kept = {}
            head, _, body = (self.cache.get_text(POSITIONS_FILE) or "").partition("\n")
            if head == self._header and body:  # signed by this key: the lines are as written
                for line in body.split("\n"):
                    key, _, row = line.partition("\t")
                    loc, on_key, at_line, column = json.loads(row)
                    self._kept.setdefault(key, {})[(tuple(loc), on_key)] = (at_line, column)
        return self._kept

    def of(self, key: str) -> Known:
        """The positions kept of the file with ``key``, to which its document adds."""
        known = self._handed.get(key)
        if known is None:
            known = self._handed[key] = self._read().get(key, {})
            self._handed_count += len(known)
        return known

    def save(self) -> None:
        """Keep the positions of this run's files, if it found any not kept yet."""
        if sum(len(known) for known in self._handed.values()) == self._handed_count:
            return
        rows = [self._header]
        for key, known in self._handed.items():
            for (loc, on_key), (at_line, column) in known.items():
                rows.append(f"{key}\t{json.dumps([list(loc), on_key, at_line, column])}")
        self.cache.put_text(POSITIONS_FILE, "\n".join(rows))


class UnreadDocument(Document):
    """The document of a record restored without reading its file: the file is read when a
    position is first asked for, as the mapping of the record the cache kept (a meeting's
    front matter), and what is found is kept (``Positions``). A file that no longer holds
    that text, changed or gone since the scan, reads as ``{}``: positions on the record's
    first line, kept nowhere."""

    __slots__ = ("_fresh", "_key", "_known", "_positions", "_source")

    def __init__(self, source: SourceFile, key: str, positions: Positions) -> None:
        super().__init__(self._read_mapping, 1 if source.kind.extension == ".md" else 0)
        self._source = source
        self._key = key
        self._positions = positions
        self._known: Known | None = None
        self._fresh = False

    def _read_mapping(self) -> str:
        source, cache = self._source, self._positions.cache
        limit = self._positions.settings.config.limits.max_file_bytes
        text = read_text(source.abspath, source.path, limit)[0]
        if text is None or cache.key(source.kind.name, source.path, text) != self._key:
            return "{}"
        split = front_matter(text, source.path) if source.kind.extension == ".md" else None
        if isinstance(split, Finding):
            return "{}"
        self._fresh = True
        return text if split is None else split[0]

    def position(self, loc: Loc, key: bool = False) -> tuple[int, int]:
        """``Document.position``, kept by the file's key."""
        if self._known is None:
            self._known = self._positions.of(self._key)
        at = (tuple(loc), key)
        found = self._known.get(at)
        if found is None:
            found = super().position(loc, key)
            if self._fresh:
                self._known[at] = found
        return found
