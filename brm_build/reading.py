"""Read a record file's text safely and split a meeting's front matter from its notes."""

from __future__ import annotations

import codecs
import os
import re
from dataclasses import dataclass

from .files import read_at_most
from .findings import Finding, error
from .yamlsource import Document, parse_mapping

_CLOSING_LINE = re.compile(r"\n(?:---|\.\.\.)\r*$", re.MULTILINE)
"""The line that ends a meeting's front matter (a line of its own, as YAML ends a document),
with the line break before it: a pattern that starts with a character is searched for
that character, one that starts with ``^`` is tried at every position of the text."""


@dataclass(frozen=True, slots=True)
class Parsed:
    """A record file after parsing: its data (when readable) and, for meetings, its notes."""

    document: Document | None
    body: str | None
    body_line: int
    findings: tuple[Finding, ...]


def too_large(path: str, max_bytes: int) -> Finding:
    """That the file at ``path`` is larger than ``max_bytes`` (brm.yaml's limit): it is
    not read, whether it is on disk or about to be written."""
    return error(
        "file-too-large",
        path,
        1,
        1,
        "",
        f"the file is larger than {max_bytes:,} bytes (limits.max_file_bytes in brm.yaml): "
        "a record should be far smaller; split it",
    )


def read_text(abspath: str, path: str, max_bytes: int) -> tuple[str | None, list[Finding]]:
    """Read a file as UTF-8 (a byte-order mark is allowed), within the size limit."""
    try:
        raw = read_at_most(abspath, max_bytes + 1)
    except OSError as exc:
        return None, [
            error("file-unreadable", path, 1, 1, "", f"cannot read the file: {exc.strerror}")
        ]
    if len(raw) > max_bytes:
        return None, [too_large(path, max_bytes)]
    # strip the byte-order mark ourselves: the utf-8-sig codec would count error
    # positions from after it, and the line and column would be off
    body = raw.removeprefix(codecs.BOM_UTF8)
    try:
        return body.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        before = body[: exc.start]
        line = before.count(b"\n") + 1
        # count characters, not bytes: the line's text before the bad byte is valid UTF-8
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8")) + 1
        return None, [
            error(
                "file-encoding",
                path,
                line,
                column,
                "",
                f"not valid UTF-8 (byte 0x{body[exc.start]:02x}): save the file as UTF-8",
            )
        ]


def front_matter(text: str, path: str) -> tuple[str, str, int] | Finding:
    """Split a meeting's ``---`` front matter from its Markdown notes: the front matter,
    the notes and the line the notes start on."""
    first_end = text.find("\n")
    first = text[: first_end if first_end >= 0 else len(text)].rstrip("\r")
    if first != "---":
        return error(
            "meeting-front-matter",
            path,
            1,
            1,
            "",
            "a meeting starts with a line '---', its YAML fields, and another '---' "
            "line, followed by the notes",
        )
    # a file of the one line '---' has no closing line (nor may the opening close itself)
    close = _CLOSING_LINE.search(text, first_end) if first_end >= 0 else None
    if close is None:
        return error(
            "meeting-front-matter",
            path,
            1,
            1,
            "",
            "the front matter is not closed: add a line '---' after the meeting's fields",
        )
    start = close.start() + 1  # the closing line's own start, after its line break
    body_line = 3 + text.count("\n", first_end + 1, start)
    return text[first_end + 1 : start], text[close.end() + 1 :], body_line


def parse_file(text: str, path: str, markdown: bool) -> Parsed:
    """Parse a record's text: YAML, or front matter plus Markdown notes for a meeting."""
    if not markdown:
        document, findings = parse_mapping(text, path)
        return Parsed(document, None, 0, tuple(findings))
    split = front_matter(text, path)
    if isinstance(split, Finding):
        return Parsed(None, None, 0, (split,))
    front, body, body_line = split
    document, findings = parse_mapping(front, path, line_offset=1)
    return Parsed(document, body, body_line, tuple(findings))


def file_size(abspath: str) -> int:
    """The size of a file in bytes."""
    return os.stat(abspath).st_size
