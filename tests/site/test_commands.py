"""``brm build`` and ``brm serve`` from the command line, and the preview's refresh."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from brm_build.cli import main
from brm_build.site.serve import records_signature, regenerate, sync_docs

from ..conftest import settings_for
from .hostile import write_hostile


def test_build_stops_on_errors_and_prints_what_check_prints(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_hostile(tmp_path / "repo")
    (root / "records" / "services" / "web.yaml").write_text("name: Web\nstatus: sometimes\n")
    out = tmp_path / "site"
    args = ["--root", str(root), "--today", "2026-11-26"]
    assert main(["check", *args]) == 1
    checked = capsys.readouterr().out
    assert main(["build", *args, "--out", str(out)]) == 1
    assert capsys.readouterr().out == checked
    assert "records/services/web.yaml" in checked
    assert not out.exists()


def test_build_writes_the_site_and_says_where(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_hostile(tmp_path / "repo")
    out = tmp_path / "public"
    assert main(["build", "--root", str(root), "--today", "2026-11-26", "--out", str(out)]) == 0
    assert f"into {out}/" in capsys.readouterr().out
    assert (out / "index.html").is_file()


def test_build_refuses_to_replace_the_records(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_hostile(tmp_path / "repo")
    assert main(["build", "--root", str(root), "--today", "2026-11-26", "--out", str(root)]) == 1
    assert "contains the records repository" in capsys.readouterr().err
    assert (root / "records").is_dir()


def test_both_commands_have_help(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("build", "serve"):
        assert main([command, "--help"]) == 0
        assert "--root" in capsys.readouterr().out


def test_the_preview_rewrites_only_pages_that_changed(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "customers").mkdir(parents=True)
    old = {"index.md": "home", "customers/a.md": "A", "customers/b.md": "B"}
    for path, text in old.items():
        (docs / path).write_text(text)
    stamp = os.stat(docs / "index.md").st_mtime_ns
    new = {"index.md": "home", "customers/a.md": "A2", "customers/c.md": "C"}
    assert sync_docs(str(docs), old, new) == 3
    assert (docs / "customers" / "a.md").read_text() == "A2"
    assert (docs / "customers" / "c.md").read_text() == "C"
    assert not (docs / "customers" / "b.md").exists()
    assert os.stat(docs / "index.md").st_mtime_ns == stamp


def test_the_preview_notices_changed_records_and_keeps_pages_on_errors(tmp_path: Path) -> None:
    root = write_hostile(tmp_path)
    before = records_signature(str(root))
    settings = settings_for(root)
    result, pages = regenerate(settings)
    assert pages is not None and "customers/evil.md" in pages and result.errors == 0
    (root / "records" / "services" / "web.yaml").write_text("name: [unclosed\n")
    assert records_signature(str(root)) != before
    result, pages = regenerate(settings)
    assert pages is None and result.errors > 0
