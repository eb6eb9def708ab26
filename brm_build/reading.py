"""Read a record file's text safely and split a meeting's front matter from its notes."""

from __future__ import annotations

import os
from dataclasses import dataclass

from .findings import Finding, error
from .yamlsource import Document, parse_mapping


@dataclass(frozen=True, slots=True)
class Parsed:
    """A record file after parsing: its data (when readable) and, for meetings, its notes."""

    document: Document | None
    body: str | None
    body_line: int
    findings: tuple[Finding, ...]


def read_text(abspath: str, path: str, max_bytes: int) -> tuple[str | None, list[Finding]]:
    """Read a file as UTF-8 (a byte-order mark is allowed), within the size limit."""
    try:
        with open(abspath, "rb") as handle:
            raw = handle.read(max_bytes + 1)
    except OSError as exc:
        return None, [
            error("file-unreadable", path, 1, 1, "", f"cannot read the file: {exc.strerror}")
        ]
    if len(raw) > max_bytes:
        return None, [
            error(
                "file-too-large",
                path,
                1,
                1,
                "",
                f"the file is larger than {max_bytes:,} bytes (limits.max_file_bytes "
                "in brm.yaml): a record should be far smaller; split it",
            )
        ]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        return None, [
            error(
                "file-encoding",
                path,
                line,
                column,
                "",
                f"not valid UTF-8 (byte 0x{raw[exc.start]:02x}): save the file as UTF-8",
            )
        ]


def _front_matter(text: str, path: str) -> tuple[str, str, int] | Finding:
    """Split ``---`` front matter from the Markdown body, keeping line numbers."""
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
    position = first_end + 1
    line = 2
    while position < len(text):
        end = text.find("\n", position)
        end = len(text) if end < 0 else end
        if text[position:end].rstrip("\r") in ("---", "..."):
            return text[first_end + 1 : position], text[end + 1 :], line + 1
        position = end + 1
        line += 1
    return error(
        "meeting-front-matter",
        path,
        1,
        1,
        "",
        "the front matter is not closed: add a line '---' after the meeting's fields",
    )


def parse_file(text: str, path: str, markdown: bool) -> Parsed:
    """Parse a record's text: YAML, or front matter plus Markdown notes for a meeting."""
    if not markdown:
        document, findings = parse_mapping(text, path)
        return Parsed(document, None, 0, tuple(findings))
    split = _front_matter(text, path)
    if isinstance(split, Finding):
        return Parsed(None, None, 0, (split,))
    front, body, body_line = split
    document, findings = parse_mapping(front, path, line_offset=1)
    return Parsed(document, body, body_line, tuple(findings))


def file_size(abspath: str) -> int:
    """The size of a file in bytes."""
    return os.stat(abspath).st_size
