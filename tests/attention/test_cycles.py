"""brm attention's recurring items on a copy of the example: each customer's business plan
for the year and its next survey round, with keys that name the customer and the period."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from brm_build.cli import main

ROOT = Path(__file__).resolve().parents[2]
TODAY = "2026-11-26"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A copy of the example organisation's records."""
    shutil.copytree(ROOT / "records", tmp_path / "records")
    shutil.copy(ROOT / "brm.yaml", tmp_path / "brm.yaml")
    return tmp_path


def _items(capsys: pytest.CaptureFixture[str], root: Path, today: str = TODAY) -> dict[str, Any]:
    code = main(
        ["attention", "--root", str(root), "--today", today, "--no-cache", "--format", "json"]
    )
    assert code == 0
    return {i["key"]: i for i in json.loads(capsys.readouterr().out)["items"]}


def _edit(path: Path, change: Any) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_a_customer_without_a_plan_for_next_year_is_due_within_its_first_90_days(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    items = _items(capsys, repo)
    plans = {k: i for k, i in items.items() if i["kind"] == "plan"}
    # finance, manufacturing and retail have a plan for 2027 already; every customer one for 2026
    assert sorted(plans) == [
        "plan:human-resources:2027",
        "plan:research-development:2027",
        "plan:sales-marketing:2027",
        "plan:supply-chain:2027",
    ]
    hr = plans["plan:human-resources:2027"]
    assert (hr["due"], hr["overdue"], hr["file"]) == (
        "2027-03-31",
        False,
        "records/customers/human-resources.yaml",
    )
    assert hr["line"] == 25  # at its plans
    assert hr["owners"] == ["@anna-lind"]
    on_day = _items(capsys, repo, "2027-03-31")["plan:human-resources:2027"]
    assert not on_day["overdue"]
    after = _items(capsys, repo, "2027-04-01")
    assert after["plan:human-resources:2027"]["overdue"]
    assert "plan:human-resources:2028" in after and "plan:finance:2027" not in after


def test_recording_a_plan_clears_its_item_and_other_edits_keep_the_keys(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    before = _items(capsys, repo)
    path = repo / "records/customers/human-resources.yaml"
    _edit(path, lambda d: d.update(summary="Renamed and rewritten."))
    assert set(_items(capsys, repo)) == set(before)
    _edit(path, lambda d: d["plans"].insert(0, {"period": "2027", "summary": "Grow."}))
    after = _items(capsys, repo)
    assert set(before) - set(after) == {"plan:human-resources:2027"}
    assert set(after) - set(before) == set()


def test_the_next_survey_round_of_each_customer_follows_its_latest(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    items = _items(capsys, repo)
    surveys = {k: i for k, i in items.items() if i["kind"] == "survey"}
    assert len(surveys) == 7 and all(k.endswith(":2026-Q4") for k in surveys)
    finance = surveys["survey:finance:2026-Q4"]
    assert (finance["due"], finance["overdue"]) == ("2027-01-15", False)
    assert _items(capsys, repo, "2027-01-16")["survey:finance:2026-Q4"]["overdue"]
    # a round of 2026-Q4 that only a purchaser of finance answered moves finance on alone
    round_ = {
        "title": "Q4",
        "period": "2026-Q4",
        "closed": "2027-01-20",
        "responses": [{"customer": "treasury", "csat": 4}],
    }
    (repo / "records/surveys/csat-2026-q4.yaml").write_text(yaml.safe_dump(round_))
    after = {k: i for k, i in _items(capsys, repo).items() if i["kind"] == "survey"}
    assert after["survey:finance:2027-Q1"]["due"] == "2027-04-20"
    assert set(after) - {"survey:finance:2027-Q1"} == set(surveys) - {"survey:finance:2026-Q4"}


def test_a_customer_in_no_round_is_due_with_the_next_and_none_without_surveys(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    for old in repo.glob("records/surveys/*.yaml"):
        old.unlink()
    round_ = {
        "title": "Q3",
        "period": "2026-Q3",
        "closed": "2026-10-15",
        "responses": [{"customer": "treasury", "csat": 4}],
    }
    (repo / "records/surveys/csat-2026-q3.yaml").write_text(yaml.safe_dump(round_))
    items = _items(capsys, repo)
    retail = items["survey:retail:2026-Q4"]
    assert retail["due"] == "2027-01-15" and "in no round yet" in retail["text"]
    assert "after 2026-Q3" in items["survey:finance:2026-Q4"]["text"]
    for old in repo.glob("records/surveys/*.yaml"):
        old.unlink()
    assert not [k for k in _items(capsys, repo) if k.startswith("survey:")]
