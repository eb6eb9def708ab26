"""``check_records``, the check of the commands that read the records: with the findings of
a run kept in the cache it loads the records without the cross-record checks (only the
kinds asked for), and what it returns is what a full check returns."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from brm_build import positions
from brm_build.attention.items import FOLDERS_READ
from brm_build.cache import FileCache
from brm_build.check import check, check_findings, check_records
from brm_build.checks import FILE_CHECKS
from brm_build.model.registry import KINDS
from brm_build.model.settings import CacheSettings, Settings
from brm_build.positions import Positions
from brm_build.repository import scan

from ..conftest import ROOT, settings_for


@pytest.fixture
def cached(tmp_path: Path) -> Settings:
    """Settings for a copy of the example with a check cache of its own."""
    root = tmp_path / "repo"
    shutil.copytree(ROOT / "records", root / "records")
    shutil.copy(ROOT / "brm.yaml", root / "brm.yaml")
    place = CacheSettings(str(root / ".brm-cache" / "check"), str(tmp_path / "cache.key"))
    return dataclasses.replace(settings_for(root), cache=place)


def _records(settings: Settings, folders: tuple[str, ...]) -> dict[str, object]:
    repository = check(dataclasses.replace(settings, cache=None)).repository
    return {f: {i: e.record for i, e in repository.tables[f].items()} for f in folders}


def test_a_kept_run_gives_the_full_checks_findings_and_records(cached: Settings) -> None:
    every = tuple(kind.folder for kind in KINDS)
    first = check_records(cached)  # no run kept yet: the whole check, which keeps it
    again = check_records(cached)
    fresh = check(dataclasses.replace(cached, cache=None))
    assert first.findings == again.findings == fresh.findings
    assert check_findings(cached).findings == fresh.findings  # brm check reads the same run
    loaded = {f: {i: e.record for i, e in again.repository.tables[f].items()} for f in every}
    assert loaded == _records(cached, every)
    assert again.repository.files == fresh.repository.files


def test_only_the_kinds_asked_for_are_loaded_and_the_others_stay_cached(
    cached: Settings,
) -> None:
    check_findings(cached)  # brm check keeps the run
    result = check_records(cached, folders=FOLDERS_READ)
    assert set(result.repository.tables) == set(FOLDERS_READ)
    loaded = {
        f: {i: e.record for i, e in result.repository.tables[f].items()} for f in FOLDERS_READ
    }
    assert loaded == _records(cached, FOLDERS_READ)
    with pytest.raises(KeyError):
        result.repository.reports  # noqa: B018 - a kind not read is no empty table
    assert result.repository.files["report"]  # every file found is known by its id
    cache = FileCache.open(cached, FILE_CHECKS)
    assert cache is not None
    scanned, _ = scan(cached, cache)
    unread = [one for one in scanned if one.source.kind.folder not in FOLDERS_READ]
    assert unread and all(one.key and cache.get(one.key) for one in unread)


@pytest.fixture
def settled(tmp_path: Path) -> Settings:
    """Settings for a copy of the example whose files, once read, count as unchanged."""
    root = tmp_path / "repo"
    shutil.copytree(ROOT / "records", root / "records")
    shutil.copy(ROOT / "brm.yaml", root / "brm.yaml")
    place = CacheSettings(str(root / ".brm-cache" / "check"), str(tmp_path / "key"), 0.0)
    settings = dataclasses.replace(settings_for(root), cache=place)
    check_findings(settings)  # keeps the run, and every file's status: none is read again
    return settings


LOCS = [("agreements", ("valid_until",)), ("meetings", ("actions", 0, "due"))]


def test_files_left_unread_are_restored_without_their_text_until_a_position_is_asked(
    settled: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = check_records(settled, folders=FOLDERS_READ, unread=True)
    fresh = check(dataclasses.replace(settled, cache=None))
    assert result.findings == fresh.findings
    loaded = {
        f: {i: e.record for i, e in result.repository.tables[f].items()} for f in FOLDERS_READ
    }
    assert loaded == _records(settled, FOLDERS_READ)
    meetings = result.repository.meetings.values()
    assert meetings and all(e.body is None for e in meetings)  # no notes: never read
    expected = {}
    for folder, loc in LOCS:
        for rid, entry in result.repository.tables[folder].items():
            expected[(rid, loc)] = fresh.repository.tables[folder][rid].document.position(loc)
            assert entry.document.position(loc) == expected[(rid, loc)], (rid, loc)
            assert entry.document.position(loc, key=True) < expected[(rid, loc)]
    assert result.positions is not None
    result.positions.save()
    # the next run finds them kept by each file's key: it reads no file
    monkeypatch.setattr(positions, "read_text", _no_reading)
    again = check_records(settled, folders=FOLDERS_READ, unread=True)
    for folder, loc in LOCS:
        for rid, entry in again.repository.tables[folder].items():
            assert entry.document.position(loc) == expected[(rid, loc)], (rid, loc)


def _no_reading(*args: object) -> None:
    raise AssertionError("a kept position was read from the file again")


def test_a_file_changed_or_gone_since_the_scan_has_its_positions_on_its_first_line(
    settled: Settings,
) -> None:
    cache = FileCache.open(settled, FILE_CHECKS)
    assert cache is not None
    keys = {one.source.path: one.key for one in scan(settled, cache)[0]}
    result = check_records(settled, folders=FOLDERS_READ, unread=True)
    agreement = result.repository.agreements["finance-erp-2025"]
    meeting = next(iter(result.repository.meetings.values()))
    root = Path(settled.root)
    (root / agreement.path).write_text("- not: the record\n", encoding="utf-8")
    (root / meeting.path).unlink()
    assert agreement.document.position(("valid_until",)) == (1, 1)
    assert meeting.document.position(("date",)) == (2, 1)
    assert result.positions is not None
    result.positions.save()
    kept = Positions(cache, settled)  # what the next run would find: not these
    for path in (agreement.path, meeting.path):
        key = keys[path]
        assert key is not None and not kept.of(key)


def test_without_a_kept_run_every_check_runs(cached: Settings) -> None:
    check_findings(cached)
    meeting = Path(cached.root) / "records/meetings/2026/2026-11-10-finance-relationship-review.md"
    meeting.write_text(meeting.read_text(encoding="utf-8").replace("finance", "no-such-unit", 1))
    result = check_records(cached, folders=FOLDERS_READ)
    fresh = check(dataclasses.replace(cached, cache=None))
    assert result.findings == fresh.findings and result.errors
    assert set(result.repository.tables) == {kind.folder for kind in KINDS}
