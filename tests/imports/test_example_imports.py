"""The example organisation's imports/: an export of the latest survey round from each
source with its mapping. Each produces the round as committed (the refs aside, which
each source's response ids make), and the Google Forms export, from which the round was
imported, changes nothing when imported again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from brm_build.cli import main

from ..conftest import EXAMPLE_TODAY, ROOT

SURVEY = "records/surveys/csat-2026-q3.yaml"
EXPORTS = {
    "gforms": "csat-2026-q3-gforms.csv",
    "msforms": "csat-2026-q3-msforms.xlsx",
    "qualtrics": "csat-2026-q3-qualtrics.csv",
    "surveymonkey": "csat-2026-q3-surveymonkey.csv",
    "brm": "csat-2026-q3-brm.csv",
}


def _import(root: Path, name: str) -> int:
    export, mapping = root / "imports" / EXPORTS[name], root / f"imports/csat-2026-q3-{name}.yaml"
    args = ["import", "survey", str(export), "--map", str(mapping), "--root", str(root)]
    return main([*args, "--today", EXAMPLE_TODAY.isoformat()])


def _answers(path: Path, comments: bool = True) -> list[dict[str, object]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    hidden = {"ref"} if comments else {"ref", "comment"}
    return [{k: v for k, v in r.items() if k not in hidden} for r in data["responses"]]


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    root = tmp_path / "example"
    for part in ("records", "imports"):
        shutil.copytree(ROOT / part, root / part)
    shutil.copy(ROOT / "brm.yaml", root / "brm.yaml")
    return root


@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_each_export_produces_the_latest_round(
    copy: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    (copy / SURVEY).unlink()
    if name == "brm":  # brm's CSV names the survey; it adds to one that exists
        (copy / SURVEY).write_text('title: Q3\nperiod: "2026-Q3"\nresponses: []\n')
    assert _import(copy, name) == 0
    capsys.readouterr()
    comments = name != "brm"  # restricted: left out of brm export
    assert _answers(copy / SURVEY, comments) == _answers(ROOT / SURVEY, comments)


@pytest.mark.parametrize("name", ["gforms", "brm"])
def test_importing_the_round_again_changes_nothing(
    copy: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    before = (copy / SURVEY).read_bytes()
    assert _import(copy, name) == 0
    assert "72 skipped" in capsys.readouterr().out
    assert (copy / SURVEY).read_bytes() == before


AGREEMENT = "records/agreements/finance-erp-2025.yaml"


def test_the_examples_openslo_file_holds_its_percent_service_levels(
    copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The agreement's percent service levels come from imports/finance-erp-slos.yaml:
    without the last of them, an import writes it back byte for byte."""
    args = ["import", "service-levels", str(copy / "imports/finance-erp-slos.yaml")]
    args += ["--root", str(copy), "--today", EXAMPLE_TODAY.isoformat()]
    assert main(args) == 0
    assert "finance-erp-2025.yaml is unchanged" in capsys.readouterr().out
    text = (ROOT / AGREEMENT).read_text(encoding="utf-8")
    head, level = text.split("  - id: report-availability\n")
    rest = level[level.index("funding:") :]
    (copy / AGREEMENT).write_text(head + rest, encoding="utf-8")
    assert main(args) == 0
    assert "  + report-availability: " in capsys.readouterr().out
    assert (copy / AGREEMENT).read_text(encoding="utf-8") == text
