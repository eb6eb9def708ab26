"""Cross-record checks: references, hierarchy, rules, reports and warnings."""

from __future__ import annotations

from ..findings import Finding
from ..repository import FileCheck, Repository
from ..settings import Settings
from .agreements import check_parties, check_report_periods, check_reports
from .attention import check_attention
from .escalations import check_escalations
from .hierarchy import check_hierarchy
from .money import check_money
from .references import check_references
from .retired import check_retired
from .rules import check_rules
from .satisfaction import check_satisfaction
from .secrets import entry_secrets

FILE_CHECKS: tuple[FileCheck, ...] = (entry_secrets,)
"""Checks that look at one record at a time: they run as each file loads, and their
findings are cached with the file's (see repository.load_repository)."""


def run_checks(repo: Repository, settings: Settings) -> list[Finding]:
    """Run every cross-record check and return all findings."""
    return [
        *check_references(repo),
        *check_retired(repo),
        *check_hierarchy(repo),
        *check_rules(repo),
        *check_escalations(repo),
        *check_money(repo),
        *check_parties(repo),
        *check_reports(repo),
        *check_report_periods(repo, settings.today),
        *check_attention(repo, settings),
        *check_satisfaction(repo, settings),
    ]
