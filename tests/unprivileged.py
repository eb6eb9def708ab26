"""Commands run without the privilege to pass over file permissions, so that a folder that
may not be read or written is just that, even when the tests run as root (in a container,
say): root then drops every capability with ``setpriv`` (util-linux) and is bound by the
permission bits like any user."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess

import pytest

_DROP = ["--bounding-set=-all", "--inh-caps=-all", "--"]


@functools.cache
def _setpriv() -> list[str] | None:
    """How root drops its capabilities here; None when it cannot."""
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    done = subprocess.run([setpriv, *_DROP, "true"], capture_output=True, check=False)
    return [setpriv, *_DROP] if done.returncode == 0 else None


def unprivileged(command: list[str]) -> list[str]:
    """``command``, bound by file permissions; a skip that says why when that cannot be."""
    if os.name != "posix" or os.geteuid() != 0:
        return command
    prefix = _setpriv()
    if prefix is None:
        pytest.skip(
            "root passes over file permissions and cannot drop that privilege here: "
            "install util-linux (setpriv) or run the tests as another user"
        )
    return [*prefix, *command]
