"""What ``brm import customers|services`` may write: the rows that the real check accepts,
run on the repository as it would be with them written (the check ``brm new`` runs).

Rows can break a rule only together, such as two purchasers that are each other's
parent: the check runs again without the rows it rejected until it passes, so that what
is written never makes ``brm check`` fail. The loop is the one every import uses,
``imports.writing.admit_rows``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..findings import Finding
from ..imports.writing import admit_rows
from ..model.settings import Settings
from .importer import Imported, RowProblem


def admit(settings: Settings, imported: Imported) -> Imported:
    """``imported`` without the rows that ``brm check`` would reject once written; each
    rejected row gets the check's findings as its problems."""
    by_row = {row: draft for row, draft in imported.drafts.values()}
    row_at = {draft.path: row for row, draft in by_row.items()}

    def row_of(finding: Finding, kept: Sequence[int]) -> int | None:
        row = row_at.get(finding.path)
        return row if row in kept else None

    admitted = admit_rows(settings, sorted(by_row), lambda kept: [by_row[r] for r in kept], row_of)
    problems = list(imported.problems)
    problems += [
        RowProblem(row, why) for row, reasons in admitted.refused.items() for why in reasons
    ]
    problems.sort(key=lambda problem: problem.row)  # stable: a row's reasons keep their order
    drafts = {draft.path: (row_at[draft.path], draft) for draft in admitted.drafts}
    return replace(imported, drafts=drafts, problems=problems)
