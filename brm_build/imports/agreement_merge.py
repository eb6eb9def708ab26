"""Service levels merged into an agreement's text: ruamel.yaml's round trip keeps what a
person wrote (comments, order, quoting, every other field and service level); a new
service level is added at the end of ``service_levels``, one that exists is updated in
its metric, target and period. The project's own reader then checks the result."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.util import load_yaml_guess_indent

from .openslo import SloLevel

BEFORE_LEVELS = (
    "title",
    "customer",
    "services",
    "status",
    "valid_from",
    "valid_until",
    "review_by",
    "signed",
)
"""The fields an agreement writes before ``service_levels`` (the schema's order)."""
UNIT, DIRECTION = "percent", "at_least"


@dataclass(frozen=True)
class LevelChange:
    """What the import does to one service level: its index in ``service_levels`` and
    each field it changes (field, before, after); no fields for an added one."""

    level: SloLevel
    index: int
    added: bool
    fields: tuple[tuple[str, object, object], ...] = ()


@dataclass
class MergedAgreement:
    """An agreement's new text (None: unchanged), what changed, and the service levels
    that cannot be updated (the level and why)."""

    text: str | None = None
    changes: list[LevelChange] = field(default_factory=list)
    conflicts: list[tuple[SloLevel, str]] = field(default_factory=list)


class AgreementUnreadable(Exception):
    """The agreement cannot be read to merge into: the check tells why."""


def _yaml(text: str) -> YAML:
    """A round-trip YAML that writes lists as the file does and never folds a long line."""
    sequence, offset = 4, 2
    try:
        _, guessed, dash = load_yaml_guess_indent(text)
    except (YAMLError, RecursionError):
        raise AgreementUnreadable from None
    sequence, offset = guessed or sequence, dash if dash is not None else offset
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=max(sequence, offset + 2), offset=offset)
    yaml.width = 4096
    return yaml


def _levels(root: CommentedMap) -> CommentedSeq:
    """The agreement's ``service_levels`` list, added in the schema's place when missing."""
    levels = root.get("service_levels")
    if levels is None:
        levels = CommentedSeq()
        place = max((i + 1 for i, k in enumerate(root) if k in BEFORE_LEVELS), default=len(root))
        root.insert(place, "service_levels", levels)
    if not isinstance(levels, CommentedSeq):
        raise AgreementUnreadable
    if not levels:
        levels.fa.set_block_style()  # an empty ``[]`` becomes a list of one item per line
    return levels


def _new(level: SloLevel) -> CommentedMap:
    values = {"id": level.id, "metric": level.metric, "target": level.target}
    return CommentedMap({**values, "unit": UNIT, "direction": DIRECTION, "period": level.period})


def _update(item: CommentedMap, level: SloLevel) -> tuple[tuple[str, object, object], ...] | str:
    """Set the fields that differ; or why the service level cannot take this SLO."""
    if item.get("unit") != UNIT or item.get("direction") != DIRECTION:
        return (
            f"'{level.id}' is measured in {item.get('unit')} ({item.get('direction')}) in the "
            f"agreement, an OpenSLO target in {UNIT} ({DIRECTION}): name the SLO otherwise "
            "to add it as a service level of its own"
        )
    changed = []
    for name, value in (("metric", level.metric), ("target", level.target)):
        if item.get(name) != value:
            changed.append((name, item.get(name), value))
            item[name] = value
    if item.get("period", "month") != level.period:
        changed.append(("period", item.get("period", "month"), level.period))
        item["period"] = level.period
    return tuple(changed)


def merge_levels(text: str, levels: Sequence[SloLevel]) -> MergedAgreement:
    """``text`` of an agreement with ``levels`` added or updated; AgreementUnreadable when
    the agreement is no mapping with a list of service levels."""
    yaml = _yaml(text)
    try:
        root = yaml.load(text)
    except (YAMLError, RecursionError):
        raise AgreementUnreadable from None
    if not isinstance(root, CommentedMap):
        raise AgreementUnreadable
    items = _levels(root)
    where = {item.get("id"): i for i, item in enumerate(items) if isinstance(item, CommentedMap)}
    out = MergedAgreement()
    for level in levels:
        index = where.get(level.id)
        if index is None:
            where[level.id] = len(items)
            items.append(_new(level))
            out.changes.append(LevelChange(level, len(items) - 1, True))
            continue
        changed = _update(items[index], level)
        if isinstance(changed, str):
            out.conflicts.append((level, changed))
        elif changed:
            out.changes.append(LevelChange(level, index, False, changed))
    if out.changes and not out.conflicts:
        stream = io.StringIO()
        yaml.dump(root, stream)
        newline = "\r\n" if "\r\n" in text else "\n"
        out.text = stream.getvalue().replace("\n", newline)
    return out
