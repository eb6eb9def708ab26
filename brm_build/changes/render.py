"""Render a change set as text for a terminal or as Markdown for a pull request."""

from __future__ import annotations

import json
from collections.abc import Callable

from ..escape.logline import printable
from ..escape.markdown import code_span
from ..escape.markdown import text as md_text
from .changeset import Change, ChangeSet, FieldChange, RecordChange

MARKDOWN_LIMIT = 60_000
"""A pull-request comment holds at most 65,536 characters; longer summaries are cut."""


def headline(changes: ChangeSet) -> str:
    """Counts of what changed, in one line."""
    parts = [
        f"{len(changes.of(change))} {change.value}"
        for change in (Change.ADDED, Change.REMOVED, Change.RENAMED, Change.CHANGED)
        if changes.of(change)
    ]
    if changes.unreadable:
        parts.append(f"{len(changes.unreadable)} could not be read")
    return ", ".join(parts) if parts else "no record changed"


def _where(changes: ChangeSet) -> str:
    head = "the working tree" if changes.head == "working tree" else changes.head
    return f"from {changes.base} to {head}"


def _field_line(f: FieldChange, value: Callable[[str], str], text: Callable[[str], str]) -> str:
    """One field change as ``path: old → new unit``, values and words rendered by the
    format's own functions."""
    note = f" ({text(f.note)})" if f.note else ""
    path = value(f.path)
    if f.change is Change.ADDED:
        return f"{path}: added" + (f" {value(f.new)}" if f.new is not None else "") + note
    if f.change is Change.REMOVED:
        return f"{path}: removed" + (f" {value(f.old)}" if f.old is not None else "") + note
    if f.old is not None and f.new is not None:
        unit = f" {text(f.unit)}" if f.unit else ""
        return f"{path}: {value(f.old)} → {value(f.new)}{unit}{note}"
    return f"{path}: {text(f.note)}"


def _plain(value: str) -> str:
    return value


def field_text(f: FieldChange) -> str:
    """One field change as ``path: old → new unit``."""
    return _field_line(f, _plain, _plain)


def _title(r: RecordChange) -> str:
    return f"{r.kind} {r.id} {json.dumps(r.label, ensure_ascii=False)}"


Item = tuple[str, list[FieldChange | str]]
"""A line about one record, and the details under it: field changes or plain text."""


def _sections(changes: ChangeSet) -> list[tuple[str, list[Item]]]:
    """(heading, items) in reporting order, shared by both formats."""
    out: list[tuple[str, list[Item]]] = []
    review: list[Item] = [(f"{r.kind} {r.id}: {reason}", []) for r, reason in changes.review]
    added = [r for r in changes.of(Change.ADDED) if r.kind != "meeting"]
    meetings = [r for r in changes.of(Change.ADDED) if r.kind == "meeting"]
    surveys = [r for r in changes.records if r.responses_added]
    out += [
        ("Needs careful review", review),
        ("Added", [(f"{_title(r)} ({r.path})", []) for r in added]),
        ("Removed", [(f"{_title(r)} ({r.path})", []) for r in changes.of(Change.REMOVED)]),
        ("Renamed", [_renamed(r) for r in changes.of(Change.RENAMED)]),
        ("Changed", [_changed(r) for r in changes.of(Change.CHANGED)]),
        ("Meetings added", [(f"{r.facts}: {r.label} ({r.path})", []) for r in meetings]),
        (
            "Survey responses added",
            [
                (f"{_title(r)}: {r.responses_added} added ({r.responses} in all)", [])
                for r in surveys
            ],
        ),
        (
            "Could not be read",
            [(f"{u.path} at {u.revision}: {u.reason}", []) for u in changes.unreadable],
        ),
        (
            "Other files under records/",
            [(f"{o.path}: {o.change.value} ({o.reason})", []) for o in changes.others],
        ),
    ]
    return [(heading, items) for heading, items in out if items]


def _renamed(r: RecordChange) -> Item:
    how = "same content" if r.similarity == 100 else f"{r.similarity}% alike"
    line = f"{r.kind} {r.old_id} → {r.id} {json.dumps(r.label, ensure_ascii=False)} ({how})"
    return line, list(r.fields)


def _changed(r: RecordChange) -> Item:
    details: list[FieldChange | str] = list(r.fields)
    return f"{_title(r)} ({r.path})", details or ["no field changed (layout or comments only)"]


def render_text(changes: ChangeSet) -> str:
    """The change set for a terminal, grouped by record; a file name or value cannot end
    a line or start one (``escape.logline``)."""
    out = [f"Record changes {_where(changes)}: {headline(changes)}"]
    for heading, items in _sections(changes):
        out += ["", f"{heading}:"]
        for line, details in items:
            out.append(f"  {line}")
            out += [f"      {d if isinstance(d, str) else field_text(d)}" for d in details]
    return "\n".join(printable(line) for line in out) + "\n"


def _md_field(f: FieldChange) -> str:
    return _field_line(f, code_span, md_text)


def render_markdown(changes: ChangeSet, limit: int = MARKDOWN_LIMIT) -> str:
    """The change set as Markdown for a pull-request comment or a CI job summary."""
    where = md_text(_where(changes))
    out = [f"## Record changes {where}", "", f"**{md_text(headline(changes))}**"]
    for heading, items in _sections(changes):
        out += ["", f"### {heading}", ""]
        for line, details in items:
            out.append(f"- {md_text(line)}")
            out += [f"  - {md_text(d) if isinstance(d, str) else _md_field(d)}" for d in details]
    return _cut("\n".join(out) + "\n", limit)


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    kept = text[: text.rfind("\n", 0, limit - 200) + 1]
    left = text[len(kept) :].count("\n- ") + (1 if text[len(kept) :].startswith("- ") else 0)
    return kept + f"\n… and {left} more: run `brm diff` locally for the full list.\n"
