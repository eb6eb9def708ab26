"""The one finding type that every loader, check and reporter shares."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How serious a finding is: errors fail a check, warnings only with --strict."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in the records: where it is, what it is, and what to do."""

    code: str
    severity: Severity
    path: str
    line: int
    column: int
    field: str
    message: str
    related: tuple[str, ...] = ()
    quote: bool = True
    """Whether reporters may quote the source line (never for secrets or restricted data)."""

    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Order findings by file, position, then code, for stable output."""
        return (self.path, self.line, self.column, self.code, self.message)


def error(
    code: str,
    path: str,
    line: int,
    column: int,
    field: str,
    message: str,
    related: tuple[str, ...] = (),
) -> Finding:
    """Make an error finding."""
    return Finding(code, Severity.ERROR, path, line, column, field, message, related)


def warning(
    code: str,
    path: str,
    line: int,
    column: int,
    field: str,
    message: str,
    related: tuple[str, ...] = (),
) -> Finding:
    """Make a warning finding."""
    return Finding(code, Severity.WARNING, path, line, column, field, message, related)


def sorted_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Return findings in their stable reporting order, without repeats."""
    return sorted(set(findings), key=Finding.sort_key)


def format_field(loc: Iterable[str | int]) -> str:
    """Render a field path such as ``responses[3].csat``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


def headline(f: Finding) -> str:
    """``path:line:column: severity[code]: message (at field)``: a finding in one line, as
    ``brm check`` prints it (unescaped: a printer escapes what it prints)."""
    field = f" (at {f.field})" if f.field else ""
    return f"{f.path}:{f.line}:{f.column}: {f.severity}[{f.code}]: {f.message}{field}"
