"""Markdown that fights back: a few hundred kilobytes of brackets, headings, tables and
tags in record notes is published by ``brm build`` in bounded time and memory.

Python-Markdown, which rendered record Markdown before, took minutes on a few kilobytes
of such text (its time grew with the square of the length); a build must never hang CI.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from ..conftest import ROOT
from .organisation import write_organisation
from .test_yaml_attacks import _limit_memory

BUILD_TIMEOUT = 120.0
"""Seconds for the whole build, MkDocs included; it takes well under a minute."""
BOMBS = {
    "brackets": "[" * 100 + "\n",
    "headings": "a\n=\n",
    "table": "|" + "[" * 100 + "|\n",
    "tags": "<a " * 30 + "\n",
    "images": "![" * 50 + "\n",
    "links": "[a](" * 30 + "\n",
}
"""Lines that each took Python-Markdown seconds by the few hundred."""


def _notes() -> str:
    parts = [f"## {name}\n\n" + line * (40_000 // len(line)) + "\n" for name, line in BOMBS.items()]
    return "\n".join(parts)


def test_pathological_markdown_is_published_in_bounded_time(tmp_path: Path) -> None:
    root = write_organisation(tmp_path / "repo")
    meeting = root / "records/meetings/2026/2026-11-02-review.md"
    front = meeting.read_text(encoding="utf-8").split("\n---\n", 1)[0]
    meeting.write_text(front + "\n---\n" + _notes(), encoding="utf-8")
    out = tmp_path / "site"
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "brm_build", "build", "--root", str(root), "--out", str(out)],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
        preexec_fn=_limit_memory,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    page = (out / "meetings" / "2026-11-02-review.html").read_text(encoding="utf-8")
    assert "[[[[" in page and "<h3" in page
    assert time.monotonic() - start < BUILD_TIMEOUT
