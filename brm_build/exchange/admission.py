"""What ``brm import`` may write: the rows that the real check accepts, run on the
repository as it would be with them written (the check ``brm new`` runs, ``trial``).

Rows can break a rule only together, such as two purchasers that are each other's
parent: the check runs again without the rows it rejected until it passes, so that what
is written never makes ``brm check`` fail.
"""

from __future__ import annotations

from dataclasses import replace

from ..findings import Finding, Severity
from ..scaffold import trial
from ..settings import Settings
from .importer import Imported, RowProblem


def _reason(finding: Finding, again: bool) -> str:
    """A finding as a row's problem; ``again`` when the check ran without rows refused."""
    note = " (checked without the rows refused before)" if again else ""
    return f"{finding.field or 'row'}: {finding.message}{note}"


def admit(settings: Settings, imported: Imported) -> Imported:
    """``imported`` without the rows that ``brm check`` would reject once written; each
    rejected row gets the check's findings as its problems."""
    drafts = dict(imported.drafts)
    problems = list(imported.problems)
    again = False
    while drafts:
        verdict = trial(settings, *(draft for _, draft in drafts.values()))
        errors = [f for f in verdict.findings if f.severity is Severity.ERROR]
        if not errors:
            break
        rejected = {f.path for f in errors if f.path in drafts}
        for finding in errors:
            if finding.path in rejected:
                problems.append(RowProblem(drafts[finding.path][0], _reason(finding, again)))
        if not rejected:  # the rows together break a rule in another file: none is written
            where = f"{errors[0].path}:{errors[0].line}: {errors[0].message}"
            problems += [
                RowProblem(row, f"row: 'brm check' would fail with the rows written: {where}")
                for row, _ in drafts.values()
            ]
            rejected = set(drafts)
        drafts = {path: entry for path, entry in drafts.items() if path not in rejected}
        again = True
    problems.sort(key=lambda problem: problem.row)  # stable: a row's reasons keep their order
    return replace(imported, drafts=drafts, problems=problems)
