"""A pull request that commits brm's cache and a key to sign it, checked out as each CI
template does: the check still reports every error and no page is forged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from brm_build.site.render_cache import html_digest

from ..casebuilder import build
from .ci import (
    LAYOUTS,
    attacker_environment,
    attacker_key,
    commit_and_clone,
    job_environment,
    resign,
    run_brm,
)

TODAY = "2026-06-15"
BROKEN = {"records/services/broken.yaml": "name: Broken\nstatus: sometimes\n"}
FORGED = "FORGED-PAGE-SENTINEL-3c81"


def _forge_check(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run the check as the attacker, then sign a run that found nothing."""
    env = attacker_environment(repo)
    assert run_brm(monkeypatch, env, "check", "--root", str(repo), "--today", TODAY) == 1
    run = repo / ".brm-cache" / "check" / "run.txt"
    key, _, _ = run.read_bytes().partition(b"\n")[2].partition(b"\t")
    resign(run, attacker_key(repo), key + b"\t[]", "brm-check-cache 1")


def _forge_pages(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Build the site as the attacker, then put a script in every cached page, re-signed."""
    env = attacker_environment(repo)
    out = repo.parent / "attacker-site"
    argv = ["build", "--root", str(repo), "--today", TODAY, "--out", str(out)]
    assert run_brm(monkeypatch, env, *argv) == 0
    cache = repo / ".brm-cache" / "site"
    manifest = cache / "manifest.json"
    entries = json.loads(manifest.read_bytes().partition(b"\n")[2])
    for key, entry in entries.items():
        page = cache / "pages" / f"{key}.html"
        data = page.read_bytes().replace(b"</body>", f"<script>{FORGED}</script></body>".encode())
        page.write_bytes(data)
        entry["digest"] = html_digest(data)
    body = json.dumps(entries, separators=(",", ":")).encode()
    resign(manifest, attacker_key(repo), body, "brm-site-cache 1")


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_committed_key_and_cache_do_not_pass_the_check(
    layout: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = build(tmp_path / "attacker", BROKEN)
    _forge_check(repo, monkeypatch)
    checkout = commit_and_clone(repo, tmp_path / "ci" / "checkout")
    env = job_environment(layout, checkout, tmp_path / "ci" / "home")

    for _ in range(2):  # the second run reads what the first one cached
        assert run_brm(monkeypatch, env, "check", "--root", str(checkout), "--today", TODAY) == 1


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_committed_key_and_cache_do_not_forge_pages(
    layout: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = build(tmp_path / "attacker", {})
    _forge_pages(repo, monkeypatch)
    checkout = commit_and_clone(repo, tmp_path / "ci" / "checkout")
    env = job_environment(layout, checkout, tmp_path / "ci" / "home")
    out = tmp_path / "ci" / "public"

    argv = ["build", "--root", str(checkout), "--today", TODAY, "--out", str(out)]
    assert run_brm(monkeypatch, env, *argv) == 0
    pages = list(out.rglob("*.html"))
    assert pages
    assert not [p for p in pages if FORGED.encode() in p.read_bytes()]
