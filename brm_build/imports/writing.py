"""What an import writes: only rows the real check accepts, run on the repository as it
would be with them written (``check_with``, as ``brm new`` runs it), and then every file
or none."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from ..findings import Finding, Severity
from ..model.settings import Settings
from ..outputs import replace_files
from ..scaffold import Draft, trial
from ..trust import linked_part

_ITEM = re.compile(r"^[a-z_]+\[([0-9]+)\]")


@dataclass(frozen=True)
class Admitted:
    """The files to write and, by row, why the check refused the rows it refused."""

    drafts: list[Draft]
    refused: dict[int, list[str]]


def item_of(finding: Finding) -> int | None:
    """The list index a finding's field path starts with (``responses[3].csat`` -> 3)."""
    match = _ITEM.match(finding.field)
    return int(match.group(1)) if match else None


def admit_rows(
    settings: Settings,
    rows: Sequence[int],
    render: Callable[[Sequence[int]], list[Draft]],
    row_of: Callable[[Finding, Sequence[int]], int | None],
) -> Admitted:
    """The drafts of the ``rows`` that the check accepts: ``render`` makes the files of
    some rows, ``row_of`` says which of them a finding is about (None: none alone). The
    check runs again without the refused rows until it passes; when a finding is about
    no one row, every row is refused."""
    kept = list(rows)
    refused: dict[int, list[str]] = {}
    while kept:
        drafts = render(kept)
        verdict = trial(settings, *drafts)
        errors = [f for f in verdict.findings if f.severity is Severity.ERROR]
        if not errors:
            return Admitted(drafts, refused)
        blamed = {f: row_of(f, kept) for f in errors}
        if any(row is None for row in blamed.values()):
            first = next(f for f, row in blamed.items() if row is None)
            why = f"'brm check' would fail with the rows written: {first.path}:{first.line}: "
            for row in kept:
                refused.setdefault(row, []).append(why + first.message)
            return Admitted([], refused)
        for finding, blamed_row in blamed.items():
            if blamed_row is not None:
                refused.setdefault(blamed_row, []).append(f"{finding.field}: {finding.message}")
        kept = [row for row in kept if row not in refused]
    return Admitted([], refused)


class WriteRefused(Exception):
    """Why the files cannot be written (nothing was)."""


def write_all(settings: Settings, files: Mapping[str, str]) -> None:
    """Write every file (paths relative to the repository) or, when any fails, none."""
    for rel in files:
        link = linked_part(settings.root, rel)
        if link is not None:
            raise WriteRefused(f"{link} is a symbolic link: import never writes through one")
    writes = [(os.path.join(settings.root, *rel.split("/")), text) for rel, text in files.items()]
    replace_files(writes)
