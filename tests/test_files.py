"""Only regular files are opened: a named pipe or a link is an error at once, never a wait."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from brm_build.files import open_regular


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
