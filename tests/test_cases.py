"""Every case folder under tests/cases/invalid yields exactly its expected findings.

A case is a small records repository (``records/``, optionally ``brm.yaml``) with an
``expected.txt``: one finding a line as ``path:line:col: severity[code] field: message``. A case may
also hold ``expected-report.txt``, the text report that ``brm check`` prints for it: the
full messages and the quoted lines with their carets (every ``yaml-*`` case does, as the
words of a syntax message are what a writer reads). A case is checked as of ``today.txt``
when present, else 2026-06-15. ``--update-golden`` rewrites the expectations from the
current output, for review in the diff.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from brm_build.check import CheckResult, check
from brm_build.check.reporters import render_text
from brm_build.findings import Finding
from brm_build.quoting import Quotes

from .conftest import CASES, settings_for

CASE_DIRS = sorted(p for p in (CASES / "invalid").iterdir() if p.is_dir())
REPORTED = [case for case in CASE_DIRS if (case / "expected-report.txt").is_file()]


def _line(f: Finding) -> str:
    """A finding as its case expects it: place, severity, code, field and the message."""
    field = f" {f.field}" if f.field else ""
    return f"{f.path}:{f.line}:{f.column}: {f.severity}[{f.code}]{field}: {f.message}"


def _check(case: Path) -> CheckResult:
    """The check of ``case`` as ``brm check`` runs it, brm.yaml's publish names included."""
    settings = settings_for(case, _today(case))
    return check(settings, settings_files=True)


def _today(case: Path) -> dt.date:
    marker = case / "today.txt"
    if marker.exists():
        return dt.date.fromisoformat(marker.read_text().strip())
    return dt.date(2026, 6, 15)


@pytest.mark.parametrize("case", CASE_DIRS, ids=[p.name for p in CASE_DIRS])
def test_case_findings(case: Path, update_golden: bool) -> None:
    result = _check(case)
    actual = [_line(f) for f in result.findings]
    expected_file = case / "expected.txt"
    if update_golden:
        expected_file.write_text("\n".join(actual) + "\n")
    expected = [line for line in expected_file.read_text().splitlines() if line.strip()]
    assert actual == expected
    assert actual, "an invalid case must produce at least one finding"


@pytest.mark.parametrize("case", CASE_DIRS, ids=[p.name for p in CASE_DIRS])
def test_every_finding_names_file_line_and_message(case: Path) -> None:
    for f in _check(case).findings:
        assert f.path and f.line >= 1 and f.column >= 1 and f.message


def _report(case: Path) -> str:
    """The text report of ``case`` as ``brm check`` prints it."""
    settings = settings_for(case, _today(case))
    result = _check(case)
    quotes = Quotes(settings.root, settings.config.limits.max_file_bytes, result.texts)
    return render_text(result, quotes)


@pytest.mark.parametrize("case", REPORTED, ids=[p.name for p in REPORTED])
def test_case_report(case: Path, update_golden: bool) -> None:
    expected_file = case / "expected-report.txt"
    if update_golden:
        expected_file.write_text(_report(case), encoding="utf-8")
    assert _report(case) == expected_file.read_text(encoding="utf-8")


def test_every_yaml_case_has_its_report() -> None:
    yaml_cases = [case.name for case in CASE_DIRS if case.name.startswith("yaml-")]
    assert yaml_cases
    assert [
        name
        for name in yaml_cases
        if not (CASES / "invalid" / name / "expected-report.txt").is_file()
    ] == []
