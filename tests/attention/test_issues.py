"""The plan of issues for attention items: create, update, close, and nothing else."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from brm_build.attention.issues import (
    LABEL,
    Issue,
    ItemsError,
    OpenIssue,
    assignable,
    key_of,
    marker,
    plan,
    wanted,
)
from brm_build.attention.items import attention_items
from brm_build.attention.render import render_json
from brm_build.check import check

from ..conftest import ROOT, settings_for


@pytest.fixture(scope="module")
def example() -> dict[str, Any]:
    """What brm attention --format json says of the example organisation half a year on,
    when much is overdue."""
    later = dt.date(2027, 6, 1)
    settings = settings_for(ROOT, later)
    repo = check(settings).repository
    text = render_json(attention_items(repo, later, settings.config), later)
    document: dict[str, Any] = json.loads(text)
    return document


def applied(document: dict[str, Any], issues: list[OpenIssue], days: int = 0) -> list[OpenIssue]:
    """The open issues after the plan is carried out, numbered on from the highest."""
    open_ = {i.number: i for i in issues}
    number = max(open_, default=0)
    for change in plan(document, issues, days):
        if change.action == "close":
            del open_[change.number or 0]
            continue
        assert change.issue is not None
        if change.action == "create":
            number += 1
        at = number if change.number is None else change.number
        open_[at] = OpenIssue(at, change.issue.title, change.issue.body, change.issue.assignees)
    return sorted(open_.values(), key=lambda i: i.number)


def test_each_overdue_item_gets_one_issue_with_its_key(example: dict[str, Any]) -> None:
    overdue = [i for i in example["items"] if i["overdue"]]
    assert len(overdue) > 10
    changes = plan(example, [])
    assert [c.action for c in changes] == ["create"] * len(overdue)
    assert [c.key for c in changes] == [i["key"] for i in overdue]
    for change, item in zip(changes, overdue, strict=True):
        assert change.issue is not None
        assert key_of(change.issue.body) == item["key"]
        title, text = change.issue.title, item["text"]
        # a long text is cut in the title (hosts allow 255 characters), kept in the body
        assert title == text or (len(title) == 200 and title == text[:199] + "…")
        assert f"`{item['file']}:{item['line']}`" in change.issue.body


def test_a_plan_carried_out_leaves_nothing_to_do(example: dict[str, Any]) -> None:
    issues = applied(example, [])
    assert plan(example, issues) == []
    # hosts hand bodies back with CRLF and assignees in any order
    crlf = [
        OpenIssue(i.number, i.title, i.body.replace("\n", "\r\n"), i.assignees[::-1])
        for i in issues
    ]
    assert plan(example, crlf) == []


def test_changed_text_or_owners_update_the_issue(example: dict[str, Any]) -> None:
    issues = applied(example, [])
    changed = json.loads(json.dumps(example))
    first, second = [i for i in changed["items"] if i["overdue"]][:2]
    first["text"] += " (moved to the boardroom)"
    second["owners"] = ["@new-owner", "@meridian/brm-team"]
    changes = plan(changed, issues)
    assert [(c.action, c.key) for c in changes] == [
        ("update", first["key"]),
        ("update", second["key"]),
    ]
    updated = {c.key: c.issue for c in changes if c.issue}
    assert updated[first["key"]].title.endswith("(moved to the boardroom)")
    assert updated[second["key"]].assignees == ("new-owner",)  # a team cannot be assigned
    assert "`@meridian/brm-team`" in updated[second["key"]].body


def test_a_cleared_item_closes_its_issue(example: dict[str, Any]) -> None:
    issues = applied(example, [])
    cleared = json.loads(json.dumps(example))
    gone = [i for i in cleared["items"] if i["overdue"]][3]
    cleared["items"].remove(gone)
    (change,) = plan(cleared, issues)
    closed = next(i for i in issues if key_of(i.body) == gone["key"])
    assert (change.action, change.key, change.number, change.issue) == (
        "close",
        gone["key"],
        closed.number,
        None,
    )
    # an item that is no longer overdue clears too (a meeting held, a date moved on)
    moved = json.loads(json.dumps(example))
    item = next(i for i in moved["items"] if i["key"] == gone["key"])
    item["overdue"], item["due"] = False, "2027-09-01"
    assert [(c.action, c.key) for c in plan(moved, issues)] == [("close", gone["key"])]


def test_issues_without_the_marker_are_never_touched(example: dict[str, Any]) -> None:
    key = next(i["key"] for i in example["items"] if i["overdue"])
    theirs = [
        OpenIssue(1, "Printer on floor 3 jams", "Someone opened this by hand.", ("alice",)),
        OpenIssue(2, "Quoting brm", f"The marker quoted inline: {marker(key)} here", ()),
        OpenIssue(3, "An old key, reworded", "brm-attention-key: meeting:finance", ()),
    ]
    changes = plan(example, theirs)
    assert {c.action for c in changes} == {"create"}
    assert not {c.number for c in changes} & {1, 2, 3}
    assert {c.key for c in changes} >= {key}


def test_a_second_issue_with_the_same_key_is_closed(example: dict[str, Any]) -> None:
    issues = applied(example, [])
    copy = OpenIssue(900, issues[0].title, issues[0].body, issues[0].assignees)
    assert [(c.action, c.number) for c in plan(example, [*issues, copy])] == [("close", 900)]


def test_items_due_soon_get_an_issue_only_within_days(example: dict[str, Any]) -> None:
    today = dt.date.fromisoformat(example["today"])
    soon = [
        i["key"]
        for i in example["items"]
        if not i["overdue"] and i["due"] <= (today + dt.timedelta(days=30)).isoformat()
    ]
    assert soon
    assert not set(soon) & set(wanted(example, 0))
    assert set(soon) <= set(wanted(example, 30))


def test_an_issue_says_what_the_item_says_without_running_its_markdown() -> None:
    key = "action:2026-11-10-finance-review:0a1b2c3d4e5f"
    item: dict[str, Any] = {
        "key": key,
        "kind": "action",
        "due": None,
        "overdue": True,
        "customer": "finance",
        "owners": ["@anna-lind", "@anna-lind", "@meridian/brm-team"],
        "file": "records/meetings/2026/2026-11-10-finance-review.md",
        "line": 30,
        "text": "Anna: ping @everyone <script>x</script> **now**",
    }
    (issue,) = wanted({"today": "2026-11-26", "items": [item]}, 0).values()
    assert issue.assignees == ("anna-lind",)
    assert "* Due: now (overdue)" in issue.body
    first = issue.body.splitlines()[0]
    assert "<script>" not in first and "**now**" not in first
    assert "@everyone" not in first.replace("`@everyone`", "")
    assert issue.body.endswith(marker(key) + "\n")


@pytest.mark.parametrize(
    "document",
    [
        [],
        {"items": []},
        {"today": "2026-11-26"},
        {"today": "2026-11-26", "items": [{"key": "x"}]},
        {"today": "2026-11-26", "items": ["x"]},
    ],
)
def test_items_of_another_shape_are_refused(document: object) -> None:
    with pytest.raises(ItemsError):
        plan(document, [])


def test_keys_and_handles() -> None:
    assert key_of("text\n" + marker("survey:finance:2027-Q1") + "\n") == "survey:finance:2027-Q1"
    with pytest.raises(ItemsError):
        marker("x --> <b>")
    assert assignable(["@b", "@a", "@org/team", "@a"]) == ("a", "b")
    assert Issue("t", "b", ()).assignees == ()
    assert LABEL == "brm-attention"
