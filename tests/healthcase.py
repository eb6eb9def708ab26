"""A small case repository for relationship health over time: one customer, finance, with
no survey and no agreement, so that satisfaction, its trend and service levels are watch at
every quarter end and the overall rating is watch unless actions, feedback or meetings call
for action (the rules of analytics.signals)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .casebuilder import build, commit, git_init

TODAY = dt.date(2026, 8, 15)
JANUARY = """---
title: Finance kick-off
date: 2026-01-10
customers: [finance]
type: relationship-review
actions:
  - {{text: Send the export, owner: Anna Lind, due: 2026-02-01, status: {status}}}
  - {{text: Book the workshop, owner: Anna Lind, due: 2026-02-01, status: {status}}}
  - {{text: Share the plan, owner: Anna Lind, due: 2026-02-01, status: {status}}}
---
"""
MARCH = """---
title: Finance service review
date: 2026-03-20
customers: [finance]
type: service-review
---
"""
JUNE = """---
title: Finance relationship review
date: 2026-06-10
customers: [finance]
type: relationship-review
---
"""
ESCALATION = """type: escalation
date: 2026-05-02
customer: finance
level: 1
summary: The close is at risk.
status: resolved
resolved_on: 2026-07-10
"""
M_JAN = "records/meetings/2026/2026-01-10-kick-off.md"


def _files(root: Path) -> Path:
    """The repository without its base meeting: only the meetings below count."""
    (root / "records/meetings/2026/2026-05-20-finance-review.md").unlink()
    return root


def history_repo(root: Path) -> Path:
    """Three commits: January (three open actions), April (the actions done, the March
    meeting), July (the June meeting and an escalation raised in May, resolved in July)."""
    root = _files(build(root, {}))
    git_init(root)
    commit(root, "2026-01-12", {M_JAN: JANUARY.format(status="open")})
    commit(
        root,
        "2026-04-05",
        {M_JAN: JANUARY.format(status="done"), "records/meetings/2026/2026-03-20-sr.md": MARCH},
    )
    commit(
        root,
        "2026-07-20",
        {
            "records/meetings/2026/2026-06-10-rr.md": JUNE,
            "records/feedback/2026/2026-05-02-close.yaml": ESCALATION,
        },
    )
    return root


def plain_repo(root: Path) -> Path:
    """The records of the fixture as they stand at the end, in a folder outside git."""
    root = _files(build(root, {}))
    files = {
        M_JAN: JANUARY.format(status="done"),
        "records/meetings/2026/2026-03-20-sr.md": MARCH,
        "records/meetings/2026/2026-06-10-rr.md": JUNE,
        "records/feedback/2026/2026-05-02-close.yaml": ESCALATION,
    }
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root
