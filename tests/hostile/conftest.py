"""The hostile organisation, committed to git in two revisions, and its site, built once."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from brm_build.cli import main

from .organisation import write_organisation

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Records Writer",
    "GIT_AUTHOR_EMAIL": "writer@hostile.example",
    "GIT_COMMITTER_NAME": "Records Writer",
    "GIT_COMMITTER_EMAIL": "writer@hostile.example",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_SYSTEM": os.devnull,
}
SECOND_REVISION = {
    "7319428657": "7319428658",
    "4826153907": "4826153908",
    "FUNDCC-SENTINEL-4F2A": "FUNDCC-SENTINEL-4F2A-2",
    "COMMENT-SENTINEL-9B3C": "COMMENT-SENTINEL-9B3C changed",
    "Raiser Sentinel-5E7D": "Raiser Sentinel-5E7D Second",
    '"PHONE-SENTINEL-': '"PHONE-SENTINEL-0',
    "customer.name": "customer.name changed",
}
"""Replacements that make the second revision: every restricted value changes."""


def git(root: Path, *args: str) -> str:
    """Run git in ``root`` with a fixed identity and no user configuration."""
    done = subprocess.run(
        ["git", *args],
        cwd=root,
        env={**os.environ, **GIT_ENV},
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


@pytest.fixture(scope="session")
def organisation(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile organisation in git: a first revision, then every restricted value
    changed in a second one (HEAD)."""
    root = write_organisation(tmp_path_factory.mktemp("hostile") / "repo")
    git(root, "init", "--quiet", "--initial-branch=main")
    git(root, "add", "-A")
    git(root, "commit", "--quiet", "-m", "First revision")
    for path in (root / "records").rglob("*.*"):
        text = path.read_text(encoding="utf-8")
        for old, new in SECOND_REVISION.items():
            text = text.replace(old, new)
        path.write_text(text, encoding="utf-8")
    git(root, "commit", "--quiet", "-am", "Second revision")
    return root


@pytest.fixture(scope="session")
def hostile_site(organisation: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of the hostile organisation, built by ``brm build``."""
    out = tmp_path_factory.mktemp("hostile-site") / "site"
    argv = ["build", "--root", str(organisation), "--today", "2026-11-26", "--out", str(out)]
    assert main(argv) == 0
    return out
