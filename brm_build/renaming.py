"""``brm rename KIND OLD NEW``: a record's new file and id, and every reference to it
changed, worked out without writing anything.

Which fields refer to which kind comes from ``model/references.py``. The files are read
with ruamel.yaml's round-trip loader, which knows where each value stands; only the
characters of the id are replaced there, so that comments, quotes, flow lists, blank
lines and a meeting's notes stay exactly as they were written.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from .model import KIND_BY_NAME, Kind
from .model.ids import dated_year, is_id
from .model.references import NAMED_AFTER, Loc, Reference, walk
from .model.references import REFERENCES as ALL_REFERENCES
from .model.settings import Settings
from .reading import front_matter, read_text
from .scaffold.drafts import record_path
from .sources import SourceFile, discover

RENAMEABLE: tuple[str, ...] = tuple(name for name in KIND_BY_NAME if name not in NAMED_AFTER)
"""The kinds brm rename takes: a report is renamed with its agreement."""


class RenameError(Exception):
    """Why a rename cannot be made as asked (nothing has been written)."""


@dataclass(frozen=True, slots=True)
class FileEdit:
    """One file's text after the rename, and where it moves from when it moves."""

    source: SourceFile
    text: str
    moved_from: str | None = None
    references: int = 0


@dataclass(frozen=True)
class Renaming:
    """Every file that a rename writes, and the paths it removes."""

    kind: Kind
    old: str
    new: str
    edits: list[FileEdit] = field(default_factory=list)

    @property
    def removed(self) -> list[str]:
        """The paths of the files that move."""
        return [e.moved_from for e in self.edits if e.moved_from is not None]

    @property
    def references(self) -> int:
        """How many references to the record were changed."""
        return sum(e.references for e in self.edits)


def _valid_new(kind: Kind, new: str) -> None:
    if kind.dated and dated_year(new) is None:
        raise RenameError(
            f"'{new}' is not a {kind.name} id: write <yyyy-mm-dd>-<slug>, the slug in "
            "lower-case letters, digits and single hyphens"
        )
    if not is_id(new):
        raise RenameError(
            f"'{new}' is not a valid id: use lower-case letters, digits and single hyphens, "
            "64 characters at most"
        )


def _splice(text: str, line: int, column: int, old: str, new: str) -> str | None:
    """``text`` with the id ``old`` at ``line``/``column`` (0-based) replaced by ``new``,
    keeping its quotes; None when the id is not written there as plain or quoted text."""
    lines = text.split("\n")
    here = lines[line]
    start = column + 1 if here[column : column + 1] in ("'", '"') else column
    end = start + len(old)
    if here[start:end] != old or (start == column and here[end : end + 1].isalnum()):
        return None
    if start > column and here[end : end + 1] != here[column]:
        return None
    lines[line] = here[:start] + new + here[end:]
    return "\n".join(lines)


def _position(data: object, loc: Loc, key: bool) -> tuple[int, int]:
    """Where the value (with ``key``, the mapping key) at ``loc`` stands in the loaded YAML
    (0-based line and column)."""
    container: object = data
    for part in loc[:-1]:
        container = container[part]  # type: ignore[index]
    lc = container.lc  # type: ignore[attr-defined]
    if not isinstance(container, Mapping):
        line, column = lc.item(loc[-1])
    else:
        line, column = lc.key(loc[-1]) if key else lc.value(loc[-1])
    return int(line), int(column)


def _renamed(
    yaml_text: str, refs: Sequence[Reference], old: str, new: str, path: str
) -> tuple[str, int]:
    """``yaml_text`` with every reference in ``refs`` to ``old`` naming ``new``."""
    if not refs:
        return yaml_text, 0
    try:
        data = YAML(typ="rt").load(yaml_text)
    except (YAMLError, RecursionError):
        if old not in yaml_text:
            return yaml_text, 0
        message = f"{path} cannot be read as YAML: run 'brm check' and correct it first"
        raise RenameError(message) from None
    spots = [
        (loc, ref.in_keys) for ref in refs for loc, value in walk(data, ref.path) if value == old
    ]
    # From the end: a replacement never moves a spot still to be replaced.
    for line, column in sorted((_position(data, *spot) for spot in spots), reverse=True):
        spliced = _splice(yaml_text, line, column, old, new)
        if spliced is None:
            raise RenameError(
                f"{path}:{line + 1}: the id '{old}' is not written as plain or quoted text "
                "there; write it so and run again"
            )
        yaml_text = spliced
    return yaml_text, len(spots)


def _edit_text(source: SourceFile, text: str, kind: Kind, old: str, new: str) -> tuple[str, int]:
    """The text of ``source`` with its references to ``kind`` ``old`` naming ``new``."""
    refs = [r for r in ALL_REFERENCES if r.kind == source.kind.name and r.target == kind.name]
    if source.kind.extension != ".md":
        return _renamed(text, refs, old, new, source.path)
    split = front_matter(text, source.path)
    if not isinstance(split, tuple):
        if refs and old in text:
            raise RenameError(f"{source.path}: {split.message}; correct it first")
        return text, 0
    front = split[0]
    start = text.index("\n") + 1  # the front matter follows the opening '---' line
    renamed, count = _renamed(front, refs, old, new, source.path)
    return text[:start] + renamed + text[start + len(front) :], count


def _moved(source: SourceFile, kind: Kind, rid: str, root: str) -> SourceFile:
    path = record_path(kind, rid)
    return SourceFile(kind, rid, path, os.path.join(root, *path.split("/")))


def plan_rename(settings: Settings, kind_name: str, old: str, new: str) -> Renaming:
    """The files that renaming the ``kind_name`` record ``old`` to ``new`` writes."""
    kind = KIND_BY_NAME[kind_name]
    _valid_new(kind, new)
    sources, _ = discover(settings.root)
    ids = {s.id for s in sources if s.kind is kind}
    if old not in ids:
        raise RenameError(f"there is no {kind.name} '{old}' (no {record_path(kind, old)})")
    if new in ids:
        raise RenameError(f"a {kind.name} '{new}' exists already: brm rename never overwrites")
    followers = {KIND_BY_NAME[k] for k, leader in NAMED_AFTER.items() if leader == kind.name}
    renaming = Renaming(kind, old, new)
    limit = settings.config.limits.max_file_bytes
    for source in sources:
        text, problems = read_text(source.abspath, source.path, limit)
        if text is None:
            raise RenameError(f"{source.path} cannot be read: {problems[0].message}")
        edited, count = _edit_text(source, text, kind, old, new)
        moves = source.id == old and (source.kind is kind or source.kind in followers)
        if moves:
            target = _moved(source, source.kind, new, settings.root)
            renaming.edits.append(FileEdit(target, edited, source.path, count))
        elif count:
            renaming.edits.append(FileEdit(source, edited, None, count))
    return renaming
