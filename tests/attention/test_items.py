"""brm attention on a copy of the example: keys that survive edits, filters and the calendar."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from brm_build.cli import main

ROOT = Path(__file__).resolve().parents[2]
TODAY = "2026-11-26"
MEETING = Path("records/meetings/2026/2026-11-10-finance-relationship-review.md")


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the example organisation's records."""
    root = tmp_path_factory.mktemp("example")
    shutil.copytree(ROOT / "records", root / "records")
    shutil.copy(ROOT / "brm.yaml", root / "brm.yaml")
    return root


def _run(capsys: pytest.CaptureFixture[str], root: Path, *extra: str) -> str:
    code = main(["attention", "--root", str(root), "--today", TODAY, "--no-cache", *extra])
    out = capsys.readouterr().out
    assert code == 0
    return out


def _items(capsys: pytest.CaptureFixture[str], root: Path, *extra: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = json.loads(_run(capsys, root, "--format", "json", *extra))[
        "items"
    ]
    return items


def _rewrite(path: Path, change: Any) -> None:
    """Change the front matter of a meeting file, keeping its notes."""
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    data = yaml.safe_load(front)
    change(data)
    path.write_text(
        "---\n" + yaml.safe_dump(data, allow_unicode=True) + "---\n" + body, encoding="utf-8"
    )


def test_keys_survive_reordering_actions_and_editing_other_fields(
    capsys: pytest.CaptureFixture[str], repo: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(repo, copy)
    before = {i["key"]: i for i in _items(capsys, copy)}

    def reorder(data: dict[str, Any]) -> None:
        data["actions"].reverse()
        data["title"] = "Renamed review"

    _rewrite(copy / MEETING, reorder)
    after = {i["key"]: i for i in _items(capsys, copy)}
    assert set(after) == set(before)
    mine = [k for k in after if k.startswith(f"action:{MEETING.stem}:")]
    assert len(mine) >= 2
    assert {after[k]["text"] for k in mine} == {before[k]["text"] for k in mine}
    assert any(after[k]["line"] != before[k]["line"] for k in mine)


def test_an_items_due_day_is_when_the_check_warns(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    items = _items(capsys, repo)
    assert all(not i["overdue"] for i in items)  # the example checks without warnings
    later = "2027-03-01"
    code = main(["check", "--root", str(repo), "--today", later, "--no-cache", "--format", "json"])
    kinds = {"action-overdue": "action", "customer-no-recent-meeting": "meeting"}
    kinds |= {"feedback-open-too-long": "feedback"}
    warned = {
        (kinds[f["code"]], f["path"], f["line"])
        for f in json.loads(capsys.readouterr().out)
        if f["code"] in kinds
    }
    assert code == 0
    code = main(
        ["attention", "--root", str(repo), "--today", later, "--no-cache", "--format", "json"]
    )
    listed = json.loads(capsys.readouterr().out)["items"]
    overdue = {
        ("feedback" if i["key"].startswith("feedback:") else i["kind"], i["file"], i["line"])
        for i in listed
        if i["overdue"]
        and i["kind"] not in ("agreement-renewal", "agreement-end", "agreement-review")
        and i["kind"] not in ("plan", "survey")  # items only: the check does not warn
    }
    assert {k for k, _, _ in warned} == {"action", "meeting", "feedback"}
    assert overdue == warned


def test_owner_filters_and_days_limit_the_text(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    everyone = _items(capsys, repo)
    anna = _items(capsys, repo, "--owner", "anna-lind")
    assert anna and len(anna) < len(everyone)
    assert all("@anna-lind" in i["owners"] for i in anna)
    assert _items(capsys, repo, "--owner", "@nobody-here") == []
    week = _run(capsys, repo, "--days", "8")
    assert "2026-12-04" in week and "2026-12-11" not in week
    assert "2026-12-11" in _run(capsys, repo)


def test_the_calendar_parses_back_with_one_event_per_dated_item(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    from icalendar import Calendar

    items = [i for i in _items(capsys, repo) if i["due"]]
    main(["attention", "--root", str(repo), "--today", TODAY, "--no-cache", "--format", "ics"])
    raw = capsys.readouterr().out.encode()
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and all(
        len(line) <= 75 for line in raw.split(b"\r\n")
    )
    events = Calendar.from_ical(raw).walk("VEVENT")
    assert [str(e["uid"]).removesuffix("@attention.brm") for e in events] == [
        i["key"] for i in items
    ]
    assert [e.decoded("dtstart") for e in events] == [
        dt.date.fromisoformat(i["due"]) for i in items
    ]
