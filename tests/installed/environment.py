"""brm as a user installs it: a wheel built from its sources, installed with its
dependencies into a fresh virtual environment outside the checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from ..conftest import ROOT

SOURCES = ("pyproject.toml", "README.md", "brm_build")
"""What a wheel is built from (``pip install .`` reads nothing else)."""


def _run(command: list[str], env: dict[str, str] | None = None) -> None:
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    assert done.returncode == 0, f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}"


def build_wheel(folder: Path) -> Path:
    """A wheel built from a copy of brm's sources in ``folder``: the build writes nothing
    into the checkout, and nothing left there by an earlier build can slip in."""
    source = folder / "source"
    source.mkdir()
    for name in SOURCES:
        if (ROOT / name).is_dir():
            ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
            shutil.copytree(ROOT / name, source / name, ignore=ignore)
        else:
            shutil.copy2(ROOT / name, source / name)
    dist = folder / "dist"
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(source)])
    (wheel,) = dist.glob("brm_build-*.whl")
    return wheel


@dataclass(frozen=True)
class Installed:
    """A virtual environment with brm installed from a wheel, and a home of its own for
    what brm keeps per user (the cache's signing key)."""

    venv: Path
    home: Path

    @classmethod
    def create(cls, folder: Path, wheel: Path, extras: str = "") -> Installed:
        """A fresh virtual environment in ``folder`` with ``wheel`` and its dependencies,
        and those of ``extras`` (such as "site"; none: the lean install)."""
        venv, home = folder / "venv", folder / "home"
        home.mkdir(parents=True)
        _run([sys.executable, "-m", "venv", str(venv)])
        installed = cls(venv, home)
        requirement = f"{wheel}[{extras}]" if extras else str(wheel)
        pip = [str(installed.python), "-m", "pip", "install", "-q", requirement]
        _run(pip, env=installed.environment())
        return installed

    @property
    def python(self) -> Path:
        return self.venv / "bin" / "python"

    def environment(self) -> dict[str, str]:
        """The environment of a user who installed brm: nothing of the checkout on the
        import path, the virtual environment first on PATH."""
        env = {
            k: v
            for k, v in os.environ.items()
            if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "GITHUB_STEP_SUMMARY")
        }
        env["PATH"] = os.pathsep.join([str(self.venv / "bin"), env.get("PATH", os.defpath)])
        env["HOME"] = str(self.home)
        env["XDG_CACHE_HOME"] = str(self.home / ".cache")
        return env

    def command(self, *args: str) -> list[str]:
        """The command line of the installed ``brm`` with ``args``."""
        return [str(self.venv / "bin" / "brm"), *args]

    def run(self, *args: str, cwd: Path, timeout: float = 1800) -> subprocess.CompletedProcess[str]:
        """Run the installed ``brm`` in ``cwd`` and wait for it."""
        return subprocess.run(
            self.command(*args),
            cwd=cwd,
            env=self.environment(),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
