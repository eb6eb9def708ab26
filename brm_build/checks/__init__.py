"""Cross-record checks: references, hierarchy, rules, reports and warnings."""

from __future__ import annotations

from ..findings import Finding
from ..repository import Repository
from ..settings import Settings
from .agreements import check_parties, check_reports
from .attention import check_attention
from .hierarchy import check_hierarchy
from .references import check_references
from .rules import check_rules
from .secrets import check_secrets


def run_checks(repo: Repository, settings: Settings) -> list[Finding]:
    """Run every cross-record check and return all findings."""
    return [
        *check_references(repo),
        *check_hierarchy(repo),
        *check_rules(repo),
        *check_parties(repo),
        *check_reports(repo),
        *check_attention(repo, settings),
        *check_secrets(repo),
    ]
