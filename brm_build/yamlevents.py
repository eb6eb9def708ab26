"""Where a node starts, read from libyaml's events up to it, without composing the tree.

``brm attention`` asks for one or two positions in each of a thousand files: composing each
file's whole node tree for that cost most of its time. The events carry the same marks as
the nodes composed from them, and the walk stops at the node asked for. Whatever this walk
cannot answer exactly as the node tree would (an alias, a path that leads nowhere) it leaves
to the tree: None.
"""

from __future__ import annotations

from collections.abc import Sequence

import yaml

try:
    from yaml._yaml import CParser
except ImportError:  # pragma: no cover - libyaml is a dependency; the tree answers then
    CParser = None  # type: ignore[misc, assignment]

SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""PyYAML's safe loader, libyaml's where PyYAML has it: a survey of 20,000 responses
takes seconds to read with the pure-Python one."""

_OPEN = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_CLOSE = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


class _Unsure(Exception):
    """The walk met something only the node tree answers exactly."""


class _Walk:
    """The events of one document, read one at a time."""

    def __init__(self, parser: CParser) -> None:
        self._parser = parser

    def next(self) -> yaml.Event:
        event = self._parser.get_event()
        if event is None:
            raise _Unsure
        if isinstance(event, yaml.AliasEvent):
            raise _Unsure  # the tree puts the anchored node here, with its own mark
        return event

    def skip(self, event: yaml.Event) -> None:
        """Read past the rest of the node that ``event`` starts."""
        depth = 1 if isinstance(event, _OPEN) else 0
        while depth:
            event = self.next()
            if isinstance(event, _OPEN):
                depth += 1
            elif isinstance(event, _CLOSE):
                depth -= 1

    def field(self, name: str, key: bool) -> yaml.Event:
        """In a mapping just opened: the value (with ``key``, the key) of the first scalar
        key ``name``, as the tree's first key wins."""
        while True:
            event = self.next()
            if isinstance(event, yaml.MappingEndEvent):
                raise _Unsure  # no such key: the tree says where the path stops
            if isinstance(event, yaml.ScalarEvent) and event.value == name:
                return event if key else self.next()
            self.skip(event)
            self.skip(self.next())

    def item(self, index: int) -> yaml.Event:
        """In a sequence just opened: item ``index``."""
        for _ in range(index + 1):
            event = self.next()
            if isinstance(event, yaml.SequenceEndEvent):
                raise _Unsure
            if _ < index:
                self.skip(event)
        return event


def event_position(
    text: str, loc: Sequence[str | int], key: bool = False
) -> tuple[int, int] | None:
    """The 0-based line and column of the node at ``loc`` (with ``key``, of its mapping
    key) in the single document ``text``, or None to ask the node tree."""
    if CParser is None:
        return None
    parser = CParser(text)
    try:
        walk = _Walk(parser)
        walk.next(), walk.next()  # the stream and the document start
        event = walk.next()
        for depth, part in enumerate(loc):
            last = depth == len(loc) - 1
            if isinstance(event, yaml.MappingStartEvent) and isinstance(part, str):
                event = walk.field(part, key and last)
            elif isinstance(event, yaml.SequenceStartEvent) and isinstance(part, int):
                if part < 0:
                    return None
                event = walk.item(part)
            else:
                return None
        mark = event.start_mark
        return None if mark is None else (mark.line, mark.column)
    except (_Unsure, yaml.YAMLError):
        return None
    finally:
        parser.dispose()
