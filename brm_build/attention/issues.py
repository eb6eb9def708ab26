"""One issue per attention item on the records' git host: what to create, update and close.

Pure: given the items of ``brm attention --format json`` and the open issues that carry
brm's label, the plan says which issues to open, which to bring up to date and which to
close because their item no longer needs attention. An issue is brm's only when its body
holds the marker with the item's stable key; every other issue is left alone.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from ..escape.markdown import code_span
from ..escape.markdown import text as md_text

LABEL = "brm-attention"
"""The label of every issue brm opens; only open issues with it are listed and planned."""
_KEY = r"[A-Za-z0-9][A-Za-z0-9:._-]{0,199}"
_MARKER = re.compile(rf"^<!-- brm-attention-key: ({_KEY}) -->$", re.MULTILINE)
TITLE_LIMIT = 200
"""Titles are cut to this many characters (hosts allow 255)."""


class ItemsError(ValueError):
    """The items are not what ``brm attention --format json`` writes."""


@dataclass(frozen=True, slots=True)
class Issue:
    """An issue as brm wants it: its title, body and the handles it is assigned to."""

    title: str
    body: str
    assignees: tuple[str, ...]
    """User names without the @, sorted; a team (``@org/team``) cannot be assigned."""


@dataclass(frozen=True, slots=True)
class OpenIssue:
    """An open issue on the host, as listed."""

    number: int
    title: str
    body: str
    assignees: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Change:
    """One step of the plan: open an issue, update one, or close one."""

    action: Literal["create", "update", "close"]
    key: str
    number: int | None
    """The issue's number (None for one to create)."""
    issue: Issue | None
    """What the issue is to say (None for one to close)."""


def marker(key: str) -> str:
    """The line that names the item an issue is about (an HTML comment: not shown)."""
    if not re.fullmatch(_KEY, key):
        raise ItemsError(f"the key {key!r} is not one that brm attention writes")
    return f"<!-- brm-attention-key: {key} -->"


def key_of(body: str) -> str | None:
    """The item key in an issue's body, or None: the issue is not brm's."""
    found = _MARKER.search(body.replace("\r\n", "\n"))  # hosts may hand back CRLF
    return found.group(1) if found else None


def assignable(owners: Iterable[str]) -> tuple[str, ...]:
    """The owners that can be assigned: user handles without their @, once each, sorted."""
    names = {o.removeprefix("@") for o in owners if "/" not in o}
    return tuple(sorted(n for n in names if n))


def _due(item: Mapping[str, Any]) -> str:
    due = item["due"] or "now"
    return f"{due} (overdue)" if item["overdue"] else str(due)


def issue_of(item: Mapping[str, Any]) -> Issue:
    """The issue for one item of ``brm attention --format json``."""
    text = str(item["text"])
    title = text if len(text) <= TITLE_LIMIT else text[: TITLE_LIMIT - 1] + "…"
    owners = [str(o) for o in item["owners"]]
    where = f"{item['file']}:{item['line']}"
    lines = [
        md_text(text),
        "",
        f"* Due: {_due(item)}",
        f"* Customer: {code_span(str(item['customer']))}",
        f"* Owners: {', '.join(code_span(o) for o in owners) or 'none'}",
        f"* Record: {code_span(where)}",
        "",
        "brm opens, updates and closes this issue from `brm attention`: change the records, "
        "and it is closed once the item needs no attention.",
        "",
        marker(str(item["key"])),
    ]
    return Issue(title, "\n".join(lines) + "\n", assignable(owners))


_FIELDS = {"key": str, "kind": str, "customer": str, "text": str, "file": str, "line": int}


def _checked(item: object, n: int) -> Mapping[str, Any]:
    if not isinstance(item, dict):
        raise ItemsError(f"item {n + 1} is not an object")
    for name, kind in _FIELDS.items():
        if not isinstance(item.get(name), kind):
            raise ItemsError(f"item {n + 1} has no {name} ({kind.__name__})")
    if not isinstance(item.get("overdue"), bool) or not isinstance(item.get("owners"), list):
        raise ItemsError(f"item {n + 1} has no overdue (true or false) or owners (a list)")
    if item.get("due") is not None and not isinstance(item["due"], str):
        raise ItemsError(f"item {n + 1} has a due that is not a date")
    return item


def wanted(document: object, days: int) -> dict[str, Issue]:
    """The issue of each item overdue, or due within ``days`` of the items' ``today``, by
    key, in the items' order."""
    if not isinstance(document, dict) or not isinstance(document.get("items"), list):
        raise ItemsError("not the output of brm attention --format json: no items")
    try:
        today = dt.date.fromisoformat(str(document.get("today")))
    except ValueError:
        raise ItemsError("not the output of brm attention --format json: no today") from None
    limit = (today + dt.timedelta(days=days)).isoformat()
    items = [_checked(item, n) for n, item in enumerate(document["items"])]
    return {
        str(i["key"]): issue_of(i)
        for i in items
        if i["overdue"] or i["due"] is None or str(i["due"]) <= limit
    }


def _differs(issue: Issue, current: OpenIssue) -> bool:
    return (issue.title, issue.body.strip(), issue.assignees) != (
        current.title,
        current.body.replace("\r\n", "\n").strip(),
        tuple(sorted(current.assignees)),
    )


def plan(document: object, open_issues: Sequence[OpenIssue], days: int = 0) -> list[Change]:
    """What to do so that each item due gets one open issue and no other stays open: new
    items first, in the items' order, then updates and closes by issue number. A second
    open issue with the same key is closed; an issue without the marker is never touched."""
    want = wanted(document, days)
    mine: dict[str, OpenIssue] = {}
    extra: list[tuple[str, OpenIssue]] = []
    for current in sorted(open_issues, key=lambda i: i.number):
        key = key_of(current.body)
        if key is None:
            continue
        if key in mine:
            extra.append((key, current))
        else:
            mine[key] = current
    changes = [Change("create", k, None, issue) for k, issue in want.items() if k not in mine]
    for key, current in mine.items():
        issue = want.get(key)
        if issue is None:
            changes.append(Change("close", key, current.number, None))
        elif _differs(issue, current):
            changes.append(Change("update", key, current.number, issue))
    changes += [Change("close", key, current.number, None) for key, current in extra]
    creates = [c for c in changes if c.action == "create"]
    rest = sorted((c for c in changes if c.action != "create"), key=lambda c: c.number or 0)
    return creates + rest
