"""brm attention with the check cache prints byte for byte what it prints without: after
``brm check`` kept the run it loads only the kinds the items are made from (a rule that read
another kind would fail here), and a repository with errors stops it alike."""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from brm_build import unchanged
from brm_build.cli import main
from brm_build.demo import DemoPlan, write_demo

ROOT = Path(__file__).resolve().parents[2]
RUNS = [
    ("--today", "2026-11-26"),
    ("--today", "2026-11-26", "--format", "json"),
    ("--today", "2026-11-26", "--format", "ics"),
    ("--today", "2026-11-26", "--format", "markdown", "--days", "400"),
    ("--today", "2027-04-01", "--format", "ics"),
    ("--today", "2027-04-01", "--format", "json", "--owner", "@anna-lind"),
]


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def user_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))


def _example(root: Path) -> Path:
    shutil.copytree(ROOT / "records", root / "records")
    shutil.copy(ROOT / "brm.yaml", root / "brm.yaml")
    return root


@pytest.mark.usefixtures("user_cache")
@pytest.mark.parametrize("settled", [False, True])
@pytest.mark.parametrize("make", ["example", "demo"])
def test_the_cached_run_prints_what_an_uncached_one_prints(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    make: str,
    settled: bool,
) -> None:
    """With ``settled``, the files count as unchanged once read: attention restores their
    records without reading them, and reads them only for the lines of the items (which
    the later runs find kept)."""
    if settled:
        later = SimpleNamespace(time_ns=lambda: time.time_ns() + 3600 * 10**9)
        monkeypatch.setattr(unchanged, "time", later)  # every file copied counts as settled
    root = tmp_path / "repo"
    if make == "example":
        _example(root)
    else:
        write_demo(str(root), DemoPlan(scale=1))
    for today in ("2026-11-26", "2027-04-01"):
        assert main(["check", "--root", str(root), "--today", today]) == 0  # keeps the run
        if settled:
            assert main(["check", "--root", str(root), "--today", today]) == 0  # reads none
    capsys.readouterr()
    for extra in RUNS:
        args = ["attention", "--root", str(root), *extra]
        cached = _run(capsys, *args)
        assert cached == _run(capsys, *args, "--no-cache"), extra
        assert cached[0] == 0 and cached[1].strip(), extra
    assert "BEGIN:VEVENT" in _run(capsys, "attention", "--root", str(root), *RUNS[2])[1]


@pytest.mark.usefixtures("user_cache")
def test_errors_kept_in_the_run_stop_it_as_a_fresh_check_does(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    root = _example(tmp_path / "repo")
    meeting = root / "records/meetings/2026/2026-11-10-finance-relationship-review.md"
    meeting.write_text(meeting.read_text(encoding="utf-8").replace("  - finance\n", "  - nobody\n"))
    args = ["--root", str(root), "--today", "2026-11-26"]
    assert main(["check", *args]) == 1
    capsys.readouterr()
    cached = _run(capsys, "attention", *args)
    assert cached == _run(capsys, "attention", *args, "--no-cache")
    assert cached[0] == 1 and "nobody" in cached[2] and not cached[1]
