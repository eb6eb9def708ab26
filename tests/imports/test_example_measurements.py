"""The example organisation's ServiceNow task_sla export (imports/servicenow-task-sla-rnd.csv,
a quarter's list export with its mapping) produces Research and Development's latest
request-fulfilment results exactly as the report holds them, and importing it again
changes nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from brm_build.cli import main

from ..conftest import EXAMPLE_TODAY, ROOT

REPORT = "records/reports/rnd-plm-2024.yaml"
EXPORT, MAPPING = "imports/servicenow-task-sla-rnd.csv", "imports/servicenow-task-sla-rnd.yaml"
LATEST = {"2026-08": "91.4", "2026-09": "99.3", "2026-10": "98.8"}


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    root = tmp_path / "example"
    for part in ("records", "imports"):
        shutil.copytree(ROOT / part, root / part)
    shutil.copy(ROOT / "brm.yaml", root / "brm.yaml")
    return root


def _import(root: Path) -> int:
    args = ["import", "measurements", str(root / EXPORT), "--map", str(root / MAPPING)]
    return main([*args, "--root", str(root), "--today", EXAMPLE_TODAY.isoformat()])


def test_the_export_produces_the_latest_results(
    copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = (copy / REPORT).read_text(encoding="utf-8").splitlines(keepends=True)
    removed = [f"      request-fulfilment: {value}\n" for value in LATEST.values()]
    assert all(line in lines for line in removed)
    (copy / REPORT).write_text("".join(x for x in lines if x not in removed), encoding="utf-8")
    assert _import(copy) == 0
    out = capsys.readouterr().out
    assert "3 value(s) written, 6 skipped, 70 unmatched, 0 not converted" in out
    assert (copy / REPORT).read_bytes() == (ROOT / REPORT).read_bytes()


def test_importing_the_export_again_changes_nothing(
    copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _import(copy) == 0
    assert f"{REPORT} is unchanged: nothing new to import" in capsys.readouterr().out
    assert (copy / REPORT).read_bytes() == (ROOT / REPORT).read_bytes()
