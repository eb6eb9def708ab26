"""One wheel and one virtual environment per test session, shared by the tests of an
installed brm; a records repository outside any checkout per test."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from ..conftest import ROOT
from .environment import Installed, build_wheel


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """brm built as a wheel, once per session for every environment that installs it."""
    folder = tmp_path_factory.mktemp("wheel")
    yield build_wheel(folder)
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def installed(tmp_path_factory: pytest.TempPathFactory, wheel: Path) -> Iterator[Installed]:
    """The wheel installed with the site extra into a fresh venv, which is removed at the
    end of the session (it is large, and no test looks at it later)."""
    folder = tmp_path_factory.mktemp("installed")
    yield Installed.create(folder, wheel, extras="site")
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def lean(tmp_path_factory: pytest.TempPathFactory, wheel: Path) -> Iterator[Installed]:
    """The wheel installed without extras, as ``pip install brm-build`` does in a CI job
    that only checks: no MkDocs, no matplotlib."""
    folder = tmp_path_factory.mktemp("lean")
    yield Installed.create(folder, wheel)
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def example_copy(tmp_path: Path) -> Path:
    """The example organisation (records/ and brm.yaml) in a folder of its own, which is no
    checkout of brm: no sources, no mkdocs.yml, no git."""
    root = tmp_path / "meridian"
    shutil.copytree(ROOT / "records", root / "records")
    shutil.copy2(ROOT / "brm.yaml", root / "brm.yaml")
    return root
