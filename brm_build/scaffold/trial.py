"""The real check on new records before they are written: the whole repository is checked
as it would be with the records in it, so that ``brm new`` and ``brm import`` write nothing
``brm check`` rejects, whichever rule (schema, references, dates, structure, secrets) a
record breaks."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..check import CheckResult, check, check_with
from ..findings import Finding, Severity
from ..model.repository import Repository
from ..model.settings import Settings
from ..sources import SourceFile
from .drafts import Draft


@dataclass(frozen=True)
class Verdict:
    """What the check says of new records: their findings, and the findings elsewhere that
    writing them would add (such as a cycle they close or a CODEOWNERS they outdate)."""

    findings: list[Finding]
    files: int
    texts: Mapping[str, str | None] = field(default_factory=dict)
    """The texts the check read of the files with findings, the new records' included."""

    @property
    def result(self) -> CheckResult:
        """The findings as a check result, for a reporter to show."""
        return CheckResult(Repository(), self.findings, self.files, self.texts)

    @property
    def refused(self) -> bool:
        """Whether the check would fail with the records written: they must not be."""
        return any(f.severity is Severity.ERROR for f in self.findings)


def trial(settings: Settings, *new: Draft) -> Verdict:
    """Check the repository as it would be with every ``new`` record written, and keep
    what they add."""
    paths = {draft.path for draft in new}
    added = [
        (SourceFile(d.kind, d.id, d.path, os.path.join(settings.root, d.path)), d.text) for d in new
    ]
    after = check_with(settings, added)
    own = [f for f in after.findings if f.path in paths]
    elsewhere = [f for f in after.findings if f.path not in paths]
    if elsewhere:  # only what the new records add: the rest was there before them
        before = set(check(settings).findings)
        elsewhere = [f for f in elsewhere if f not in before]
    return Verdict(own + elsewhere, after.files, after.texts)
