"""The whole check as one function: load every record, run every check."""

from __future__ import annotations

from dataclasses import dataclass

from .checks import run_checks
from .findings import Finding, Severity, sorted_findings
from .repository import Repository, load_repository
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


def check(settings: Settings, extra: list[Finding] | None = None) -> CheckResult:
    """Load and check the records repository at ``settings.root``."""
    repository, findings = load_repository(settings)
    findings += run_checks(repository, settings)
    if extra:
        findings += extra
    files = sum(len(ids) for ids in repository.files.values())
    return CheckResult(repository, sorted_findings(findings), files)
