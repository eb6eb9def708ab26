"""A file whose status (size, times, inode) is as the last run read it is not read again,
and the cached check still reports what a clean one reports: after a change of the same
size, after a change whose modification time was set back, after any edit sequence; a
file changed just before a run is read again by the next whatever its status."""

from __future__ import annotations

import dataclasses
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from brm_build.cache import FileCache
from brm_build.check import check, check_findings
from brm_build.check.reporters import render_json, render_text
from brm_build.checks import FILE_CHECKS
from brm_build.model.settings import CacheSettings, Settings
from brm_build.repository import scan

from ..conftest import ROOT, settings_for
from .test_incremental import STEPS, Step, _apply

AGREEMENT = "records/agreements/finance-erp-2025.yaml"


def _copy(folder: Path) -> Path:
    root = folder / "repo"
    shutil.copytree(ROOT / "records", root / "records")
    shutil.copy(ROOT / "brm.yaml", root / "brm.yaml")
    return root


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return _copy(tmp_path)


def _cached(root: Path, settle: float = 0.0) -> Settings:
    place = CacheSettings(str(root / ".brm-cache" / "check"), str(root.parent / "key"), settle)
    return dataclasses.replace(settings_for(root), cache=place)


def _read(settings: Settings) -> set[str]:
    """The record files that a scan reads."""
    scanned, _ = scan(settings, FileCache.open(settings, FILE_CHECKS))
    return {one.source.path for one in scanned if not one.unread}


def _none(path: str, line: int) -> str | None:
    return None


def _agrees(settings: Settings) -> None:
    """The cached check reports, in text and JSON, what a clean check reports."""
    cached, clean = check_findings(settings), check(dataclasses.replace(settings, cache=None))
    assert (cached.findings, cached.files) == (clean.findings, clean.files)
    assert render_text(cached, _none) == render_text(clean, _none)
    assert render_json(cached) == render_json(clean)


def test_a_settled_file_is_not_read_again(root: Path) -> None:
    settings = _cached(root)
    _agrees(settings)
    assert _read(settings) == set()
    path = root / AGREEMENT
    times = path.stat()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("customer: finance", "customer: financa"), encoding="utf-8")
    assert path.stat().st_size == times.st_size
    os.utime(path, ns=(times.st_atime_ns, times.st_mtime_ns))  # its change time moves on
    assert _read(settings) == {AGREEMENT}
    _agrees(settings)
    assert "ref-unknown" in {f.code for f in check_findings(settings).findings}
    assert _read(settings) == set()


def test_a_file_changed_just_before_a_run_is_read_again(root: Path) -> None:
    settings = _cached(root, settle=3600.0)
    _agrees(settings)
    assert len(_read(settings)) > 100  # every file was copied just now


@settings(max_examples=6, deadline=None)
@given(steps=st.lists(STEPS, min_size=1, max_size=4))
def test_a_check_of_unread_files_after_any_edits_equals_a_clean_one(steps: list[Step]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = _copy(Path(folder))
        originals = {
            str(p.relative_to(root)): p.read_bytes() for p in (root / "records").rglob("*.*")
        }
        settings = _cached(root)
        _agrees(settings)
        for n, step in enumerate(steps):
            if step[0] != "commit":  # the copy is no git checkout
                _apply(root, step, n, originals)
            _agrees(settings)
