"""Where ``brm build --out`` writes: only a new folder or a site brm built (it carries
brm's marker), never through a link a pull request committed, never a traceback; what a
killed build left behind is removed by the next build."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from brm_build.cli import main
from brm_build.site.leftovers import MARKER

from ..casebuilder import build
from ..conftest import ROOT
from .ci import TEMPLATE_LAYOUTS, commit_and_clone, job_environment, run_brm

TODAY = "2026-06-15"
TEMPLATE_OUT = {"github": "site", "gitlab": "public"}
"""The --out of each CI template's build."""


def _build(root: Path, out: Path | str) -> list[str]:
    return ["build", "--root", str(root), "--today", TODAY, "--out", str(out)]


def test_a_folder_with_a_sitemap_but_no_marker_is_not_replaced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = build(tmp_path / "repo", {})
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "sitemap.xml").write_text("<urlset/>")
    (mine / "thesis.tex").write_text("years of work")
    assert main(_build(root, mine)) == 1
    assert f"no {MARKER} file" in capsys.readouterr().err
    assert sorted(p.name for p in mine.iterdir()) == ["sitemap.xml", "thesis.tex"]

    site = tmp_path / "site"
    assert main(_build(root, site)) == 0
    assert (site / MARKER).is_file()
    assert main(_build(root, site)) == 0  # a site brm built is replaced


def test_out_under_a_file_is_a_plain_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = build(tmp_path / "repo", {})
    (tmp_path / "notes.txt").write_text("mine")
    assert main(_build(root, tmp_path / "notes.txt" / "site")) == 1
    err = capsys.readouterr().err
    assert "notes.txt is a file, not a folder" in err and "Traceback" not in err
    assert (tmp_path / "notes.txt").read_text() == "mine"


@pytest.mark.parametrize("layout", TEMPLATE_LAYOUTS)
def test_a_committed_link_at_the_templates_out_writes_nothing_through_it(
    layout: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = build(tmp_path / "attacker", {})
    victim = tmp_path / "ci" / "victim"
    victim.mkdir(parents=True)
    (victim / MARKER).write_text("looks like a site")
    (victim / "keep.txt").write_text("the victim's own file")
    os.symlink(os.path.join("..", "victim"), repo / TEMPLATE_OUT[layout])
    checkout = commit_and_clone(repo, tmp_path / "ci" / "checkout")
    env = job_environment(layout, checkout, tmp_path / "ci" / "home")
    monkeypatch.chdir(checkout)

    assert run_brm(monkeypatch, env, *_build(checkout, TEMPLATE_OUT[layout])) == 1
    assert sorted(p.name for p in victim.iterdir()) == [MARKER, "keep.txt"]
    assert (checkout / TEMPLATE_OUT[layout]).is_symlink()


def _brm(tmp: Path) -> dict[str, str]:
    """brm's environment with its own temporary folder, to see what a build leaves there."""
    return {**os.environ, "TMPDIR": str(tmp), "CI": "true", "XDG_CACHE_HOME": str(tmp.parent)}


def _ours(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith((".brm-", "brm-")))


def test_the_next_build_removes_what_a_killed_build_left(tmp_path: Path) -> None:
    root = build(tmp_path / "repo", {})
    tmp, out = tmp_path / "tmp", tmp_path / "published" / "site"
    tmp.mkdir()
    out.parent.mkdir()
    command = [sys.executable, "-m", "brm_build", *_build(root, out), "--no-cache"]
    killed = subprocess.Popen(command, cwd=ROOT, env=_brm(tmp), stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not _ours(out.parent) and killed.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    killed.send_signal(signal.SIGKILL)
    killed.wait()
    assert _ours(out.parent), "the build was killed after it began to stage the site"

    done = subprocess.run(command, cwd=ROOT, env=_brm(tmp), capture_output=True, check=False)
    assert done.returncode == 0, done.stderr
    assert _ours(out.parent) == []
    assert _ours(tmp) == []
    assert (out / MARKER).is_file()


def test_a_site_left_aside_by_a_killed_swap_is_put_back(tmp_path: Path) -> None:
    root = build(tmp_path / "repo", {})
    out = tmp_path / "site"
    assert main(_build(root, out)) == 0
    gone = subprocess.Popen(["true"])
    gone.wait()
    aside = tmp_path / f".brm-previous-{gone.pid}-x1y2z3"
    aside.mkdir()
    os.rename(out, aside / "site")
    (root / "records" / "services" / "broken.yaml").write_text("name: [unclosed\n")

    assert main(_build(root, out)) == 1  # the records have an error: nothing is built
    assert (out / MARKER).is_file() and (out / "index.html").is_file()
    assert not aside.exists()
