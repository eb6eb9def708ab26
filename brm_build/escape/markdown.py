"""Text inside GitHub and GitLab Markdown (pull-request comments, job summaries): it stays
text, starts no block, makes no link, image or HTML, and notifies nobody."""

from __future__ import annotations

import re

from .logline import printable

# A mention notifies, and GitHub links a bare address: both are shown as code instead.
_LIVE = re.compile(r"((?<![\w.])@[A-Za-z0-9][\w./-]*|(?<!\w)(?:https?://|www\.)[^\s`]*)")
_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~!])")
_TICKS = re.compile(r"`+")
_PIPE = re.compile(r"(?<!\\)\|")


def code_span(value: str) -> str:
    """``value`` as inline code: fenced by more backticks than it holds in a row
    (CommonMark), on one line; a mention inside code notifies nobody."""
    shown = printable(value)
    fence = "`" * (max((len(run) for run in _TICKS.findall(shown)), default=0) + 1)
    edge = shown[:1] + shown[-1:]
    pad = " " if "`" in edge or (shown.startswith(" ") and shown.endswith(" ")) else ""
    return f"{fence}{pad}{shown}{pad}{fence}" if shown.strip() else f"{fence} {shown} {fence}"


def text(value: str) -> str:
    """``value`` as Markdown text on one line: punctuation escaped, each @handle and web
    address in code, so that a summary that merely mentions them notifies and links nobody."""
    parts = _LIVE.split(printable(value))
    return "".join(
        code_span(part) if i % 2 else _SPECIAL.sub(r"\\\1", part) for i, part in enumerate(parts)
    )


def table_cell(markdown: str) -> str:
    """Markdown made by this module as a table cell: a pipe, even in code, would end the
    cell unless escaped (text escapes its own already)."""
    return _PIPE.sub(r"\\|", markdown)
