"""Cross-record checks: references, hierarchy, rules, reports and warnings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..findings import Finding
from ..model import KINDS, Kind
from ..model.references import DATED_BY
from ..model.repository import FileCheck, Repository
from ..model.settings import Settings
from .agreements import check_parties, check_report_periods, check_reports
from .attention import ATTENTION
from .escalations import check_escalations
from .hierarchy import check_hierarchy
from .money import check_money
from .references import check_references
from .retired import check_retired_references, check_retired_standing
from .rules import RULES, check_rules_of
from .satisfaction import check_satisfaction, check_survey_copies, check_survey_invited
from .secrets import entry_secrets
from .tiers import check_tiers

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


def not_missing(repo: Repository, findings: list[Finding]) -> list[Finding]:
    """``findings`` without those that a field left out of a record with errors set off."""
    removed = {p.path: p.removed for p in repo.partial if p.record is not None}
    return [f for f in findings if ABSENCE.get(f.code) not in removed.get(f.path, ())]


Run = Callable[[Repository, Settings], list[Finding]]
"""A check across records: the loaded repository and the run's settings in, findings out."""


@dataclass(frozen=True)
class CrossCheck:
    """A check across records and the kinds it reads, by folder: it is handed only the
    records of those (``Repository.view``), so that its findings can be kept in the cache
    by the files of those kinds and a change elsewhere does not run it again."""

    run: Run
    reads: frozenset[str]


ALL = frozenset(kind.folder for kind in KINDS)


def _reads(run: Run, *folders: str) -> CrossCheck:
    unknown = set(folders) - ALL
    if unknown:
        raise ValueError(f"no such kind folder: {sorted(unknown)}")
    return CrossCheck(run, frozenset(folders))


def _retired_of(kind: Kind) -> Run:
    return lambda repo, _: check_retired_references(repo, kind)


def _rules_of(folder: str) -> Run:
    return lambda repo, _: check_rules_of(repo, folder)


CHECKS: dict[str, CrossCheck] = {
    "references": CrossCheck(lambda repo, _: check_references(repo), ALL),
    **{
        f"retired-{kind.folder}": _reads(
            _retired_of(kind),
            "customers",
            kind.folder,
        )
        for kind in KINDS
        if kind.name in DATED_BY
    },
    "retired": _reads(lambda repo, _: check_retired_standing(repo), "customers", "agreements"),
    "hierarchy": _reads(lambda repo, _: check_hierarchy(repo), "customers"),
    **{f"rules-{folder}": _reads(_rules_of(folder), folder) for folder in RULES},
    "escalations": _reads(lambda repo, _: check_escalations(repo), "customers", "feedback"),
    "money": _reads(lambda repo, _: check_money(repo), "agreements", "customers"),
    "parties": _reads(lambda repo, _: check_parties(repo), "agreements", "customers"),
    "reports": _reads(lambda repo, _: check_reports(repo), "agreements", "reports"),
    "report-periods": _reads(
        lambda repo, settings: check_report_periods(repo, settings.today), "agreements", "reports"
    ),
    "tiers": _reads(lambda repo, settings: check_tiers(repo, settings.config), "customers"),
    **{f"attention-{name}": _reads(run, *folders) for name, (run, folders) in ATTENTION.items()},
    "satisfaction": _reads(
        lambda repo, settings: check_satisfaction(repo, settings.config.thresholds),
        "customers",
        "surveys",
    ),
    "survey-copies": _reads(lambda repo, _: check_survey_copies(repo), "surveys"),
    "survey-invited": _reads(lambda repo, _: check_survey_invited(repo), "customers", "surveys"),
}
"""Every cross-record check by name, in the order their findings are gathered (the
report sorts them; the order only decides which of two equal findings comes first)."""


def run_checks(repo: Repository, settings: Settings) -> list[Finding]:
    """Run every cross-record check, each on the kinds it reads, and return all findings."""
    found = [
        finding
        for check in CHECKS.values()
        for finding in check.run(repo.view(check.reads), settings)
    ]
    return not_missing(repo, found)
