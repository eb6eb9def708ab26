"""Where commands write what they make: a file, a folder or a place that cannot take it
gets one plain sentence (``brm_build.outputs``)."""

from __future__ import annotations

import errno
from collections.abc import Callable
from pathlib import Path

import pytest

from brm_build import outputs
from brm_build.outputs import (
    OutputError,
    cannot_write,
    create_text,
    make_folder,
    replace_files,
    replace_whole,
    write_text,
)


def _said(call: Callable[..., object], *args: str) -> str:
    with pytest.raises(OutputError) as raised:
        call(*args)
    return str(raised.value)


def test_a_folder_where_a_file_is(tmp_path: Path) -> None:
    (tmp_path / "notes").write_text("mine")
    folder = str(tmp_path / "notes")
    assert _said(make_folder, folder) == f"cannot write into {folder}: it is a file; name a folder"
    assert (tmp_path / "notes").read_text() == "mine"


def test_a_file_under_a_file(tmp_path: Path) -> None:
    (tmp_path / "notes").write_text("mine")
    target = str(tmp_path / "notes" / "out" / "CODEOWNERS")
    blocker = str(tmp_path / "notes")
    assert _said(write_text, target, "x") == (
        f"cannot write {target}: {blocker} is a file, not a folder"
    )
    assert _said(create_text, target, "x") == (
        f"cannot write {target}: {blocker} is a file, not a folder"
    )


def test_a_file_where_a_folder_is(tmp_path: Path) -> None:
    assert _said(write_text, str(tmp_path), "x") == (
        f"cannot write {tmp_path}: it is a folder; name a file"
    )


def test_what_the_system_says_otherwise() -> None:
    denied = PermissionError(errno.EACCES, "Permission denied")
    assert cannot_write("out/x.json", denied) == (
        "cannot write out/x.json: permission denied; choose a place you can write to"
    )
    full = OSError(errno.ENOSPC, "No space left on device")
    assert cannot_write("x.json", full) == "cannot write x.json: No space left on device"


def test_folders_are_made_and_text_written(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "x.txt"
    write_text(str(target), "one\n")
    write_text(str(target), "two\n", append=True)
    assert target.read_bytes() == b"one\ntwo\n"
    write_text(str(target), "a\nb\n", newline="\r\n")
    assert target.read_bytes() == b"a\r\nb\r\n"


def test_a_new_file_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "records" / "customers" / "finance.yaml"
    assert create_text(str(target), "name: Finance\n") is True
    assert create_text(str(target), "name: Other\n") is False
    assert target.read_text() == "name: Finance\n"


def test_replace_files_writes_all_or_none(tmp_path: Path) -> None:
    first, second, gone = tmp_path / "a.yaml", tmp_path / "b.yaml", tmp_path / "old.yaml"
    first.write_text("a: 1\n")
    gone.write_text("old: 1\n")
    (tmp_path / "blocker").write_text("a file where a folder would be")
    with pytest.raises(OutputError, match="blocker is a file"):
        replace_files(
            [(str(first), "a: 2\n"), (str(tmp_path / "blocker" / "c.yaml"), "c: 1\n")], [str(gone)]
        )
    assert first.read_text() == "a: 1\n" and gone.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml", "blocker", "old.yaml"]
    replace_files([(str(first), "a: 2\r\n"), (str(second), "b: 1\n")], [str(gone)])
    assert first.read_bytes() == b"a: 2\r\n" and second.read_text() == "b: 1\n"
    assert not gone.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml", "b.yaml", "blocker"]


def test_replace_files_puts_back_what_it_replaced_when_a_removal_fails(tmp_path: Path) -> None:
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    first.write_bytes(b"a: 1\n")
    with pytest.raises(OutputError):
        # the file to remove vanished after the plan: what was swapped in goes back
        replace_files([(str(first), "a: 2\n"), (str(second), "b: 1\n")], [str(tmp_path / "x")])
    assert first.read_bytes() == b"a: 1\n" and not second.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml"]


def test_replace_whole_leaves_the_old_file_when_it_cannot_write(tmp_path: Path) -> None:
    target = tmp_path / "page.html"
    target.write_bytes(b"old")
    replace_whole(str(target), b"new")
    assert target.read_bytes() == b"new"
    (tmp_path / "folder").mkdir()
    with pytest.raises(IsADirectoryError):
        replace_whole(str(tmp_path / "folder"), b"new")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder", "page.html"]
    with pytest.raises(FileNotFoundError):
        replace_whole(str(tmp_path / "missing" / "x"), b"new")


def test_one_way_to_write_a_file_whole() -> None:
    """Writing a file whole or not at all (a temporary file moved over it) is outputs'
    replace_whole: no other module makes its own temporary file for it."""
    package = Path(outputs.__file__).parent
    makers = sorted(
        path.relative_to(package).as_posix()
        for path in package.rglob("*.py")
        if "mkstemp(" in path.read_text(encoding="utf-8")
    )
    assert makers == ["outputs.py"]
