"""Secret-looking values (keys, tokens, passwords) never belong in records.

The finding names the field and the kind of secret, never the value itself.
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection, Iterator, Mapping
from dataclasses import replace

from ..findings import Finding, Severity, error
from ..model import Record
from ..model.repository import Entry, Repository
from ..model.settings import Settings
from ..reading import read_text
from .base import at

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("a private key", re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY( BLOCK)?-----")),
    ("an AWS access key", re.compile(r"\b(AKIA|ASIA)[0-9A-Z]{16}\b")),
    ("a GitHub token", re.compile(r"\b(gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})")),
    ("a GitLab token", re.compile(r"\bglpat-[A-Za-z0-9_-]{20,}")),
    ("a Slack token", re.compile(r"\bxox[abposr]-[A-Za-z0-9-]{10,}")),
    (
        "a JSON web token",
        # not after a token character, "-" included: with \b every "eyJ" in "eyJ-eyJ-..."
        # started a scan to the end of the run, and a long value took minutes
        re.compile(
            r"(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}"
        ),
    ),
    (
        "a password",
        re.compile(r"(?i)\b(password|passwd|pwd|secret|api[_-]?key)\b\s*[:=]\s*[\"']?[^\s\"']{6,}"),
    ),
)


_CLUES: dict[str, tuple[str, ...]] = {
    "a private key": ("-----BEGIN ",),
    "an AWS access key": ("AKIA", "ASIA"),
    "a GitHub token": ("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"),
    "a GitLab token": ("glpat-",),
    "a Slack token": ("xox",),
    "a JSON web token": ("eyJ",),
    "a password": (":", "="),
}
"""Text that each pattern's match must contain: a regular expression that starts with
``\b`` is searched slowly, and most text holds none of these."""


def find_secret(text: str) -> tuple[str, int] | None:
    """What kind of secret ``text`` seems to hold and where it starts, if any."""
    for name, pattern in _PATTERNS:
        clues = _CLUES.get(name)
        if clues is not None and not any(clue in text for clue in clues):
            continue
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


def _texts(value: object, out: list[str]) -> None:
    """Collect every string in a parsed document, without paths: the quick first look."""
    if isinstance(value, str):
        out.append(value)
    elif isinstance(value, dict):
        for item in value.values():
            _texts(item, out)
    elif isinstance(value, list):
        for item in value:
            _texts(item, out)


def entry_secrets(entry: Entry[Record]) -> list[Finding]:
    """Report secret-looking values in one record's fields and notes."""
    texts = [entry.body or ""]
    _texts(entry.document.data, texts)
    # A secret in any one text is also found in all of them joined by line breaks, so one
    # search over the join clears almost every record at a fraction of the cost.
    if find_secret("\n".join(texts)) is None:
        return []
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
            findings += entry_secrets(entry)
    return findings


_MASK = "[hidden: looks like a secret]"


def _masked(text: str) -> str:
    for _, pattern in _PATTERNS:
        text = pattern.sub(_MASK, text)
    return text


def _read(path: str, settings: Settings) -> str | None:
    """The text of a file under records/ that is no record file, within the size limit."""
    limit = settings.config.limits.max_file_bytes
    return read_text(os.path.join(settings.root, path), path, limit)[0]


def _line_secrets(path: str, text: str | None) -> list[Finding]:
    """A finding for every secret-looking line of a record file's ``text``."""
    findings = []
    for number, line in enumerate((text or "").splitlines(), 1):
        found = find_secret(line)
        if found:
            kind, offset = found
            message = f"this looks like {kind}: remove it (and rotate it: git keeps history)"
            finding = error("secret-value", path, number, offset + 1, "", message)
            findings.append(replace(finding, quote=False))
    return findings


def hide_secrets(
    loaded: Collection[str],
    findings: list[Finding],
    settings: Settings,
    texts: Mapping[str, str | None],
) -> list[Finding]:
    """``findings`` with every secret-looking text masked and its line never quoted, plus
    a finding for each secret-looking line of a record file that did not load (its values
    never reached the field-by-field check, and a schema message may repeat them); the
    record files' ``texts`` are those the check read, by path: only a file the check did
    not read as a record (in a wrong place or of a wrong extension) is read here;
    ``loaded`` holds the path of every file that holds a valid record."""
    failed = {f.path for f in findings if f.severity is Severity.ERROR} - set(loaded)
    extra = [
        f
        for path in sorted(failed)
        if path.startswith("records/")
        for f in _line_secrets(path, texts[path] if path in texts else _read(path, settings))
    ]
    lines = {(f.path, f.line) for f in extra}
    hidden = []
    for f in findings:
        # a secret finding's message is advice that names the kind of secret, never the
        # value: masking it would hide the advice ("a password: remove it")
        own = f.code == "secret-value"
        if (
            (not own and find_secret(f.message))
            or find_secret(f.field)
            or (f.path, f.line) in lines
        ):
            message = f.message if own else _masked(f.message)
            f = replace(f, message=message, field=_masked(f.field), quote=False)
        hidden.append(f)
    return hidden + extra
