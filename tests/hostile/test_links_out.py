"""Symbolic links a pull request commits in place of a record or a CODEOWNERS file: the
text report quotes nothing of what they point to, and brm codeowners writes nothing
through them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from brm_build.cli import main

from ..casebuilder import build
from ..conftest import ROOT

TODAY = "2026-06-15"
TOKEN = "CI-TOKEN-SENTINEL-a4c2"
KEY = b"KEY-SENTINEL-0123456789abcdef-xy"  # 32 bytes, as brm's keys are
VICTIM = "the victim's own text\n"


def _check_text(root: Path, env: dict[str, str]) -> str:
    """The text report of ``brm check`` run as its own process with ``env``."""
    done = subprocess.run(
        [sys.executable, "-m", "brm_build", "check", "--root", str(root), "--today", TODAY],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    return done.stdout + done.stderr


def test_a_record_linked_to_the_environment_or_the_key_quotes_neither(tmp_path: Path) -> None:
    root = build(tmp_path / "repo", {})
    home = tmp_path / "home"
    (home / ".cache" / "brm").mkdir(parents=True)
    key = home / ".cache" / "brm" / "cache.key"
    key.write_bytes(KEY)
    services = root / "records" / "services"
    os.symlink("/proc/self/environ", services / "environ.yaml")
    os.symlink(key, services / "key.yaml")
    env = {k: v for k, v in os.environ.items() if k != "XDG_CACHE_HOME"}
    env |= {"HOME": str(home), "CI_JOB_TOKEN": TOKEN, "CI": "true"}

    report = _check_text(root, env)
    assert "records/services/environ.yaml" in report and "records/services/key.yaml" in report
    assert TOKEN not in report
    assert KEY.decode() not in report and KEY.decode()[:13] not in report


@pytest.mark.parametrize("link", ["CODEOWNERS", ".github/CODEOWNERS", ".github"])
def test_codeowners_writes_nothing_through_a_link(
    link: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = build(tmp_path / "repo", {})
    outside = tmp_path / "outside"
    (outside / "CODEOWNERS").parent.mkdir(parents=True)
    (outside / "CODEOWNERS").write_text(VICTIM)
    target = outside if link == ".github" else outside / "CODEOWNERS"
    (root / link).parent.mkdir(parents=True, exist_ok=True)
    os.symlink(target, root / link)
    common = ["--root", str(root), "--today", TODAY]

    assert main(["codeowners", *common]) == 2
    assert "symbolic link" in capsys.readouterr().err
    assert main(["codeowners", "--check", *common]) == 1
    assert main(["check", *common]) == 0
    assert "symbolic link" in capsys.readouterr().out
    assert (outside / "CODEOWNERS").read_text() == VICTIM
    assert sorted(p.name for p in outside.iterdir()) == ["CODEOWNERS"]


@pytest.mark.parametrize(
    "command",
    [
        ["export", "--format", "csv", "--out", "{out}"],
        ["export", "--format", "json", "--out", "{out}/records.json"],
        ["report", "finance", "--period", "2026-Q2", "--out", "{out}/pack.md"],
        ["demo", "--scale", "1", "--out", "{out}/demo"],
        ["schemas", "--out", "{out}/schemas"],
    ],
)
def test_no_command_writes_its_out_through_a_committed_link(
    command: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    root = build(tmp_path / "repo", {})
    victim = tmp_path / "victim"
    victim.mkdir()
    (root / "exports").symlink_to(victim, target_is_directory=True)
    monkeypatch.chdir(root)  # CI runs in the checkout: --out is relative to it
    args = [part.format(out="exports") for part in command]
    flags = ["--root", str(root), "--today", TODAY] if command[0] in ("export", "report") else []
    assert main([*args, *flags]) == 2
    assert "exports is a symbolic link, and brm never writes through one" in capsys.readouterr().err
    assert list(victim.iterdir()) == []
