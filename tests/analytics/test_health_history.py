"""Relationship health at each quarter's end, on a small repository whose git history was
made commit by commit on known days; every rating is worked out by hand below.

One customer, finance, with no survey and no agreement: satisfaction, its trend and
service levels are watch at every quarter end, so the overall rating is watch unless
actions, feedback or meetings call for action (the rules of analytics.signals).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from brm_build.analytics.health_history import health_history
from brm_build.changes.versions import Versions
from brm_build.cli import main
from brm_build.settings import load_config

from ..casebuilder import run_check
from ..healthcase import TODAY, history_repo, plain_repo


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return history_repo(tmp_path / "org")


def _stats(root: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> str:
    code = main(["stats", "--root", str(root), "--today", TODAY.isoformat(), *extra])
    out = capsys.readouterr().out
    assert code == 0, out
    return out


def test_each_quarter_end_as_the_records_stood_then(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    history = json.loads(_stats(repo, capsys, "--format", "json"))["health_history"]
    # Q1 (31 March): the January version holds three open actions due 1 February, three
    # overdue: act. Q2 (30 June): the actions are done, the last meeting 20 days back, but
    # the escalation raised on 2 May is open until 10 July: act. Q3 (today, 15 August):
    # nothing open; the last meeting is 66 days back, more than 60 (two thirds of 90): watch.
    assert history == {"finance": {"2026-Q1": "act", "2026-Q2": "act", "2026-Q3": "watch"}}


def test_the_current_quarter_is_todays_rating(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = json.loads(_stats(repo, capsys, "--format", "json"))
    assert out["health_history"]["finance"]["2026-Q3"] == out["health"]["finance"]["status"]


def test_without_git_the_records_dates_alone(tmp_path: Path) -> None:
    root = plain_repo(tmp_path / "plain")
    result = run_check(root, TODAY)
    config = load_config(str(root))[0]
    quarters = ["2026-Q1", "2026-Q2", "2026-Q3"]
    history = health_history(result.repository, Versions(), config, quarters, TODAY)
    # The actions stand done now and nothing dates their change: Q1 is watch. The
    # escalation's own dates still place it open at the end of June: Q2 is act.
    assert history == {"finance": {"2026-Q1": "watch", "2026-Q2": "act", "2026-Q3": "watch"}}


def test_text_shows_the_ratings_by_quarter(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = _stats(repo, capsys)
    block = out[out.index("Relationship health at each quarter's end") :].splitlines()
    assert block[1].split() == ["Customer", "2026-Q1", "2026-Q2", "2026-Q3"]
    assert block[3].split() == ["Group", "Finance", "ACT", "ACT", "WATCH"]


def test_text_says_so_outside_git(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = _stats(plain_repo(tmp_path / "plain"), capsys)
    heading = next(line for line in out.splitlines() if "at each quarter's end" in line)
    assert "from the records' dates alone" in heading
