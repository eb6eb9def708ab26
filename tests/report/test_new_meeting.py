"""``brm new meeting --type relationship-review --pack PERIOD`` starts the review's notes
with the pack's proposed agenda and says where the pack is."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from brm_build.check import check
from brm_build.cli import main
from brm_build.report import build_pack, parse_period

from ..conftest import ROOT, settings_for

ARGS = ["--date", "2026-11-25", "--title", "Finance review", "--customer", "finance"]
ARGS += ["--type", "relationship-review", "--today", "2026-11-26"]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "records", tmp_path / "records")
    shutil.copy(ROOT / "brm.yaml", tmp_path / "brm.yaml")
    return tmp_path


def test_the_notes_start_with_the_agenda(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["new", "meeting", "--root", str(repo), *ARGS, "--pack", "2026-Q3"])
    assert code == 0, capsys.readouterr().err
    text = (repo / "records/meetings/2026/2026-11-25-finance-review.md").read_text()
    settings = settings_for(repo)
    span = parse_period("2026-Q3")
    assert span is not None
    pack = build_pack(check(settings).repository, settings, "finance", span)
    agenda = next(s for s in pack.sections if s.key == "agenda").blocks[0].lines
    assert "\n## Agenda\n\n" in text
    for item in agenda:
        assert item.split(". ", 1)[1].replace("'", "&#39;") in text
    assert "`brm report finance --period 2026-Q3 --format pdf" in text


@pytest.mark.parametrize(
    ("period", "message"), [("2026-Q9", "is not a period"), ("2026-Q3", "no customer")]
)
def test_a_bad_pack_writes_nothing(
    period: str, message: str, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [*ARGS, "--pack", period]
    if message == "no customer":
        args[args.index("finance")] = "nobody"
    code = main(["new", "meeting", "--root", str(repo), *args])
    assert code == 2
    assert message in capsys.readouterr().err
    assert not list((repo / "records/meetings/2026").glob("2026-11-25-*"))
