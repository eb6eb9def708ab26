"""The demo organisation: valid, realistic in its proportions, and the same for a seed."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from brm_build.check import check
from brm_build.cli import main
from brm_build.demo import (
    DEFAULT_TODAY,
    FILES_PER_SCALE,
    DemoError,
    DemoPlan,
    demo_files,
    write_demo,
)
from brm_build.findings import Severity

from .conftest import settings_for


@pytest.fixture(scope="module")
def scale_one(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo") / "org"
    assert write_demo(str(out), DemoPlan(scale=1)) == FILES_PER_SCALE + 2
    return out


def test_scale_one_has_no_findings(scale_one: Path) -> None:
    result = check(settings_for(scale_one, DEFAULT_TODAY))
    assert [f"{f.path}:{f.line} {f.code} {f.message}" for f in result.findings] == []
    assert result.files == FILES_PER_SCALE


def test_every_kind_in_its_proportion(scale_one: Path) -> None:
    repo = check(settings_for(scale_one, DEFAULT_TODAY)).repository
    roles = [c.record.role for c in repo.customers.values()]
    assert (roles.count("customer"), roles.count("purchaser")) == (10, 40)
    two_deep = [
        c
        for c in repo.customers.values()
        if c.record.parent and repo.customers[c.record.parent].record.role == "purchaser"
    ]
    assert two_deep
    assert (len(repo.services), len(repo.agreements), len(repo.reports)) == (10, 30, 30)
    assert min(len(r.record.measurements) for r in repo.reports.values()) >= 12
    assert {a.record.status for a in repo.agreements.values()} >= {"active", "expired"}
    assert len(repo.meetings) == 200
    assert all(m.body and m.body.startswith("# ") for m in repo.meetings.values())
    assert sum(len(s.record.responses) for s in repo.surveys.values()) == 200
    assert {s.record.period[4:6] for s in repo.surveys.values()} == {"-Q"}
    assert (len(repo.projects), len(repo.feedback)) == (10, 15)
    assert {f.record.type for f in repo.feedback.values()} == {
        "complaint",
        "compliment",
        "escalation",
    }


def test_same_seed_same_bytes(tmp_path: Path, scale_one: Path) -> None:
    again = tmp_path / "again"
    write_demo(str(again), DemoPlan(scale=1))
    first = {p.relative_to(scale_one): p.read_bytes() for p in scale_one.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first == second


def test_another_seed_or_date_changes_the_records() -> None:
    base = dict(demo_files(DemoPlan(scale=1)))
    assert dict(demo_files(DemoPlan(scale=1, seed=2))) != base
    moved = dict(demo_files(DemoPlan(scale=1, today=dt.date(2027, 3, 1))))
    assert moved != base


def test_each_company_is_the_same_at_every_scale_and_ids_never_repeat() -> None:
    one = dict(demo_files(DemoPlan(scale=1)))
    three = list(demo_files(DemoPlan(scale=3)))
    paths = [path for path, _ in three]
    assert len(paths) == len(set(paths)) == 3 * FILES_PER_SCALE + 2
    records_of_one = {p: t for p, t in one.items() if p.startswith("records/")}
    assert records_of_one.items() <= dict(three).items()


def test_valid_as_of_another_date(tmp_path: Path) -> None:
    plan = dataclasses.replace(DemoPlan(), today=dt.date(2031, 2, 3))
    write_demo(str(tmp_path / "org"), plan)
    findings = check(settings_for(tmp_path / "org", plan.today)).findings
    # Its service levels come and go over the years: a fall of health is its story, as in
    # the example; nothing else is found.
    assert [f for f in findings if f.code != "health-declined"] == []
    assert all(f.severity == Severity.WARNING for f in findings)


def test_refuses_a_folder_that_is_not_empty_or_a_file(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("keep me")
    with pytest.raises(DemoError, match="not empty"):
        write_demo(str(tmp_path), DemoPlan())
    with pytest.raises(DemoError, match="is a file"):
        write_demo(str(tmp_path / "notes.txt"), DemoPlan())
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_command_writes_then_refuses(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = str(tmp_path / "org")
    assert main(["demo", "--scale", "1", "--seed", "7", "--out", out]) == 0
    said, err = capsys.readouterr()
    assert said.startswith(f"wrote a demo organisation at scale 1 ({FILES_PER_SCALE + 2} files)")
    assert err == ""
    assert main(["demo", "--out", out]) == 2
    assert "is not empty" in capsys.readouterr().err
    assert main(["demo", "--scale", "0", "--out", str(tmp_path / "x")]) == 2
    assert "'0' is not a whole number of 1 or more" in capsys.readouterr().err
