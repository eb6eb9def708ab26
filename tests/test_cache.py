"""The check cache never changes a result: after edits, renames, deletions and reverts, a
cached check reports byte for byte what a clean check reports."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from pathlib import Path

import pytest

from brm_build.cache import LEGACY_FILE, RUN_FILE, SHARDS, shard_file
from brm_build.check import CheckResult, check, check_findings
from brm_build.check.reporters import render_json, render_text
from brm_build.checks import FILE_CHECKS
from brm_build.codeowners import render_codeowners
from brm_build.findings import Finding
from brm_build.model import Record
from brm_build.model.repository import Entry, FileCheck
from brm_build.model.settings import CacheSettings, Settings
from brm_build.repository import load_repository

from .conftest import copy_example, settings_for

CUSTOMER = "records/customers/finance.yaml"
AGREEMENT = "records/agreements/finance-erp-2025.yaml"
SERVICE = "records/services/erp.yaml"
MEETING = "records/meetings/2025/2025-05-20-finance-service-review.md"
TABLES: tuple[str, ...] = ("customers", "services", "agreements", "meetings", "surveys")
TABLES += ("reports", "projects", "feedback")


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_example(tmp_path)


def _cached(root: Path, key_file: Path | None = None) -> Settings:
    key = key_file or root.parent / "key"
    return dataclasses.replace(
        settings_for(root), cache=CacheSettings(str(root / ".brm-cache" / "check"), str(key))
    )


def _lines(path: str, line: int) -> str | None:
    return None


def _snapshot(result: CheckResult) -> tuple[str, str, dict[str, object]]:
    """Everything a check yields, as comparable values: both reports and every record."""
    repo = result.repository
    records: dict[str, object] = {
        f"{name}/{rid}": (
            (e.path, e.record, e.body, e.body_line, e.document.data),
            e.document.position((next(iter(e.document.data)),)),
        )
        for name in TABLES
        for rid, e in getattr(repo, name).items()
    }
    return render_text(result, _lines), render_json(result), records


def _beyond_example(result: CheckResult) -> list[Finding]:
    """The findings besides the falls of health that the example's story holds (each
    pinned in tests/test_example.py)."""
    return [f for f in result.findings if f.code != "health-declined"]


def _assert_cache_agrees(root: Path) -> CheckResult:
    """A cold and a warm cached check equal a clean one; return the clean result."""
    clean = check(settings_for(root))
    for _ in range(2):
        assert _snapshot(check(_cached(root))) == _snapshot(clean)
    return clean


class _Counter:
    """A one-file check that finds nothing and counts the files it was run on: those the
    cache could not answer."""

    def __init__(self) -> None:
        self.runs = 0

    def __call__(self, entry: Entry[Record]) -> list[Finding]:
        self.runs += 1
        return []


def _valid(root: Path) -> int:
    """How many records load without errors (one-file checks run on those only)."""
    repo = check(settings_for(root)).repository
    return sum(len(getattr(repo, name)) for name in TABLES)


def _misses(root: Path, settings: Settings | None = None) -> int:
    counter = _Counter()
    checks: tuple[FileCheck, ...] = (*FILE_CHECKS, counter)
    load_repository(settings or _cached(root), checks)
    return counter.runs


def _edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_edit_rename_delete_and_revert_match_a_clean_check(root: Path) -> None:
    originals = {p: p.read_bytes() for p in (root / "records").rglob("*") if p.is_file()}
    assert _beyond_example(_assert_cache_agrees(root)) == []
    _edit(root, CUSTOMER, "cost_center:", "cost_centre:")
    _edit(root, MEETING, "## Month-end close", "api_key = hunter2222\n\n## Month-end close")
    assert {f.code for f in _assert_cache_agrees(root).findings} >= {
        "schema-unknown-field",
        "secret-value",
    }
    (root / AGREEMENT).rename(root / "records/agreements/finance-erp-2025b.yaml")
    assert "ref-unknown" in {f.code for f in _assert_cache_agrees(root).findings}
    (root / SERVICE).unlink()
    assert len(_assert_cache_agrees(root).findings) > 3
    (root / "records/agreements/finance-erp-2025b.yaml").unlink()
    for path, data in originals.items():
        path.write_bytes(data)
    assert _beyond_example(_assert_cache_agrees(root)) == []


def test_only_changed_files_are_loaded_again(root: Path) -> None:
    files = _valid(root)
    assert _misses(root) == files
    assert _misses(root) == 0
    _edit(root, CUSTOMER, "Group Finance", "Group Finance and Treasury")
    assert _misses(root) == 1
    (root / AGREEMENT).rename(root / "records/agreements/finance-erp-2025b.yaml")
    assert _misses(root) == 1
    assert _misses(root) == 0


def test_a_tampered_or_foreign_cache_is_ignored(root: Path) -> None:
    _edit(root, CUSTOMER, "cost_center:", "cost_centre:")
    clean = _snapshot(check(settings_for(root)))
    files = _valid(root)
    assert _misses(root) == files
    assert _misses(root) == 0
    folder = root / ".brm-cache" / "check"
    texts = {p.name: p.read_text(encoding="utf-8") for p in folder.glob("records-*.txt")}
    ((name, text),) = [(n, t) for n, t in texts.items() if "schema-unknown-field" in t]
    (folder / name).write_text(text.replace("schema-unknown-field", "schema-nothing-wrong"))
    valid = [line for line in text.split("\n")[1:] if line and line.split("\t")[1] != "-"]
    assert 0 < len(valid) < files
    assert _misses(root) == len(valid)  # that shard's signature no longer fits
    assert _snapshot(check(_cached(root))) == clean
    other_key = _cached(root, root.parent / "another-key")
    assert _misses(root, other_key) == files
    assert _snapshot(check(other_key)) == clean


def test_a_one_file_change_rewrites_only_the_shards_it_touches(root: Path) -> None:
    folder = root / ".brm-cache" / "check"
    folder.mkdir(parents=True)
    (folder / LEGACY_FILE).write_text("an older cache\n")
    _assert_cache_agrees(root)
    assert not (folder / LEGACY_FILE).exists()
    assert {p.name for p in folder.glob("records-*.txt")} == {shard_file(s) for s in SHARDS}
    before = {p.name: p.stat().st_mtime_ns for p in folder.glob("records-*.txt")}
    for p in folder.glob("records-*.txt"):
        os.utime(p, ns=(0, 0))
    _edit(root, CUSTOMER, "Group Finance", "Group Finance and Treasury")
    _assert_cache_agrees(root)
    after = {p.name for p in folder.glob("records-*.txt") if p.stat().st_mtime_ns != 0}
    assert 1 <= len(after) <= 2 < len(before)  # the old entry's shard and the new one's


def test_non_finite_numbers_are_findings_and_cached_like_any_other(root: Path) -> None:
    _edit(root, AGREEMENT, "target: 99.5", "target: .inf")
    _assert_cache_agrees(root)
    result = check(_cached(root))
    assert "finance-erp-2025" not in result.repository.agreements
    assert [f.field for f in result.findings if f.code == "schema-value"] == [
        "service_levels[0].target"
    ]


def test_settings_and_one_file_checks_are_part_of_the_key(root: Path) -> None:
    assert _misses(root) > 0
    assert _misses(root) == 0
    settings = _cached(root)
    stricter = settings.config.model_copy(
        update={
            "thresholds": settings.config.thresholds.model_copy(update={"feedback_open_days": 2})
        }
    )
    files = _valid(root)
    assert _misses(root, dataclasses.replace(settings, config=stricter)) == files
    assert _misses(root) == files  # the run with other settings kept only its own entries
    load_repository(settings)  # no one-file checks: other keys again
    assert _misses(root) == files


def test_a_cache_that_cannot_be_written_is_no_error(root: Path) -> None:
    (root / ".brm-cache").write_text("not a folder")
    clean = _snapshot(check(settings_for(root)))
    assert _snapshot(check(_cached(root))) == clean
    blocked_key = _cached(root, root / "records" / "customers" / "finance.yaml" / "key")
    assert _snapshot(check(blocked_key)) == clean


def test_a_linked_cache_folder_is_not_used(root: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (root / ".brm-cache").symlink_to(elsewhere, target_is_directory=True)
    clean = _snapshot(check(settings_for(root)))
    assert _snapshot(check(_cached(root))) == clean
    assert list(elsewhere.iterdir()) == []


def test_line_separators_and_escapes_survive_the_cache(root: Path) -> None:
    _edit(root, CUSTOMER, "name: Group Finance", r'name: "Group\LFinance\ttab\N\u00e9"')
    _assert_cache_agrees(root)
    _misses(root)
    assert _misses(root) == 0
    name = check(_cached(root)).repository.customers["finance"].record.name
    assert name == "Group\u2028Finance\ttab\x85é"


def _findings_agree(root: Path, settings: Settings | None = None) -> CheckResult:
    """A run of check_findings that misses and one that finds the run kept both report
    what a clean check reports; return the second."""
    clean = check(settings or settings_for(root))
    cached = settings or _cached(root)
    if settings is not None:
        cached = dataclasses.replace(settings, cache=_cached(root).cache)
    results = [check_findings(cached) for _ in range(2)]
    for result in results:
        assert (result.findings, result.files) == (clean.findings, clean.files)
        assert render_text(result, _lines) == render_text(clean, _lines)
        assert render_json(result) == render_json(clean)
    return results[1]


def _loaded(result: CheckResult) -> int:
    return sum(len(getattr(result.repository, name)) for name in TABLES)


def test_a_run_over_the_same_files_is_kept_whole(root: Path) -> None:
    originals = {p: p.read_bytes() for p in (root / "records").rglob("*") if p.is_file()}
    assert _loaded(check_findings(_cached(root))) > 0  # the first run loads every record
    kept = _findings_agree(root)
    assert _loaded(kept) == 0  # then nothing is loaded...
    assert kept.repository.files == check(settings_for(root)).repository.files
    _edit(root, MEETING, "## Month-end close", "api_key = hunter2222\n\n## Month-end close")
    assert _loaded(check_findings(_cached(root))) > 0  # ...until a file changes
    assert "secret-value" in {f.code for f in _findings_agree(root).findings}
    (root / AGREEMENT).rename(root / "records/agreements/finance-erp-2025b.yaml")
    assert "ref-unknown" in {f.code for f in _findings_agree(root).findings}
    (root / SERVICE).unlink()
    (root / "records/agreements/finance-erp-2025b.yaml").unlink()
    assert len(_findings_agree(root).findings) > 3
    for path, data in originals.items():
        path.write_bytes(data)
    assert _beyond_example(_findings_agree(root)) == []
    assert _loaded(check_findings(_cached(root))) == 0


def test_the_date_and_codeowners_are_part_of_the_run_key(root: Path) -> None:
    assert _beyond_example(_findings_agree(root)) == []
    later = _findings_agree(root, settings_for(root, dt.date(2029, 1, 1)))
    assert "customer-no-recent-meeting" in {f.code for f in later.findings}
    assert _beyond_example(_findings_agree(root)) == []
    (root / "CODEOWNERS").write_text("* @someone\n", encoding="utf-8")
    assert [f.code for f in _beyond_example(_findings_agree(root))] == ["codeowners-outdated"]
    settings = settings_for(root)
    owners = render_codeowners(check(settings).repository, settings.config.codeowners.default)
    (root / "CODEOWNERS").write_text(owners, encoding="utf-8")
    assert _beyond_example(_findings_agree(root)) == []


def test_unusual_files_are_never_kept_in_a_run(root: Path) -> None:
    stray = root / "records" / "notes.txt"
    stray.write_text("nothing secret\n", encoding="utf-8")
    assert _loaded(_findings_agree(root)) > 0  # loaded every time: the checks read it
    stray.write_text("password = hunter2222\n", encoding="utf-8")
    assert "secret-value" in {f.code for f in _findings_agree(root).findings}
    stray.unlink()
    (root / CUSTOMER).write_bytes(b"name: \xff\n")
    assert "file-encoding" in {f.code for f in _findings_agree(root).findings}


def test_a_tampered_run_is_ignored(root: Path) -> None:
    _edit(root, CUSTOMER, "cost_center:", "cost_centre:")
    clean = check(settings_for(root))
    check_findings(_cached(root))
    run_file = root / ".brm-cache" / "check" / RUN_FILE
    text = run_file.read_text(encoding="utf-8")
    assert "schema-unknown-field" in text
    run_file.write_text(text.replace("schema-unknown-field", "schema-nothing-wrong"))
    for step in (root / ".brm-cache" / "check").glob("step-*.txt"):
        head, _, body = step.read_text(encoding="utf-8").partition("\n")
        step.write_text(f"{head}\n{body[::-1]}", encoding="utf-8")  # each step's kept run
    result = check_findings(_cached(root))
    assert _loaded(result) > 0  # ignored: the records are loaded and every step runs
    assert result.findings == clean.findings
