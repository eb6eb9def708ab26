"""The lean install (``pip install brm-build``, no extra), as a CI job that only checks
gets it: check, diff, import and stats work; build, serve and the drawn review pack say
which extra to install and exit 2, with no traceback."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from ..conftest import EXAMPLE_TODAY, ROOT
from ..test_diff import git
from .environment import Installed

pytestmark = pytest.mark.installed
TODAY = EXAMPLE_TODAY.isoformat()
ADVICE = "pip install 'brm-build[site]'"


def test_the_lean_install_has_no_site_library(lean: Installed, tmp_path: Path) -> None:
    probe = "import importlib.util as u; print([m for m in %r if u.find_spec(m)])"
    modules = ("matplotlib", "mkdocs", "material", "jinja2", "markdown", "yaml", "pydantic")
    done = subprocess.run(
        [str(lean.python), "-c", probe % (modules,)],
        cwd=tmp_path,
        env=lean.environment(),
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == "['yaml', 'pydantic']"


def test_check_stats_diff_and_import_work_without_extras(
    lean: Installed, example_copy: Path
) -> None:
    root = example_copy
    checked = lean.run("check", "--today", TODAY, cwd=root)
    assert checked.returncode == 0 and " 0 errors" in checked.stdout, checked.stderr
    stats = lean.run("stats", "--today", TODAY, "--format", "json", cwd=root)
    assert stats.returncode == 0 and '"csat"' in stats.stdout.lower(), stats.stderr
    report = lean.run("report", "finance", "--period", "2026-Q3", "--today", TODAY, cwd=root)
    assert report.returncode == 0 and report.stdout.startswith("# Group Finance"), report.stderr
    shutil.copytree(ROOT / "imports", root / "imports")
    survey = "imports/csat-2026-q3-msforms"
    args = (
        "import",
        "survey",
        f"{survey}.xlsx",
        "--map",
        f"{survey}.yaml",
        "--today",
        TODAY,
        "--dry-run",
    )
    imported = lean.run(*args, cwd=root)
    assert imported.returncode == 0, imported.stdout + imported.stderr
    assert "72 response(s) to write" in imported.stdout
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-qm", "base")
    finance = root / "records" / "customers" / "finance.yaml"
    text = finance.read_text(encoding="utf-8")
    finance.write_text(text.replace("name: Group Finance", "name: Group Finance Office"))
    diff = lean.run("diff", "HEAD", cwd=root)
    assert diff.returncode == 0, diff.stderr
    assert '"Group Finance" → "Group Finance Office"' in diff.stdout
    assert "Traceback" not in checked.stderr + stats.stderr + diff.stderr + imported.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("build", "--today", TODAY, "--out", "site"),
        ("serve", "--today", TODAY),
        ("report", "finance", "--period", "2026-Q3", "--format", "html", "--out", "p.html"),
        ("report", "finance", "--period", "2026-Q3", "--format", "pdf", "--out", "p.pdf"),
    ],
    ids=lambda args: " ".join(args[:1] + args[5:6]),
)
def test_what_needs_the_site_says_which_extra(
    lean: Installed, example_copy: Path, args: tuple[str, ...]
) -> None:
    done = lean.run(*args, cwd=example_copy, timeout=300)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    (line,) = done.stderr.splitlines()
    assert line.startswith(f"brm: brm {args[0]} ") and line.endswith(ADVICE), line
    assert "matplotlib" in line
    assert not (example_copy / "site").exists()
