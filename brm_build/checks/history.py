"""Warnings from the agreements' git history: a target changed after periods were reported.

A period is judged against the target in force for it (records.md 1.1). When a commit
changed a service level's target while the report already held results, those results
must still be judged as they were before the change; when the records as they stand now
judge them against another target, the old one was not kept in ``earlier_targets``.
Outside a git checkout there is no history, and so no warning.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..analytics.periods import period_key
from ..analytics.targets import target_in_force
from ..changes.snapshot import load_version
from ..findings import Finding, Severity
from ..gitlog import Commit, History
from ..gitrevs import GitError, GitObjects
from ..model import KIND_BY_FOLDER, Agreement, Report
from ..model.kinds import ServiceLevel
from ..model.repository import Entry, Repository
from ..model.settings import Settings
from .base import at


@dataclass(frozen=True, slots=True)
class Change:
    """One commit that changed an agreement file: the agreement before and after it, and
    its report as it stood before it."""

    commit: Commit
    before: Agreement
    after: Agreement
    report: Report | None


def _load(
    aid: str, folder: str, answer: tuple[str, str, bytes | None] | None, limit: int
) -> object:
    """The record of one blob that git answered with; None when there is none or it does
    not load (too large, invalid: the check of that revision said so then)."""
    if answer is None or answer[1] != "blob" or answer[2] is None:
        return None
    path = f"records/{folder}/{aid}.yaml"
    return load_version(KIND_BY_FOLDER[folder], aid, path, answer[2], limit).record


def _targets_changed(before: Agreement, after: Agreement) -> bool:
    old = {level.id: level.target for level in before.service_levels}
    return any(old.get(level.id, level.target) != level.target for level in after.service_levels)


def _changes(git: GitObjects, aid: str, commits: tuple[Commit, ...], limit: int) -> list[Change]:
    """Every commit that changed a target of agreement ``aid``, with the agreement before
    and after it; only for those is the report (the largest file) read."""
    agreement, report = f"records/agreements/{aid}.yaml", f"records/reports/{aid}.yaml"
    specs = [f"{c.sha}{side}:./{agreement}" for c in commits for side in ("^", "")]
    answers = git.request(specs, limit)
    found: list[tuple[Commit, Agreement, Agreement]] = []
    for i, commit in enumerate(commits):
        before = _load(aid, "agreements", answers[2 * i], limit)
        after = _load(aid, "agreements", answers[2 * i + 1], limit)
        if not (isinstance(before, Agreement) and isinstance(after, Agreement)):
            continue  # added, deleted or not valid on one side: no target changed here
        if _targets_changed(before, after):
            found.append((commit, before, after))
    reports = git.request((f"{c.sha}^:./{report}" for c, _, _ in found), limit)
    out = []
    for (commit, before, after), answer in zip(found, reports, strict=True):
        loaded = _load(aid, "reports", answer, limit)
        out.append(Change(commit, before, after, loaded if isinstance(loaded, Report) else None))
    return out


def _level(agreement: Agreement, lid: str) -> ServiceLevel | None:
    return next((level for level in agreement.service_levels if level.id == lid), None)


def _moved(change: Change, now: ServiceLevel) -> list[str]:
    """The periods reported before ``change`` whose target in force is now another one,
    when the change altered ``now``'s target; in calendar order."""
    before, after = _level(change.before, now.id), _level(change.after, now.id)
    if before is None or after is None or before.target == after.target or change.report is None:
        return []
    if (before.direction, before.unit) != (now.direction, now.unit):
        return []
    reported = {m.period for m in change.report.measurements if now.id in m.results}
    moved = [p for p in reported if target_in_force(before, p) != target_in_force(now, p)]
    return sorted(moved, key=period_key)


def _warning(entry: Entry[Agreement], i: int, change: Change, moved: list[str]) -> Finding:
    now = entry.record.service_levels[i]
    before = _level(change.before, now.id)
    after = _level(change.after, now.id)
    assert before is not None and after is not None
    c, last = change.commit, moved[-1]
    span = moved[0] if len(moved) == 1 else f"{moved[0]} to {last}"
    was, judged = target_in_force(before, last), target_in_force(now, last)
    return at(
        entry,
        "target-changed-after-reports",
        ("service_levels", i, "target"),
        f"the target of {now.id} changed from {before.target:g} to {after.target:g} in commit "
        f"{c.short} ({c.date}) after {span} had been reported, and those periods are now "
        f"judged against {judged:g} instead of {was:g}: keep the old target with "
        f'earlier_targets: [{{until: "{last}", target: {was:g}}}]',
        Severity.WARNING,
    )


def check_target_history(
    repo: Repository, settings: Settings, history: History | None
) -> list[Finding]:
    """Warn where a commit changed a target after periods were reported and the records
    no longer judge those periods against the target in force then."""
    if history is None:
        return []
    limit = settings.config.limits.max_file_bytes
    wanted = {
        aid: commits
        for aid, entry in repo.agreements.items()
        if entry.record.service_levels
        and (commits := tuple(history.by_path.get(f"records/agreements/{aid}.yaml", ())))
    }
    if not wanted:
        return []
    findings = []
    try:
        with GitObjects(settings.root) as git:
            for aid, commits in sorted(wanted.items()):
                entry = repo.agreements[aid]
                for change in _changes(git, aid, commits, limit):
                    for i, now in enumerate(entry.record.service_levels):
                        moved = _moved(change, now)
                        if moved:
                            findings.append(_warning(entry, i, change, moved))
    except GitError:
        return []  # git stopped answering: no history to judge, as outside a checkout
    return findings
