"""Each cross-record check sees only the kinds it says it reads, and its findings are kept
by those: a change elsewhere finds them in the cache, a change there runs it again."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from brm_build.cache import FileCache
from brm_build.check import check, check_findings
from brm_build.check.index import REFERENCES
from brm_build.check.inputs import read_inputs
from brm_build.check.steps import Plan, plan, steps
from brm_build.checks import CHECKS, FILE_CHECKS
from brm_build.model.settings import CacheSettings, Settings
from brm_build.repository import scan

from ..conftest import ROOT, copy_example, settings_for

MEETING = "records/meetings/2025/2025-05-20-finance-service-review.md"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_example(tmp_path)


def _cached(root: Path) -> Settings:
    place = CacheSettings(str(root / ".brm-cache" / "check"), str(root.parent / "key"))
    return dataclasses.replace(settings_for(root), cache=place)


def _plan(settings: Settings) -> Plan:
    cache = FileCache.open(settings, FILE_CHECKS)
    assert cache is not None
    scanned, _ = scan(settings, cache)
    return plan(steps(settings, read_inputs(settings)), scanned, cache, settings)


def _to_run(settings: Settings) -> set[str]:
    """The steps that the next run must run: those the cache holds no findings of, and
    the reference check if a file must be checked again."""
    planned = _plan(settings)
    run = {step.name for step, _, found in planned.steps if found is None}
    return (run - {REFERENCES}) | ({REFERENCES} if planned.paths() else set())


def test_a_check_is_handed_only_the_kinds_it_reads() -> None:
    repository = check(settings_for(ROOT)).repository
    view = repository.view(CHECKS["hierarchy"].reads)
    assert view.customers == repository.customers
    assert view.files == repository.files
    with pytest.raises(KeyError):
        _ = view.meetings


def test_a_step_runs_again_only_when_what_it_reads_changed(root: Path) -> None:
    settings = _cached(root)
    every = {step.name for step in steps(settings, read_inputs(settings))}
    assert _to_run(settings) == every
    check_findings(settings)
    assert _to_run(settings) == set()
    path = root / MEETING
    text = path.read_text(encoding="utf-8")
    # no step reads a meeting's notes: more notes run none again, only the file's own checks
    path.write_text(text + "\nMore notes, api_key = hunter2222hunter\n", encoding="utf-8")
    assert _to_run(settings) == set()
    noted = check_findings(settings)
    assert noted.findings == check(settings_for(root)).findings
    assert any(f.code == "secret-value" and f.path == MEETING for f in noted.findings)
    path.write_text(text.replace("title: Group", "title: The Group", 1), encoding="utf-8")
    reading = {name for name, c in CHECKS.items() if "meetings" in c.reads} | {"health"}
    assert _to_run(settings) == reading
    assert _plan(settings).paths() == {MEETING}  # the one file the reference check reads
    assert {"references", "rules-meetings", "attention-meetings"} <= reading
    assert "report-periods" not in reading and "attention-agreements" not in reading
    result = check_findings(settings)
    assert result.findings == check(settings_for(root)).findings
    # the health at the quarter ends rates service levels and agreements on every record
    # it reads: the reports and agreements are read again with a meeting
    assert result.repository.reports != {} and result.repository.agreements != {}
    assert result.repository.customers != {}  # when each customer last met is judged again
    assert _to_run(settings) == set()
