"""No command loses or changes a record: every file under records/ has the same bytes
after every command, ``brm new`` and ``brm import`` add files but never overwrite one,
and a failed build leaves the previously published site byte for byte as it was."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from brm_build.cli import main
from brm_build.site.resources import DEFAULT_CONFIG

from .hostile.conftest import git
from .hostile.organisation import write_organisation
from .unprivileged import unprivileged

TODAY = "2026-11-26"


def snapshot(folder: Path) -> dict[str, str]:
    """The SHA-256 of every file, and every folder and link, under ``folder``."""
    found = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[rel] = "link:" + os.readlink(path)
        elif path.is_dir():
            found[rel] = "folder"
        else:
            found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small organisation in git, with one uncommitted change."""
    root = write_organisation(tmp_path_factory.mktemp("no-loss") / "repo")
    git(root, "init", "--quiet", "--initial-branch=main")
    git(root, "add", "-A")
    git(root, "commit", "--quiet", "-m", "Records")
    service = root / "records/services/readme.yaml"
    service.write_text(service.read_text().replace("status: live", "status: retired"))
    return root


def _commands(root: Path, out: Path) -> list[list[str]]:
    common = ["--root", str(root), "--today", TODAY]
    return [
        ["check", *common],
        ["check", *common, "--format", "json"],
        ["check", *common, "--format", "github"],
        ["check", *common, "--format", "gitlab"],
        ["check", *common, "--strict", "--no-cache"],
        ["stats", *common],
        ["stats", *common, "--format", "json"],
        ["diff", "HEAD", *common],
        ["diff", "HEAD", *common, "--format", "markdown"],
        ["export", *common],
        ["export", *common, "--out", str(out / "json")],
        ["export", *common, "--format", "csv", "--out", str(out / "csv")],
        ["codeowners", *common],
        ["codeowners", *common, "--check"],
        ["schemas", "--out", str(out / "schemas")],
        ["schemas", "--out", str(out / "schemas"), "--check"],
        ["demo", "--out", str(out / "demo")],
        ["demo", "--out", str(root)],
        ["build", *common, "--out", str(out / "site")],
        ["build", *common, "--out", str(root / "records")],
        ["build", *common, "--out", str(root)],
    ]


def test_no_command_changes_a_record(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(repo / "records")
    assert len(before) > 10
    for argv in _commands(repo, tmp_path):
        code = main(argv)
        capsys.readouterr()
        assert code in (0, 1, 2), argv
        assert snapshot(repo / "records") == before, argv
    assert (tmp_path / "site" / "index.html").is_file()
    assert (tmp_path / "demo" / "records").is_dir()


def test_new_never_overwrites_and_import_changes_only_the_rows_records(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(repo / "records")
    common = ["--root", str(repo), "--today", TODAY]
    assert main(["new", "customer", "index", *common, *CUSTOMER]) != 0
    table = tmp_path / "services.csv"
    table.write_text(
        "id,name,owner.name,owner.email,status\nreadme,Replaced,A B,a@b.example,live\n"
    )
    assert main(["import", "services", str(table), *common, "--dry-run"]) == 0
    assert "would update records/services/readme.yaml" in capsys.readouterr().out
    assert snapshot(repo / "records") == before
    original = (repo / "records/services/readme.yaml").read_bytes()
    assert main(["import", "services", str(table), *common]) == 0
    updated = snapshot(repo / "records")
    assert {k for k in updated if updated[k] != before.get(k)} == {"services/readme.yaml"}
    (repo / "records/services/readme.yaml").write_bytes(original)
    assert snapshot(repo / "records") == before

    assert main(["new", "customer", "fresh", *common, *CUSTOMER]) == 0
    after = snapshot(repo / "records")
    assert set(after) - set(before) == {"customers/fresh.yaml"}
    assert {k: v for k, v in after.items() if k in before} == before
    (repo / "records/customers/fresh.yaml").unlink()


def test_new_and_import_never_write_through_a_link(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_organisation(tmp_path / "repo")
    outside = tmp_path / "outside"
    outside.mkdir()
    for kind in ("customers", "services"):
        shutil.move(root / "records" / kind, outside / kind)
        os.symlink(outside / kind, root / "records" / kind)
    common = ["--root", str(root), "--today", TODAY]
    before = snapshot(outside)
    assert main(["new", "customer", "fresh", *common, *CUSTOMER]) != 0
    table = tmp_path / "services.csv"
    table.write_text("id,name,owner.name,owner.email,status\nother,Other,A B,a@b.example,live\n")
    assert main(["import", "services", str(table), *common]) != 0
    assert capsys.readouterr().err.count("symbolic link") >= 2
    assert snapshot(outside) == before


CUSTOMER = [
    "--name",
    "New unit",
    "--role",
    "customer",
    "--manager-name",
    "Mia Manager",
    "--manager-email",
    "mia@hostile.example",
    "--relationship-manager-name",
    "Rita Manager",
    "--relationship-manager-email",
    "rita@hostile.example",
]


def _break_records(root: Path) -> None:
    (root / "records/services/readme.yaml").write_text("name: [unclosed\n")


def _break_mkdocs(root: Path) -> None:
    (root / "mkdocs.yml").write_text("theme:\n  name: no-such-theme\n")


def _break_markup(root: Path) -> None:
    (root / "brm-mkdocs.yml").write_bytes(DEFAULT_CONFIG.read_bytes())
    (root / "mkdocs.yml").write_text(
        "INHERIT: brm-mkdocs.yml\nextra_javascript: ['https://cdn.example/x.js']\n"
    )


def test_a_failed_build_leaves_the_published_site_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Broken records, a MkDocs failure, and a site that would load a script from another
    host: each build fails and the published site keeps every byte."""
    root = write_organisation(tmp_path / "repo")
    out = tmp_path / "published" / "site"
    common = ["--root", str(root), "--today", TODAY, "--out", str(out)]
    assert main(["build", *common]) == 0
    published = snapshot(out)
    pristine = snapshot(root / "records")
    for breaking in (_break_records, _break_mkdocs, _break_markup):
        breaking(root)
        assert main(["build", *common]) == 1, breaking.__name__
        capsys.readouterr()
        assert snapshot(out) == published, breaking.__name__
        assert sorted(p.name for p in out.parent.iterdir()) == ["site"]
        shutil.rmtree(root)
        write_organisation(root)
        assert snapshot(root / "records") == pristine


def test_a_site_that_cannot_be_swapped_in_leaves_the_published_one(tmp_path: Path) -> None:
    """The published site's folder may not be moved (no write permission on it): the
    build fails with a plain sentence, the site keeps every byte, and nothing is left
    beside it."""
    root = write_organisation(tmp_path / "repo")
    out = tmp_path / "published" / "site"
    common = ["--root", str(root), "--today", TODAY, "--out", str(out)]
    assert main(["build", *common]) == 0
    published = snapshot(out)
    out.chmod(0o555)
    try:
        command = unprivileged([sys.executable, "-m", "brm_build", "build", *common])
        done = subprocess.run(command, capture_output=True, text=True, check=False)
    finally:
        out.chmod(0o755)
    assert done.returncode == 1, done.stderr
    assert f"brm: cannot write {out}: permission denied" in done.stderr
    assert "the previous one is unchanged" in done.stderr
    assert snapshot(out) == published
    assert [p.name for p in out.parent.iterdir()] == ["site"]
