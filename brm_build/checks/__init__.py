"""Cross-record checks: references, hierarchy, rules, reports and warnings."""

from __future__ import annotations

from collections.abc import Callable

from ..findings import Finding
from ..model.repository import FileCheck, Repository
from ..model.settings import Settings
from .agreements import check_parties, check_report_periods, check_reports
from .attention import check_attention
from .escalations import check_escalations
from .hierarchy import check_hierarchy
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


CrossCheck = Callable[[Repository, Settings], list[Finding]]
"""A check across records: the loaded repository and the run's settings in, findings out."""

CHECKS: dict[str, CrossCheck] = {
    "references": lambda repo, _: check_references(repo),
    "retired": lambda repo, _: check_retired(repo),
    "hierarchy": lambda repo, _: check_hierarchy(repo),
    "rules": lambda repo, _: check_rules(repo),
    "escalations": lambda repo, _: check_escalations(repo),
    "money": lambda repo, _: check_money(repo),
    "parties": lambda repo, _: check_parties(repo),
    "reports": lambda repo, _: check_reports(repo),
    "report-periods": lambda repo, settings: check_report_periods(repo, settings.today),
    "attention": check_attention,
    "satisfaction": lambda repo, settings: check_satisfaction(repo, settings.config.thresholds),
    "survey-copies": lambda repo, _: check_survey_copies(repo),
    "survey-invited": lambda repo, _: check_survey_invited(repo),
}
"""Every cross-record check by name, in the order their findings are gathered (the
report sorts them; the order only decides which of two equal findings comes first)."""


def run_checks(repo: Repository, settings: Settings) -> list[Finding]:
    """Run every cross-record check and return all findings."""
    found = [finding for run in CHECKS.values() for finding in run(repo, settings)]
    return _not_missing(repo, found)
