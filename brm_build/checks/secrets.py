"""Secret-looking values (keys, tokens, passwords) never belong in records.

The finding names the field and the kind of secret, never the value itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from ..findings import Finding, error
from ..model import Record
from ..repository import Entry, Repository
from .base import at

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("a private key", re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY( BLOCK)?-----")),
    ("an AWS access key", re.compile(r"\b(AKIA|ASIA)[0-9A-Z]{16}\b")),
    ("a GitHub token", re.compile(r"\b(gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})")),
    ("a GitLab token", re.compile(r"\bglpat-[A-Za-z0-9_-]{20,}")),
    ("a Slack token", re.compile(r"\bxox[abposr]-[A-Za-z0-9-]{10,}")),
    (
        "a JSON web token",
        re.compile(r"\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}"),
    ),
    (
        "a password",
        re.compile(r"(?i)\b(password|passwd|pwd|secret|api[_-]?key)\b\s*[:=]\s*[\"']?[^\s\"']{6,}"),
    ),
)


def find_secret(text: str) -> tuple[str, int] | None:
    """What kind of secret ``text`` seems to hold and where it starts, if any."""
    for name, pattern in _PATTERNS:
        match = pattern.search(text)
        if match:
            return name, match.start()
    return None


def _strings(
    value: object, loc: tuple[str | int, ...]
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every string in a parsed document with its field path."""
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*loc, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, (*loc, i))


def _entry_secrets(entry: Entry[Record]) -> list[Finding]:
    findings = []
    advice = "remove it (and rotate it: git keeps history)"
    for loc, text in _strings(entry.document.data, ()):
        found = find_secret(text)
        if found:
            kind, offset = found
            finding = at(entry, "secret-value", loc, f"this looks like {kind}: {advice}")
            line = entry.document.line_within(loc, offset)
            column = finding.column if line == finding.line else 1
            findings.append(replace(finding, line=line, column=column, quote=False))
    for number, line_text in enumerate((entry.body or "").splitlines()):
        found = find_secret(line_text)
        if found:
            kind, offset = found
            findings.append(
                replace(
                    error(
                        "secret-value",
                        entry.path,
                        entry.body_line + number,
                        offset + 1,
                        "notes",
                        f"this looks like {kind} in the notes: {advice}",
                    ),
                    quote=False,
                )
            )
    return findings


def check_secrets(repo: Repository) -> list[Finding]:
    """Report secret-looking values in any field or meeting note."""
    findings: list[Finding] = []
    for table in (
        repo.customers,
        repo.services,
        repo.agreements,
        repo.meetings,
        repo.surveys,
        repo.reports,
        repo.projects,
        repo.feedback,
    ):
        for entry in table.values():
            findings += _entry_secrets(entry)
    return findings
