"""Build a small records repository in a temporary folder, for tests of single checks.

The base is the same clean organisation as ``tests/cases/valid/minimal``: one customer
(``finance``) with a relationship manager, one service (``erp``) and a recent meeting.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

from brm_build.check import CheckResult, check
from brm_build.model.settings import Settings
from brm_build.settings import load_config

from .conftest import CASES

BASE = CASES / "valid" / "minimal"
TODAY = dt.date(2026, 6, 15)


def build(root: Path, files: dict[str, str], base: bool = True) -> Path:
    """Write the base records (unless ``base`` is false), then ``files``, under ``root``."""
    if base:
        for source in BASE.rglob("*"):
            if source.is_file():
                target = root / source.relative_to(BASE)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(source.read_bytes())
    for rel, text in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    (root / "records").mkdir(exist_ok=True)
    return root


def run_check(root: Path, today: dt.date = TODAY) -> CheckResult:
    """Check the repository at ``root`` as the CLI would."""
    config, problems = load_config(str(root))
    assert not problems, problems
    return check(Settings(root=str(root), today=today, config=config))


def codes(result: CheckResult) -> list[tuple[str, str, str]]:
    """(code, path, field) of every finding, in reporting order."""
    return [(f.code, f.path, f.field) for f in result.findings]


def customer(name: str, role: str = "purchaser", parent: str | None = None) -> str:
    """The YAML of a business unit with a manager (and a relationship manager if a customer)."""
    text = f"name: {name}\nrole: {role}\n"
    text += f"parent: {parent}\n" if parent else ""
    text += "manager:\n  name: Lena Vogt\n  email: lena.vogt@meridian.example\n"
    if role == "customer":
        text += "relationship_manager:\n  name: Anna Lind\n  email: anna.lind@meridian.example\n"
    return text


def git_init(root: Path) -> None:
    """Make ``root`` a git repository with a writer and no signing."""
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=root, check=True)
    for key, value in (("user.name", "Writer"), ("user.email", "w@example.org")):
        subprocess.run(["git", "config", key, value], cwd=root, check=True)
    subprocess.run(["git", "config", "commit.gpgsign", "false"], cwd=root, check=True)


def commit(root: Path, day: str, files: dict[str, str]) -> None:
    """Write ``files`` under ``root`` and commit everything, dated noon UTC on ``day``."""
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    stamp = f"{day}T12:00:00+00:00"
    env = {
        **os.environ,
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(root),
        "GIT_AUTHOR_DATE": stamp,
        "GIT_COMMITTER_DATE": stamp,
    }
    for args in (["add", "-A"], ["commit", "-q", "-m", f"Records of {day}"]):
        subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)
