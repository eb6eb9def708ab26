"""The real check on a new record before it is written: the whole repository is checked
as it would be with the record in it, so that ``brm new`` writes nothing ``brm check``
rejects, whichever rule (schema, references, dates, structure) the record breaks."""

from __future__ import annotations

import os
from dataclasses import dataclass

from ..check import check, check_with
from ..findings import Finding, Severity
from ..settings import Settings
from ..sources import SourceFile
from .drafts import Draft


@dataclass(frozen=True)
class Verdict:
    """What the check says of a new record: its findings, and the findings elsewhere that
    writing it would add (such as a cycle it closes or a CODEOWNERS it outdates)."""

    findings: list[Finding]
    files: int

    @property
    def refused(self) -> bool:
        """Whether the check would fail with the record written: it must not be."""
        return any(f.severity is Severity.ERROR for f in self.findings)


def trial(settings: Settings, new: Draft) -> Verdict:
    """Check the repository as it would be with ``new`` written, and keep what it adds."""
    source = SourceFile(new.kind, new.id, new.path, os.path.join(settings.root, new.path))
    after = check_with(settings, [(source, new.text)])
    own = [f for f in after.findings if f.path == new.path]
    elsewhere = [f for f in after.findings if f.path != new.path]
    if elsewhere:  # only what the new record adds: the rest was there before it
        before = set(check(settings).findings)
        elsewhere = [f for f in elsewhere if f not in before]
    return Verdict(own + elsewhere, after.files)
