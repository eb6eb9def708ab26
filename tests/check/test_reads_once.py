"""Each file is read once per check: the findings on brm.yaml, mkdocs.yml, CODEOWNERS and
the mapping files are placed and quoted from the text the check read, as the records'
are (a second read could see other bytes than the first, and costs a read)."""

from __future__ import annotations

import os
import shutil
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from brm_build.cli import main

from ..conftest import CASES

_opened: Counter[str] | None = None


def _count(event: str, args: tuple[Any, ...]) -> None:
    if _opened is not None and event == "open" and isinstance(args[0], str):
        _opened[os.path.realpath(args[0])] += 1


sys.addaudithook(_count)  # audit hooks stay for the process: it counts only when asked


@pytest.mark.parametrize(
    "case", ["codeowners-outdated", "mapping-column", "publish-unknown-field", "mkdocs-refused"]
)
@pytest.mark.parametrize("cache", [False, True])
def test_every_file_is_read_once(
    case: str, cache: bool, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    global _opened
    root = tmp_path / case
    shutil.copytree(CASES / "invalid" / case, root)
    flags = ["check", "--root", str(root), "--today", "2026-06-15"]
    if cache:
        main(flags)  # fills the cache: the second run reads the stored findings
    else:
        flags.append("--no-cache")
    _opened = Counter()
    try:
        main(flags)
    finally:
        opened, _opened = _opened, None
    report = capsys.readouterr().out
    files = {
        str(path.relative_to(root)): opened[os.path.realpath(path)]
        for path in root.rglob("*")
        if path.is_file() and ".brm-cache" not in path.parts
    }
    assert max(files.values()) == 1, files
    assert "\n    " in report  # a line was quoted, from the text as read
