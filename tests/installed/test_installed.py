"""An installed brm (a wheel in a fresh virtual environment, outside the checkout) checks,
builds and serves a records repository that is not a checkout of brm.

``brm init`` is tested the same way, by following the README's "Start your own
organisation" literally with the installed brm.
"""

from __future__ import annotations

import signal
import socket
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from ..conftest import EXAMPLE_TODAY, ROOT
from ..readme import follow_the_readme
from .environment import Installed
from .site import fetch, serving, site_problems

pytestmark = pytest.mark.installed
TODAY = EXAMPLE_TODAY.isoformat()


def test_the_installed_brm_is_not_the_checkout(installed: Installed, tmp_path: Path) -> None:
    done = installed.run("--version", cwd=tmp_path)
    assert done.returncode == 0 and done.stdout.startswith("brm "), done.stderr
    where = subprocess.run(
        [str(installed.python), "-c", "import brm_build; print(brm_build.__file__)"],
        cwd=tmp_path,
        env=installed.environment(),
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert Path(where).is_relative_to(installed.venv), where
    assert not Path(where).is_relative_to(ROOT), where


def test_check_and_build_give_every_kind_of_page(installed: Installed, example_copy: Path) -> None:
    checked = installed.run("check", "--today", TODAY, cwd=example_copy)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert " 0 errors" in checked.stdout
    built = installed.run("build", "--today", TODAY, "--out", "site", cwd=example_copy)
    assert built.returncode == 0, built.stdout + built.stderr
    assert "Traceback" not in built.stderr
    site = example_copy / "site"
    problems = site_problems(site, example_copy)
    assert not problems, "\n".join(problems)
    # The same look at a site that lost a record's page and a chart finds both.
    (site / "customers" / "finance.html").unlink()
    (site / "charts" / "csat-organisation.svg").unlink()
    assert site_problems(site, example_copy) == [
        "no page customers/finance.html for records/customers/finance.yaml",
        "satisfaction.html shows charts/csat-organisation.svg, which is no chart",
    ]


def test_serve_answers_and_stops(installed: Installed, example_copy: Path) -> None:
    with serving(installed, example_copy, "--today", TODAY) as (url, process):
        assert "Meridian" in fetch(url + "index.html")
        assert "Finance" in fetch(url + "customers/finance.html")
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=60)
    assert "Traceback" not in err, err
    assert process.returncode == 130, err
    address = urlsplit(url)
    with socket.socket() as probe:  # the preview's MkDocs server stopped with it
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # past TIME_WAIT
        probe.bind((str(address.hostname), int(address.port or 0)))
        probe.listen()


def test_the_readme_start_gives_every_kind_of_page(installed: Installed, tmp_path: Path) -> None:
    """The README's "Start your own organisation", followed literally with the installed
    brm: brm init, brm check and brm build in a folder that is no checkout."""
    root = follow_the_readme(tmp_path, installed.environment())
    assert not (root / "pyproject.toml").exists() and (root / ".github/workflows").is_dir()
    problems = site_problems(root / "site", root)
    assert not problems, "\n".join(problems)
