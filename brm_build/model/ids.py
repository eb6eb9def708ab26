"""The rule for record ids, in one place: a file name is a record's id (records.md, "Layout").

Every match is whole (``fullmatch``): ``re.match`` with ``$`` also accepts a trailing
newline, which made ``sales<LF>.yaml`` pass as the customer ``sales``.
"""

from __future__ import annotations

import re

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
"""The id pattern as the schemas write it (anchored for JSON Schema's regular expressions)."""
MAX_ID_LENGTH = 64
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_DATED = re.compile(r"([0-9]{4})-[0-9]{2}-[0-9]{2}-[a-z0-9]+(?:-[a-z0-9]+)*")
_YEAR = re.compile(r"[0-9]{4}")


def is_id(text: str) -> bool:
    """Whether ``text`` is a valid record id: lower-case letters, digits and single hyphens."""
    return len(text) <= MAX_ID_LENGTH and _ID.fullmatch(text) is not None


def dated_year(text: str) -> str | None:
    """The year of a dated id ``<yyyy-mm-dd>-<slug>``, or None when ``text`` is none."""
    match = _DATED.fullmatch(text) if len(text) <= MAX_ID_LENGTH else None
    return match.group(1) if match else None


def is_year(text: str) -> bool:
    """Whether ``text`` names a year folder: four digits."""
    return _YEAR.fullmatch(text) is not None
