"""Cross-record checks: references, hierarchy, rules, reports and warnings."""

from __future__ import annotations

from ..findings import Finding
from ..repository import FileCheck, Repository
from ..settings import Settings
from .agreements import check_parties, check_report_periods, check_reports
from .attention import check_attention
from .escalations import check_escalations
from .hierarchy import check_hierarchy
from .mappings import check_mappings
from .money import check_money
from .references import check_references
from .retired import check_retired
from .rules import check_rules
from .satisfaction import check_satisfaction, check_survey_copies, check_survey_invited
from .secrets import entry_secrets

FILE_CHECKS: tuple[FileCheck, ...] = (entry_secrets,)
"""Checks that look at one record at a time: they run as each file loads, and their
findings are cached with the file's (see repository.load_repository)."""


ABSENCE: dict[str, str] = {
    "hierarchy-parent-missing": "parent",
    "customer-relationship-manager": "relationship_manager",
    "feedback-level": "level",
    "feedback-resolved-on": "resolved_on",
}
"""Codes that a field's absence sets off, with that field: in what is left of a record
whose value there failed its schema the field is gone, but it is not missing."""


def _not_missing(repo: Repository, findings: list[Finding]) -> list[Finding]:
    """``findings`` without those that a field left out of a record with errors set off."""
    removed = {p.path: p.removed for p in repo.partial if p.record is not None}
    return [f for f in findings if ABSENCE.get(f.code) not in removed.get(f.path, ())]


def run_checks(repo: Repository, settings: Settings) -> list[Finding]:
    """Run every cross-record check and return all findings."""
    return _not_missing(repo, _all_checks(repo, settings))


def _all_checks(repo: Repository, settings: Settings) -> list[Finding]:
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
        *check_survey_copies(repo),
        *check_survey_invited(repo),
        *check_mappings(repo, settings),
    ]
