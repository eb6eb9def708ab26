"""``brm attention`` as text, JSON and Markdown: overdue first, then what comes up."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

from ..escape.logline import printable
from ..escape.markdown import code_span, table_cell
from ..escape.markdown import text as md_text
from .items import Item

DEFAULT_DAYS = 90
"""Text and Markdown show what comes up within this many days (JSON and ICS show all)."""


def within(items: Sequence[Item], today: dt.date, days: int) -> list[Item]:
    """The items overdue or due by ``days`` days after ``today``."""
    limit = today + dt.timedelta(days=days)
    return [i for i in items if i.due is None or i.due <= limit]


def _when(item: Item, today: dt.date) -> str:
    if item.due is None:
        return "now"
    return str(item.due)


def render_text(items: Sequence[Item], today: dt.date, days: int) -> str:
    """Aligned lines for people: overdue, then coming up within ``days``."""
    shown = within(items, today, days)
    overdue = [i for i in shown if i.overdue(today)]
    coming = [i for i in shown if not i.overdue(today)]
    lines = []
    for title, group in ((f"Overdue as of {today}", overdue), (f"Due within {days} days", coming)):
        lines.append(f"{title} ({len(group)})")
        for i in group:
            owners = ", ".join(i.owners) or "no owner"
            lines.append(f"  {_when(i, today):10}  {i.kind:18} {i.customer}  {i.text}")
            lines.append(f"  {'':10}  {i.path}:{i.line}  ({owners})  {i.key}")
    return "".join(printable(line) + "\n" for line in lines)


def render_markdown(items: Sequence[Item], today: dt.date, days: int) -> str:
    """A Markdown table of what is overdue or due within ``days``."""
    lines = [
        f"# Attention as of {today}",
        "",
        "| Due | Kind | Customer | What | Owners | Where |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for i in within(items, today, days):
        due = _when(i, today) + (" (overdue)" if i.overdue(today) else "")
        owners = ", ".join(code_span(o) for o in i.owners)
        where = code_span(f"{i.path}:{i.line}")
        cells = (due, i.kind, md_text(i.customer), md_text(i.text), owners, where)
        lines.append("| " + " | ".join(table_cell(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"


def render_json(items: Sequence[Item], today: dt.date) -> str:
    """Every item, overdue and future alike, for tools."""
    rows = [
        {
            "key": i.key,
            "kind": i.kind,
            "due": None if i.due is None else i.due.isoformat(),
            "overdue": i.overdue(today),
            "customer": i.customer,
            "owners": list(i.owners),
            "file": i.path,
            "line": i.line,
            "text": i.text,
        }
        for i in items
    ]
    return json.dumps({"today": today.isoformat(), "items": rows}, indent=2) + "\n"
