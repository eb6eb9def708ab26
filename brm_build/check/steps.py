"""The cross-record steps of a check run, each kept in the cache by what it reads.

A step's findings depend only on the records of the kinds it reads (it is handed a view of
those alone, so it cannot read more), the ids of every record file (a reference may name
any), the date, and what it reads besides records (the mapping files, CODEOWNERS, the
commits that changed agreements, or records for the health at the quarter ends); brm's
code and the organisation's settings are in every key of the cache. A step's key hashes
all of them, so a run whose change lies elsewhere takes the step's findings from the
cache, and the records it reads need not be restored. No step reads a meeting's notes
(only the secrets check does, one file at a time): a meeting is in a step's key by its
front matter, so a change to the notes alone runs no step again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..cache import FileCache
from ..checks import ALL, CHECKS, CrossCheck, not_missing
from ..checks.history import check_target_history
from ..checks.mappings import check_mappings
from ..codeowners import codeowners_findings
from ..findings import Finding
from ..gitlog import History
from ..model.repository import Repository
from ..model.settings import Settings
from ..repository import Scanned
from .index import REFERENCES, IndexPlan, plan_index, run_index
from .inputs import Inputs

NONE: frozenset[str] = frozenset()
HEALTH_READS = frozenset(
    {"customers", "services", "agreements", "reports", "surveys", "meetings", "feedback"}
)
"""The kinds that relationship health is rated on."""
AGREEMENTS = "records/agreements/"


@dataclass(frozen=True)
class Step:
    """One cross-record check: the kinds it reads by folder, how it runs on a view of
    them, and the rest of what it reads as bytes."""

    name: str
    reads: frozenset[str]
    run: Callable[[Repository], list[Finding]]
    other: bytes = b""


def _cross(name: str, check: CrossCheck, settings: Settings) -> Step:
    def run(view: Repository) -> list[Finding]:
        # what a field's absence set off in a record with schema errors is no finding
        return not_missing(view, check.run(view, settings))

    return Step(name, check.reads, run)


def _texts(texts: dict[str, str | None]) -> bytes:
    return b"\0\0".join(
        path.encode() + (b"\1" if text is None else b"\0" + text.encode())
        for path, text in texts.items()
    )


def steps(settings: Settings, inputs: Inputs) -> list[Step]:
    """Every cross-record step of a run, in the order their findings are gathered."""
    mappings = {path: m.text for path, m in inputs.mappings.items()}
    default = settings.config.codeowners.default
    history = inputs.history
    commits = () if history is None else history.commits
    shas = " ".join(c.sha for c in commits)
    agreements = {
        c.sha
        for p, cs in (history.by_path if history else {}).items()
        if p.startswith(AGREEMENTS)
        for c in cs
    }
    # the targets' history reads the commits that changed agreements, and no others
    agreement_shas = " ".join(c.sha for c in commits if c.sha in agreements)
    return [
        *(_cross(name, check, settings) for name, check in CHECKS.items()),
        Step(
            "mappings",
            ALL if mappings else NONE,
            lambda view: check_mappings(view, inputs.mappings),
            _texts(mappings),
        ),
        Step(
            "codeowners",
            ALL if inputs.codeowners else NONE,
            lambda view: codeowners_findings(view, inputs.codeowners, default),
            _texts(inputs.codeowners),
        ),
        Step(
            "history",
            NONE if history is None else frozenset({"agreements"}),
            lambda view: check_target_history(view, settings, history),
            agreement_shas.encode(),
        ),
        Step(
            "health",
            HEALTH_READS,
            lambda view: _health(view, settings, history),
            shas.encode(),
        ),
    ]


def _health(view: Repository, settings: Settings, history: History | None) -> list[Finding]:
    """The health check, imported when it runs: it needs the figures of the health
    history, which a run whose health findings are cached does not."""
    from ..checks.health import check_health_declined

    return check_health_declined(view, settings, history)


@dataclass
class Plan:
    """The steps of a run, each with its key in the cache (None: not kept) and its
    findings found there (None: it must run), and what the reference check must do again
    when it is kept per file (``index``)."""

    steps: list[tuple[Step, str | None, tuple[Finding, ...] | None]]
    index: IndexPlan | None = None

    def folders(self) -> set[str]:
        """The kinds that the steps that must run read (the reference check kept per
        file reads only the files in ``paths``)."""
        return {
            folder
            for step, _, found in self.steps
            if found is None and not self._indexed(step)
            for folder in step.reads
        }

    def paths(self) -> set[str]:
        """The files whose records the reference check must read again."""
        return set() if self.index is None else self.index.todo

    def _indexed(self, step: Step) -> bool:
        return self.index is not None and step.name == REFERENCES

    def run(self, repository: Repository, cache: FileCache | None) -> list[Finding]:
        """Every step's findings: kept ones as they were, the others run on
        ``repository`` and kept for the next run."""
        findings: list[Finding] = []
        for step, key, found in self.steps:
            if self.index is not None and cache is not None and self._indexed(step):
                found = tuple(run_index(self.index, repository, cache))
            elif found is None:
                found = tuple(step.run(repository.view(step.reads)))
                if cache is not None and key is not None:
                    cache.put_run(key, found, step_file(step.name))
            findings += found
        return findings


def step_file(name: str) -> str:
    """The cache file of a step's findings."""
    return f"step-{name}.txt"


def plan(
    steps: Sequence[Step], scanned: Sequence[Scanned], cache: FileCache | None, settings: Settings
) -> Plan:
    """The steps with their keys and what the cache holds of each."""
    if cache is None:
        return Plan([(step, None, None) for step in steps])
    paths = hashlib.blake2b("\0".join(o.source.path for o in scanned).encode(), digest_size=20)
    common = b"\0".join((settings.today.isoformat().encode(), paths.digest()))
    planned: list[tuple[Step, str | None, tuple[Finding, ...] | None]] = []
    for step in steps:
        keys = [one.fields_key for one in scanned if one.source.kind.folder in step.reads]
        if step.name == REFERENCES or any(key is None for key in keys):
            planned.append((step, None, None))  # kept per file, or a file was unreadable
            continue
        other = b"\0".join((b"step", step.name.encode(), common, step.other))
        key = cache.run_key([str(key) for key in keys], other)
        planned.append((step, key, cache.get_run(key, step_file(step.name))))
    return Plan(planned, plan_index(scanned, cache))
