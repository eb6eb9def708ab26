"""``brm check`` warns with health-declined when a customer's relationship health at the
last quarter end is worse than at the one before, each rated on the records as they
stood then (tests/healthcase.py works out the ratings)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from brm_build.checks.health import last_quarter_ends
from brm_build.cli import main

from .healthcase import TODAY, history_repo, plain_repo


def _findings(root: Path, capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    main(["check", "--root", str(root), "--today", TODAY.isoformat(), "--format", "json"])
    found: list[dict[str, object]] = json.loads(capsys.readouterr().out)
    return [f for f in found if f["code"] == "health-declined"]


def test_a_fall_from_watch_to_act_is_a_warning_at_the_customer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Outside git the actions stand done: watch at the end of Q1; the escalation open at
    # the end of June makes Q2 act.
    found = _findings(plain_repo(tmp_path), capsys)
    assert [(f["path"], f["line"], f["field"], f["severity"]) for f in found] == [
        ("records/customers/finance.yaml", 1, "name", "warning")
    ]
    message = str(found[0]["message"])
    assert message.startswith(
        "relationship health fell from watch at the end of 2026-Q1 to act at the end of 2026-Q2"
    )
    assert "open complaints and escalations good → act" in message


def test_the_history_shows_it_was_no_fall(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # In git the January version held three overdue actions: Q1 was act already.
    assert _findings(history_repo(tmp_path), capsys) == []


def test_the_cached_check_follows_an_edit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = plain_repo(tmp_path)
    assert len(_findings(root, capsys)) == 1
    assert len(_findings(root, capsys)) == 1  # from the cache
    feedback = root / "records/feedback/2026/2026-05-02-close.yaml"
    feedback.write_text(
        feedback.read_text(encoding="utf-8").replace("2026-07-10", "2026-05-20"),
        encoding="utf-8",
    )
    assert _findings(root, capsys) == []  # resolved before the end of June: watch


@pytest.mark.parametrize(
    ("today", "ends"),
    [
        (dt.date(2026, 8, 15), ("2026-Q1", "2026-Q2")),
        (dt.date(2026, 6, 30), ("2026-Q1", "2026-Q2")),
        (dt.date(2026, 6, 29), ("2025-Q4", "2026-Q1")),
        (dt.date(2026, 1, 1), ("2025-Q3", "2025-Q4")),
    ],
)
def test_the_last_two_quarter_ends(today: dt.date, ends: tuple[str, str]) -> None:
    assert last_quarter_ends(today) == ends
