"""Only regular files are opened: a named pipe or a link is an error at once, never a wait."""

from __future__ import annotations

import os
import tracemalloc
from pathlib import Path

import pytest

from brm_build.files import open_regular, read_at_most


def test_a_regular_file_is_opened(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("name: A\n")
    fd = open_regular(str(tmp_path / "a.yaml"))
    try:
        assert os.read(fd, 100) == b"name: A\n"
    finally:
        os.close(fd)


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.yaml")
    with pytest.raises(OSError, match="a named pipe, not a regular file"):
        open_regular(str(tmp_path / "pipe.yaml"))


def test_a_link_is_never_followed(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("name: A\n")
    os.symlink(tmp_path / "a.yaml", tmp_path / "link.yaml")
    with pytest.raises(OSError):
        open_regular(str(tmp_path / "link.yaml"))


def test_a_folder_is_called_a_folder(tmp_path: Path) -> None:
    with pytest.raises(OSError, match="it is a folder, not a regular file"):
        open_regular(str(tmp_path))


def test_reading_at_most_a_limit_asks_only_for_what_the_file_holds(tmp_path: Path) -> None:
    path = tmp_path / "records.txt"
    path.write_bytes(b"x" * 10_000)
    tracemalloc.start()
    try:
        data = read_at_most(str(path), 1 << 30)  # a GiB: never allocated for 10 kB
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert data == b"x" * 10_000
    assert peak < 1 << 20


def test_reading_at_most_a_limit_stops_at_it(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"y" * 5000)
    assert read_at_most(str(path), 4097) == b"y" * 4097
    assert read_at_most(str(path), 5001) == b"y" * 5000
    os.symlink(path, tmp_path / "link.yaml")
    with pytest.raises(OSError):
        read_at_most(str(tmp_path / "link.yaml"), 100)
