"""What a reporter may quote of a record file: never a restricted value, never more
than the size limit.

records.md, "Restricted data": restricted values reach no output, error messages
included. A finding on a restricted field already hides its value; this hides the source
line too, for findings that the YAML reader makes before it knows the field (a duplicate
key, a tag, an anchor, a syntax error). A line is restricted when it holds a restricted
field's key, or sits indented inside one.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping

from .files import read_at_most
from .model.restricted import restricted_keys

_NAMES = restricted_keys()
# a key anywhere on the line: "phone:", "- phone:", "{name: a, phone: 1}", "'phone':", and
# "phone:0123", which lacks its space (a syntax error reported on this line)
_KEY = re.compile(r"(?:^|[\s{,?\[\-\"'])(" + "|".join(_NAMES) + r")[\"']?\s*:")


def hide_restricted(lines: list[str]) -> list[str | None]:
    """``lines`` with every line of a restricted field replaced by None."""
    shown: list[str | None] = []
    inside: int | None = None
    """The column of the restricted key whose indented block the lines are in."""
    for line in lines:
        indent = len(line) - len(line.lstrip())
        if inside is not None and (not line.strip() or indent > inside):
            shown.append(None)
            continue
        match = _KEY.search(line)
        inside = match.start(1) if match else None
        shown.append(None if match else line)
    return shown


def quotable_lines(abspath: str, max_bytes: int) -> list[str | None]:
    """The lines of a record file that a reporter may quote (None: hidden); nothing of a
    file larger than ``max_bytes``, which is never read whole."""
    try:
        raw = read_at_most(abspath, max_bytes + 1)  # never a pipe or a link
    except OSError:
        return []
    if len(raw) > max_bytes:
        return []
    text = raw.decode("utf-8", errors="replace").removeprefix("\ufeff")
    return hide_restricted(text.splitlines())


class Quotes:
    """The lines a report quotes, one file at a time. A record file's come from the text
    the check read (``texts``, by path), and a file it rejected (too large, unreadable,
    not UTF-8) is never quoted; another file (``brm.yaml``, ``CODEOWNERS``, a file in a
    wrong place) is read within ``max_bytes``."""

    def __init__(self, root: str, max_bytes: int, texts: Mapping[str, str | None]) -> None:
        self.root, self.max_bytes, self.texts = root, max_bytes, texts
        self.path: str | None = None
        self.lines: list[str | None] = []

    def __call__(self, path: str, line: int) -> str | None:
        if path != self.path:
            self.path = path
            if path in self.texts:
                text = self.texts[path]
                self.lines = [] if text is None else hide_restricted(text.splitlines())
            else:
                self.lines = quotable_lines(os.path.join(self.root, path), self.max_bytes)
        return self.lines[line - 1] if 0 < line <= len(self.lines) else None
