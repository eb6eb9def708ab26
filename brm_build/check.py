"""The whole check as one function: load every record, run every check."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from .checks import FILE_CHECKS, run_checks
from .checks.secrets import hide_secrets
from .codeowners import codeowners_findings
from .findings import Finding, Severity, sorted_findings
from .repository import Progress, Repository, load_repository
from .settings import Settings


@dataclass(frozen=True)
class CheckResult:
    """The records that loaded, and every finding about them, in reporting order."""

    repository: Repository
    findings: list[Finding]
    files: int

    @property
    def errors(self) -> int:
        """How many findings are errors."""
        return sum(1 for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        """How many findings are warnings."""
        return len(self.findings) - self.errors

    def failed(self, strict: bool) -> bool:
        """Whether the check fails: any error, or with ``strict`` any finding."""
        return self.errors > 0 or (strict and self.warnings > 0)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while records load and are checked.

    Loading makes hundreds of thousands of objects and no reference cycles; collecting
    while they are made scans the growing heap again and again, which took more than half
    the time of a large check.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def check(
    settings: Settings, extra: list[Finding] | None = None, progress: Progress | None = None
) -> CheckResult:
    """Load and check the records repository at ``settings.root``."""
    with _collector_paused():
        repository, findings = load_repository(settings, FILE_CHECKS, progress)
        findings += run_checks(repository, settings)
        findings += codeowners_findings(repository, settings)
        findings = hide_secrets(repository, findings, settings)
    if extra:
        findings += extra
    files = sum(len(ids) for ids in repository.files.values())
    return CheckResult(repository, sorted_findings(findings), files)
