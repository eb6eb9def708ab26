"""Every case folder under tests/cases/invalid yields exactly its expected findings.

A case is a small records repository (``records/``, optionally ``brm.yaml``) with an
``expected.txt``: one finding a line as ``path:line:col: severity[code] field``. A case is
checked as of ``today.txt`` when present, else 2026-06-15. ``--update-golden`` rewrites the
expectations from the current output, for review in the diff.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from brm_build.check import check
from brm_build.findings import Finding

from .conftest import CASES, settings_for

CASE_DIRS = sorted(p for p in (CASES / "invalid").iterdir() if p.is_dir())


def _line(f: Finding) -> str:
    return f"{f.path}:{f.line}:{f.column}: {f.severity}[{f.code}] {f.field}".rstrip()


def _today(case: Path) -> dt.date:
    marker = case / "today.txt"
    if marker.exists():
        return dt.date.fromisoformat(marker.read_text().strip())
    return dt.date(2026, 6, 15)


@pytest.mark.parametrize("case", CASE_DIRS, ids=[p.name for p in CASE_DIRS])
def test_case_findings(case: Path, update_golden: bool) -> None:
    result = check(settings_for(case, _today(case)))
    actual = [_line(f) for f in result.findings]
    expected_file = case / "expected.txt"
    if update_golden:
        expected_file.write_text("\n".join(actual) + "\n")
    expected = [line for line in expected_file.read_text().splitlines() if line.strip()]
    assert actual == expected
    assert actual, "an invalid case must produce at least one finding"


@pytest.mark.parametrize("case", CASE_DIRS, ids=[p.name for p in CASE_DIRS])
def test_every_finding_names_file_line_and_message(case: Path) -> None:
    for f in check(settings_for(case, _today(case))).findings:
        assert f.path and f.line >= 1 and f.column >= 1 and f.message
