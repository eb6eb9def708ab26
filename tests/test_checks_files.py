"""Files under records/: what discovery and reading report before any YAML is parsed.

Symbolic links and unreadable files cannot live in a case folder portably, so they are
made here in a temporary folder.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from brm_build.reading import read_text

from .casebuilder import TODAY, build, codes, run_check
from .conftest import needs_git
from .hostile.conftest import git
from .unprivileged import unprivileged

needs_symlinks = pytest.mark.skipif(
    not hasattr(os, "symlink") or os.name == "nt", reason="symbolic links need a POSIX system"
)


@needs_symlinks
def test_a_linked_record_is_never_followed(tmp_path: Path) -> None:
    root = build(tmp_path / "repo", {})
    outside = tmp_path / "outside.yaml"
    outside.write_text("name: Payroll\n")
    (root / "records/services/payroll.yaml").symlink_to(outside)
    result = run_check(root)
    assert codes(result) == [("file-symlink", "records/services/payroll.yaml", "")]
    assert "not a symbolic link" in result.findings[0].message


@needs_symlinks
def test_a_linked_folder_is_never_followed(tmp_path: Path) -> None:
    root = build(tmp_path / "repo", {})
    elsewhere = tmp_path / "projects"
    elsewhere.mkdir()
    (elsewhere / "secret.yaml").write_text("name: x\n")
    (root / "records/projects").symlink_to(elsewhere, target_is_directory=True)
    assert codes(run_check(root)) == [("file-symlink", "records/projects", "")]


def test_a_file_that_cannot_be_read(tmp_path: Path) -> None:
    text, findings = read_text(str(tmp_path / "gone.yaml"), "records/services/gone.yaml", 1024)
    assert text is None
    [finding] = findings
    assert (finding.code, finding.path, finding.line, finding.column) == (
        "file-unreadable",
        "records/services/gone.yaml",
        1,
        1,
    )
    assert finding.message.startswith("cannot read the file: ")


@pytest.mark.parametrize(
    ("raw", "line", "column"),
    [
        (b"name: g\xe9r\xe9\n", 1, 8),
        (b"name: Core ERP\nowner: Zieli\xc5\x84ski \xff\n", 2, 18),  # columns count characters
        (b"\xef\xbb\xbfname: \xe9\n", 1, 7),  # after a byte-order mark
    ],
)
def test_invalid_utf8_points_at_the_character(
    tmp_path: Path, raw: bytes, line: int, column: int
) -> None:
    path = tmp_path / "erp.yaml"
    path.write_bytes(raw)
    _, [finding] = read_text(str(path), "records/services/erp.yaml", 1024)
    assert (finding.code, finding.line, finding.column) == ("file-encoding", line, column)


def test_byte_order_mark_is_allowed(tmp_path: Path) -> None:
    path = tmp_path / "erp.yaml"
    path.write_bytes(b"\xef\xbb\xbfname: Core ERP\n")
    assert read_text(str(path), "erp.yaml", 1024) == ("name: Core ERP\n", [])


def test_size_limit_is_exact(tmp_path: Path) -> None:
    path = tmp_path / "erp.yaml"
    path.write_bytes(b"#" * 1024)
    assert read_text(str(path), "erp.yaml", 1024)[1] == []
    path.write_bytes(b"#" * 1025)
    assert [f.code for f in read_text(str(path), "erp.yaml", 1024)[1]] == ["file-too-large"]


def test_a_kind_folder_that_is_a_file(tmp_path: Path) -> None:
    root = build(tmp_path, {"records/projects": "name: Core ERP upgrade\n"})
    result = run_check(root)
    assert codes(result) == [("file-unknown", "records/projects", "")]
    assert result.findings[0].message == (
        "records/projects must be a folder of project records, not a file"
    )


def test_empty_records_folder_is_clean(tmp_path: Path) -> None:
    result = run_check(build(tmp_path, {}, base=False))
    assert (result.findings, result.files) == ([], 0)


def test_every_finding_of_discovery_is_collected(tmp_path: Path) -> None:
    files = {
        "records/notes.txt": "x",
        "records/services/erp.json": "{}",
        "records/services/Core ERP.yaml": "name: Core ERP\n",
        "records/meetings/2026-05-20-review.md": "---\n---\n",
    }
    result = run_check(build(tmp_path, files))
    assert sorted(f.code for f in result.findings) == [
        "file-extension",
        "file-location",
        "file-unknown",
        "id-invalid",
    ]


@contextmanager
def _unreadable(folder: Path) -> Iterator[None]:
    folder.chmod(0)
    try:
        yield
    finally:
        folder.chmod(0o755)


def _brm(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The brm command line, bound by file permissions even as root."""
    command = [sys.executable, "-m", "brm_build", *args, "--root", str(root)]
    return subprocess.run(unprivileged(command), capture_output=True, text=True, check=False)


@pytest.mark.parametrize("folder", ["records/meetings/2026", "records/services", "records"])
def test_a_folder_that_cannot_be_read_is_an_error(tmp_path: Path, folder: str) -> None:
    root = build(tmp_path / "repo", {})
    with _unreadable(root / folder):
        done = _brm(root, "check", "--today", TODAY.isoformat(), "--no-cache", "--format", "json")
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    found = [f for f in json.loads(done.stdout) if f["code"] == "file-unreadable"]
    assert [(f["path"], f["severity"], f["line"]) for f in found] == [(folder + "/", "error", 1)]
    assert found[0]["message"] == (
        "cannot read the folder: Permission denied; none of its records is checked"
    )


@needs_git
def test_diff_lists_a_folder_that_cannot_be_read(tmp_path: Path) -> None:
    root = build(tmp_path / "repo", {})
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "records")
    with _unreadable(root / "records/meetings/2026"):
        done = _brm(root, "diff", "HEAD")
    assert done.returncode == 0, done.stderr
    assert "records/meetings/2026/: added (unreadable: Permission denied)" in done.stdout
    assert "Removed" not in done.stdout  # what the folder holds is unknown, not gone
