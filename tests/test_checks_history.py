"""``brm check`` warns when the agreement's git history shows a target changed after
periods were reported and the records no longer judge them against the target of then."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from brm_build.check import check
from brm_build.cli import main
from brm_build.model.settings import CacheSettings, Settings

from .conftest import settings_for

TODAY = dt.date(2026, 8, 15)
MEETING = """---
title: Review
date: 2026-08-01
customers: [finance]
type: relationship-review
---
"""
FILES = {
    "records/services/erp.yaml": "name: ERP\nowner: {name: Eva Ops, email: eva@example.org}\n"
    "status: live\n",
    "records/customers/finance.yaml": """name: Finance
role: customer
manager: {name: Martin Keller, email: martin@example.org}
relationship_manager: {name: Anna Lind, email: anna@example.org}
""",
    "records/meetings/2026/2026-08-01-review.md": MEETING,
}
AGREEMENT = """title: ERP for Finance
customer: finance
services: [erp]
status: active
valid_from: 2026-01-01
service_levels:
  - id: availability
    metric: ERP availability
    target: {target}
    unit: percent
    direction: at_least{earlier}
"""
KEPT = '\n    earlier_targets:\n      - {until: "2026-06", target: 99.5}'


def _report(*periods: str) -> str:
    lines = ["agreement: erp\n", "measurements:\n"]
    for period in periods:
        lines.append(f'  - period: "{period}"\n    results: {{availability: 99.2}}\n')
    return "".join(lines)


def git(root: Path, *args: str) -> None:
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(root)}
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def commit(root: Path, files: dict[str, str], message: str) -> None:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """Agreed 99.5 and reported April to June; then the target was lowered to 99."""
    root = tmp_path / "records-repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.name", "Test Writer")
    git(root, "config", "user.email", "writer@example.org")
    git(root, "config", "commit.gpgsign", "false")
    agreement = {"records/agreements/erp.yaml": AGREEMENT.format(target=99.5, earlier="")}
    commit(root, {**FILES, **agreement}, "Agree ERP availability")
    report = _report("2026-04", "2026-05", "2026-06")
    commit(root, {"records/reports/erp.yaml": report}, "Report April to June")
    lowered = AGREEMENT.format(target=99, earlier="")
    commit(root, {"records/agreements/erp.yaml": lowered}, "Lower the availability target")
    return root


def _history_findings(root: Path) -> list[tuple[str, int, str, str]]:
    result = check(settings_for(root, TODAY))
    return [
        (f.path, f.line, f.field, f.message)
        for f in result.findings
        if f.code == "target-changed-after-reports"
    ]


def test_a_target_lowered_after_reports_without_earlier_targets_warns(repo: Path) -> None:
    ((path, line, field, message),) = _history_findings(repo)
    assert (path, line, field) == ("records/agreements/erp.yaml", 9, "service_levels[0].target")
    assert "changed from 99.5 to 99 in commit " in message
    assert "after 2026-04 to 2026-06 had been reported" in message
    assert "now judged against 99 instead of 99.5" in message
    assert 'earlier_targets: [{until: "2026-06", target: 99.5}]' in message
    assert check(settings_for(repo, TODAY)).warnings == 1


def test_keeping_the_old_target_in_earlier_targets_ends_the_warning(repo: Path) -> None:
    kept = AGREEMENT.format(target=99, earlier=KEPT)
    (repo / "records/agreements/erp.yaml").write_text(kept, encoding="utf-8")
    assert _history_findings(repo) == []  # in the working tree
    commit(repo, {}, "Keep the old target for the reported periods")
    assert _history_findings(repo) == []


def test_an_entry_that_covers_too_little_still_warns(repo: Path) -> None:
    short = KEPT.replace("2026-06", "2026-04")
    (repo / "records/agreements/erp.yaml").write_text(
        AGREEMENT.format(target=99, earlier=short), encoding="utf-8"
    )
    ((_, _, _, message),) = _history_findings(repo)
    assert "after 2026-05 to 2026-06 had been reported" in message


def test_a_target_changed_before_any_report_does_not_warn(tmp_path: Path) -> None:
    root = tmp_path / "r"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.name", "Test Writer")
    git(root, "config", "user.email", "writer@example.org")
    git(root, "config", "commit.gpgsign", "false")
    first = {"records/agreements/erp.yaml": AGREEMENT.format(target=99.5, earlier="")}
    commit(root, {**FILES, **first}, "Draft")
    commit(root, {"records/agreements/erp.yaml": AGREEMENT.format(target=99, earlier="")}, "99")
    commit(root, {"records/reports/erp.yaml": _report("2026-04", "2026-05")}, "Report")
    assert _history_findings(root) == []


def test_outside_git_there_is_no_history_and_no_warning(repo: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(repo, copy, ignore=shutil.ignore_patterns(".git"))
    assert _history_findings(copy) == []
    assert check(settings_for(copy, TODAY)).findings == []


def test_the_cli_sees_a_new_commit_past_its_cache(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same files, checked before and after the commit that lowers the target."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    git(repo, "reset", "-q", "--soft", "HEAD~1")  # the lowered target, not yet committed
    (repo / ".gitignore").write_text(".brm-cache/\n", encoding="utf-8")
    args = ["check", "--root", str(repo), "--today", TODAY.isoformat(), "--strict"]
    assert main(args) == 0
    assert (repo / ".brm-cache").is_dir()
    git(repo, "commit", "-q", "-m", "Lower the availability target")
    assert main(args) == 1
    assert "warning[target-changed-after-reports]" in capsys.readouterr().out


def _cached(root: Path, tmp_path: Path) -> Settings:
    folder = str(tmp_path / "cache" / "check")
    return replace(settings_for(root, TODAY), cache=CacheSettings(folder, str(tmp_path / "key")))


def test_the_warnings_are_kept_until_an_agreement_or_a_commit_changes(
    repo: Path, tmp_path: Path
) -> None:
    """A cached run does not ask git for old versions again: with the first version's
    blob gone it still warns, until the agreement or the history changes."""
    cached = _cached(repo, tmp_path)
    assert check(cached).findings == check(settings_for(repo, TODAY)).findings
    meeting = repo / "records/meetings/2026/2026-08-01-review.md"
    meeting.write_text(MEETING + "\nNotes.\n", encoding="utf-8")
    blob = subprocess.run(
        ["git", "rev-parse", "HEAD~2:records/agreements/erp.yaml"],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    (repo / ".git" / "objects" / blob[:2] / blob[2:]).unlink()
    assert _history_findings(repo) == []  # git no longer holds the version before
    assert [f.code for f in check(cached).findings] == ["target-changed-after-reports"]
    kept = AGREEMENT.format(target=99, earlier=KEPT)
    (repo / "records/agreements/erp.yaml").write_text(kept, encoding="utf-8")
    assert check(cached).findings == []


def test_an_edited_agreement_is_judged_again_by_the_cached_check(
    repo: Path, tmp_path: Path
) -> None:
    cached = _cached(repo, tmp_path)
    agreement = repo / "records/agreements/erp.yaml"
    for earlier in ("", KEPT, KEPT.replace("2026-06", "2026-04"), "", KEPT):
        agreement.write_text(AGREEMENT.format(target=99, earlier=earlier), encoding="utf-8")
        assert check(cached).findings == check(settings_for(repo, TODAY)).findings
    commit(repo, {}, "Keep the old target")
    assert check(cached).findings == check(settings_for(repo, TODAY)).findings
