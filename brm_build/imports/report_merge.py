"""Results merged into a report's text (imports.md): ruamel.yaml's round trip keeps what a
person wrote (comments, order of periods and fields, quoting, layout); a new period goes
where its order puts it. A period that already holds another value is a conflict, left
as it is, unless replacing was asked for. The project's own reader checks the result."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString
from ruamel.yaml.util import load_yaml_guess_indent

from ..analytics.periods import period_key
from .readings import Note, Result
from .tables import SourceError

Item = Result | Note


@dataclass(frozen=True)
class Conflict:
    """A value the report holds that the source says otherwise: left as it is."""

    item: Item
    held: str

    @property
    def what(self) -> str:
        """The service level, or the notes, the conflict is about."""
        return self.item.service_level if isinstance(self.item, Result) else "notes"


@dataclass
class Merged:
    """A report's new text (None: unchanged) and what changed in it."""

    text: str | None = None
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    conflicts: list[Conflict] = field(default_factory=list)
    positions: list[int] = field(default_factory=list)
    """For each item merged, the index of its period in the new ``measurements``."""


def _yaml(text: str | None) -> YAML:
    """A round-trip YAML that writes lists as the file does (records: two spaces, items
    indented), and never folds a long line a person kept on one."""
    sequence, offset = 4, 2
    if text is not None:
        _, guessed, dash = load_yaml_guess_indent(text)
        sequence, offset = guessed or sequence, dash if dash is not None else offset
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=sequence, offset=offset)
    yaml.width = 4096
    return yaml


def _unreadable(path: str) -> SourceError:
    return SourceError(f"{path} cannot be read as a report: run 'brm check' and correct it")


def _root(yaml: YAML, text: str | None, agreement: str, path: str) -> CommentedMap:
    if text is None:
        return CommentedMap([("agreement", agreement), ("measurements", CommentedSeq())])
    try:
        root = yaml.load(text)
    except (YAMLError, RecursionError):
        raise _unreadable(path) from None
    if not isinstance(root, CommentedMap):
        raise _unreadable(path)
    listed = root.setdefault("measurements", CommentedSeq())
    if not isinstance(listed, CommentedSeq) or not all(isinstance(m, CommentedMap) for m in listed):
        raise _unreadable(path)
    if not listed:
        listed.fa.set_block_style()  # "measurements: []" gets its first item on a line
    return root


def _measurement(listed: CommentedSeq, period: str) -> CommentedMap:
    """The period's measurement, added where the order of periods puts it."""
    for measurement in listed:
        if str(measurement.get("period")) == period:
            found: CommentedMap = measurement
            return found
    style = type(listed[0]["period"]) if listed and "period" in listed[0] else None
    quoted = style(period) if isinstance(style, type) and issubclass(style, str) else None
    new = CommentedMap([("period", quoted or DoubleQuotedScalarString(period))])
    new["results"] = CommentedMap()
    at = len(listed)
    for i, measurement in enumerate(listed):
        try:
            later = period_key(str(measurement.get("period"))) > period_key(period)
        except ValueError:
            later = False
        if later:
            at = i
            break
    listed.insert(at, new)
    return new


def _text(value: str) -> str:
    return LiteralScalarString(value) if "\n" in value else DoubleQuotedScalarString(value)


def _set(merged: Merged, holder: CommentedMap, key: str, item: Item, replace: bool) -> None:
    new = item.value if isinstance(item, Result) else item.text
    if key not in holder:
        holder[key] = new if isinstance(new, float) else _text(new)
        merged.added += 1
        return
    held = holder[key]
    same = isinstance(held, int | float) and not isinstance(held, bool) and float(held) == new
    if same or (isinstance(new, str) and str(held) == new):
        merged.unchanged += 1
    elif replace:
        holder[key] = new if isinstance(new, float) else _text(new)
        merged.replaced += 1
    else:
        merged.conflicts.append(Conflict(item, str(held)))


def merge_report(
    text: str | None, path: str, agreement: str, items: Sequence[Item], replace: bool
) -> Merged:
    """``text`` of a report (None: a new report) with ``items`` merged into it."""
    crlf = text is not None and "\r\n" in text
    body = text.removeprefix("\ufeff").replace("\r\n", "\n") if text is not None else None
    yaml = _yaml(body)
    root = _root(yaml, body, agreement, path)
    listed: CommentedSeq = root["measurements"]
    merged = Merged()
    for item in items:
        measurement = _measurement(listed, item.period)
        if isinstance(item, Result):
            results = measurement.setdefault("results", CommentedMap())
            if not isinstance(results, CommentedMap):
                raise _unreadable(path)
            _set(merged, results, item.service_level, item, replace)
        else:
            _set(merged, measurement, "notes", item, replace)
    order = {str(m.get("period")): i for i, m in enumerate(listed)}
    merged.positions = [order[item.period] for item in items]
    if merged.added or merged.replaced or text is None:
        out = io.StringIO()
        yaml.dump(root, out)
        new = out.getvalue()
        if crlf:  # read with plain line ends, so that no comment keeps a carriage return
            new = new.replace("\n", "\r\n")
        merged.text = ("\ufeff" if text is not None and text.startswith("\ufeff") else "") + new
    return merged
