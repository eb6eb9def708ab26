"""``brm import service-levels FILE [--agreement ID]``: the ``kind: SLO`` documents of an
OpenSLO file become service levels of agreements (imports.md), worked out without writing
anything. The real check runs on the repository as it would be with them; when it, or
anything in the file, refuses one of them, none is written."""

from __future__ import annotations

import difflib
import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..findings import Finding, Severity, error
from ..model import KIND_BY_NAME
from ..scaffold import Draft, trial
from ..settings import Settings
from ..sources import discover
from .agreement_merge import AgreementUnreadable, LevelChange, merge_levels
from .openslo import AGREEMENT_ANNOTATION, SloLevel, read_openslo
from .tables import decode, read_bytes
from .writing import item_of


@dataclass
class ServiceLevelImport:
    """What an import would write: findings (errors stop it), the changes by agreement,
    the new texts by path, and the documents of other kinds, counted."""

    findings: list[Finding] = field(default_factory=list)
    documents: int = 0
    ignored: Counter[str] = field(default_factory=Counter)
    changes: dict[str, list[LevelChange]] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    refused: list[Finding] = field(default_factory=list)
    """What the check says against the agreements as they would be: nothing is written."""

    @property
    def errors(self) -> list[Finding]:
        """The findings in the file that stop the import."""
        return [f for f in self.findings if f.severity is Severity.ERROR]


def agreement_path(agreement: str) -> str:
    """The file of an agreement, relative to the repository."""
    return f"records/agreements/{agreement}.yaml"


def _finding(level: SloLevel, code: str, message: str, annotation: bool = False) -> Finding:
    if annotation and level.annotation_line:
        return error(code, level.path, level.annotation_line, 1, "", message)
    return error(code, level.path, level.line, level.column, "", message)


def _by_agreement(
    levels: Sequence[SloLevel], given: str | None, out: ServiceLevelImport
) -> dict[str, list[SloLevel]]:
    """The service levels grouped by the agreement each names (or ``given``)."""
    groups: dict[str, list[SloLevel]] = {}
    for level in levels:
        if level.agreement and given and level.agreement != given:
            message = f"names {AGREEMENT_ANNOTATION} {level.agreement}, not --agreement {given}"
            out.findings.append(_finding(level, "openslo-agreement", message, annotation=True))
            continue
        agreement = level.agreement or given
        if agreement is None:
            message = (
                f"the SLO '{level.id}' names no agreement: give --agreement ID, or annotate it "
                f"with {AGREEMENT_ANNOTATION}: ID"
            )
            out.findings.append(_finding(level, "openslo-agreement", message))
            continue
        group = groups.setdefault(agreement, [])
        if any(other.id == level.id for other in group):
            message = f"a second service level '{level.id}' for {agreement}: rename one SLO"
            out.findings.append(_finding(level, "openslo-name", message))
            continue
        group.append(level)
    return groups


def _read(abspath: str, path: str) -> str:
    try:
        with open(abspath, "rb") as handle:
            return handle.read().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        raise AgreementUnreadable(path) from None


def _merge(
    settings: Settings, groups: dict[str, list[SloLevel]], known: set[str], out: ServiceLevelImport
) -> None:
    for agreement, levels in sorted(groups.items()):
        path = agreement_path(agreement)
        if agreement not in known:
            close = difflib.get_close_matches(agreement, sorted(known), n=1)
            hint = f": did you mean '{close[0]}'?" if close else ""
            message = f"there is no agreement '{agreement}' ({path}){hint}"
            out.findings.append(_finding(levels[0], "openslo-agreement", message, annotation=True))
            continue
        try:
            merged = merge_levels(
                _read(os.path.join(settings.root, *path.split("/")), path), levels
            )
        except AgreementUnreadable:
            message = f"{path} cannot be read to add service levels: run 'brm check' and correct it"
            out.findings.append(_finding(levels[0], "openslo-agreement", message))
            continue
        out.findings += [
            _finding(level, "openslo-conflict", why) for level, why in merged.conflicts
        ]
        out.changes[path] = merged.changes
        if merged.text is not None:
            out.texts[path] = merged.text


def _checked(settings: Settings, out: ServiceLevelImport) -> None:
    """Run the check with the new agreements; what it refuses is told at the SLO's line."""
    kind = KIND_BY_NAME["agreement"]
    drafts = [Draft(kind, p.rsplit("/", 1)[1][:-5], p, t) for p, t in sorted(out.texts.items())]
    verdict = trial(settings, *drafts)
    for finding in verdict.findings:
        if finding.severity is not Severity.ERROR:
            continue
        index = item_of(finding) if finding.field.startswith("service_levels[") else None
        change = next(
            (c for c in out.changes.get(finding.path, []) if c.index == index),
            None,
        )
        if change is None:
            out.refused.append(finding)
            continue
        rest = finding.field.split("]", 1)[1].lstrip(".")
        where = f"{rest}: " if rest else ""
        message = f"{finding.path}: {where}{finding.message}"
        out.refused.append(_finding(change.level, finding.code, message))


def plan_service_level_import(
    settings: Settings, file: str, agreement: str | None, encoding: str | None = None
) -> ServiceLevelImport:
    """What importing the OpenSLO file ``file`` writes (nothing is written); SourceError
    when it cannot be read."""
    path = os.path.relpath(file, settings.root)
    path = path if not path.startswith("..") else file
    parsed = read_openslo(decode(read_bytes(file), file, encoding), path)
    out = ServiceLevelImport(parsed.findings, parsed.documents, parsed.ignored)
    if parsed.errors:
        return out
    if not parsed.levels:
        out.findings.append(error("openslo-kind", path, 1, 1, "", "the file holds no kind: SLO"))
        return out
    groups = _by_agreement(parsed.levels, agreement, out)
    sources, _ = discover(settings.root)
    known = {s.id for s in sources if s.kind.name == "agreement"}
    _merge(settings, groups, known, out)
    if not out.errors and out.texts:
        _checked(settings, out)
    return out
