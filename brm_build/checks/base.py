"""What every check shares: making a finding that points into a record."""

from __future__ import annotations

from collections.abc import Sequence

from ..findings import Finding, Severity, format_field
from ..model import Record
from ..repository import Entry


def at(
    entry: Entry[Record],
    code: str,
    loc: Sequence[str | int],
    message: str,
    severity: Severity = Severity.ERROR,
    key: bool = False,
    related: tuple[str, ...] = (),
) -> Finding:
    """A finding located at field path ``loc`` of ``entry``."""
    line, column = entry.document.position(loc, key=key)
    return Finding(code, severity, entry.path, line, column, format_field(loc), message, related)
