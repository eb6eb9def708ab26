"""brm's extras as its package metadata lists them, and the lean commands, which must load
none of what the site extra brings (an install without it would otherwise fail)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

from brm_build import extras

from .conftest import EXAMPLE_TODAY, ROOT
from .test_diff import git

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
OPTIONAL = PYPROJECT["project"]["optional-dependencies"]


def _name(requirement: str) -> str:
    return requirement.split("[")[0].split(">")[0].split("<")[0].split("=")[0].strip()


def test_the_site_extra_is_read_from_the_installed_metadata() -> None:
    listed = [name for name, _ in extras._requirements(extras.SITE)]
    assert listed == [_name(r) for r in OPTIONAL["site"]]
    assert {"mkdocs", "mkdocs-material", "matplotlib"} <= set(listed)


def test_an_extra_of_extras_is_followed() -> None:
    assert ("brm-build", ("site",)) in extras._requirements("pdf")
    assert ("brm-build", ("pdf", "site")) in extras._requirements("dev")


def test_with_every_extra_installed_nothing_is_missing() -> None:
    assert extras.missing("dev") == []
    assert extras.extra_problem("brm build") is None


def test_an_extra_that_does_not_exist_needs_nothing() -> None:
    assert extras.missing("no-such-extra") == []


def _site_modules() -> set[str]:
    """The top-level modules that the site extra's distributions install."""
    wanted = {extras._normal(name) for name, _ in extras._requirements(extras.SITE)}
    return {
        module
        for module, names in metadata.packages_distributions().items()
        if any(extras._normal(n) in wanted for n in names)
    }


_PROBE = """
import json, sys
from brm_build.cli import main
codes = [main(args) for args in json.loads(sys.argv[1])]
print(json.dumps({"codes": codes, "modules": sorted({m.split(".")[0] for m in sys.modules})}))
"""


def test_check_stats_diff_and_import_load_no_site_module(tmp_path: Path) -> None:
    root = tmp_path / "records-repo"
    shutil.copytree(ROOT / "records", root / "records")
    shutil.copytree(ROOT / "imports", root / "imports")
    shutil.copy2(ROOT / "brm.yaml", root / "brm.yaml")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-qm", "base")
    today = ["--root", str(root), "--today", EXAMPLE_TODAY.isoformat()]
    survey = "imports/csat-2026-q3-msforms"
    commands = [
        ["check", *today],
        ["stats", *today, "--format", "json"],
        ["diff", "--root", str(root), "HEAD"],
        ["import", "survey", f"{survey}.xlsx", "--map", f"{survey}.yaml", "--dry-run", *today],
    ]
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps(commands)],
        cwd=root,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "CI": "true"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    probe = json.loads(done.stdout.splitlines()[-1])
    assert probe["codes"][:3] == [0, 0, 0], done.stdout + done.stderr
    site = _site_modules()
    assert {"matplotlib", "mkdocs", "material", "jinja2", "markdown"} <= site
    assert "openpyxl" in probe["modules"]  # the import ran and read the .xlsx
    assert sorted(site & set(probe["modules"])) == []
