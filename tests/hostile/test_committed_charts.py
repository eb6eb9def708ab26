"""Charts a pull request commits in brm's chart cache, checked out as each CI template
does: SVGs with a script, a link to a file of the checkout, a ``.brm-cache`` that is a
link out of the repository. No committed chart is published and nothing outside is written;
a cached chart that is cut short is drawn again."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from brm_build.charts.figures import CACHE_FOLDER

from ..analytics.test_stats_command import AGREEMENT, Q1, Q4, REPORT
from ..casebuilder import build
from .ci import (
    LAYOUTS,
    TEMPLATE_LAYOUTS,
    attacker_environment,
    attacker_key,
    commit_and_clone,
    job_environment,
    remove,
    run_brm,
)

TODAY = "2026-06-15"
PLANTED = "PLANTED-CHART-SENTINEL-61d0"
PLANTED_GLOBAL = "plantedChart"
SCRIPT = f'<script>window.{PLANTED_GLOBAL} = "{PLANTED}"</script>'
RECORDS = {
    "records/agreements/finance-erp.yaml": AGREEMENT,
    "records/reports/finance-erp.yaml": REPORT,
    "records/surveys/q1.yaml": Q1,
    "records/surveys/q4.yaml": Q4,
}


def attacker_charts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The attacker's repository after a build of their own: brm's charts cached in it."""
    repo = build(tmp_path / "attacker", RECORDS)
    out = tmp_path / "attacker-site"
    argv = ["build", "--root", str(repo), "--today", TODAY, "--out", str(out)]
    assert run_brm(monkeypatch, attacker_environment(repo), *argv) == 0
    attacker_key(repo)
    charts = sorted((repo / CACHE_FOLDER).glob("*.svg"))
    assert charts
    return repo


def plant_scripts(repo: Path) -> None:
    """Put a script into every cached chart, as a committed SVG would carry it."""
    for chart in (repo / CACHE_FOLDER).glob("*.svg"):
        chart.write_text(f"<svg xmlns='http://www.w3.org/2000/svg'>{SCRIPT}</svg>")


def _ci_build(layout: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *flags: str) -> Path:
    checkout = tmp_path / "ci" / "checkout"
    env = job_environment(layout, checkout, tmp_path / "ci" / "home")
    out = tmp_path / "ci" / "public"
    argv = ["build", "--root", str(checkout), "--today", TODAY, "--out", str(out), *flags]
    assert run_brm(monkeypatch, env, *argv) == 0
    return out


def _published_charts(out: Path) -> dict[str, bytes]:
    charts = {p.name: p.read_bytes() for p in (out / "charts").glob("*.svg")}
    assert charts
    return charts


@pytest.mark.parametrize("flags", [(), ("--no-cache",)], ids=["cache", "no-cache"])
@pytest.mark.parametrize("layout", LAYOUTS)
def test_committed_charts_are_never_published(
    layout: str, flags: tuple[str, ...], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = attacker_charts(tmp_path, monkeypatch)
    plant_scripts(repo)
    commit_and_clone(repo, tmp_path / "ci" / "checkout")
    charts = _published_charts(_ci_build(layout, tmp_path, monkeypatch, *flags))
    assert all(svg.startswith(b"<?xml") for svg in charts.values())
    assert not [name for name, svg in charts.items() if PLANTED.encode() in svg]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_committed_link_in_place_of_a_chart_publishes_nothing_it_points_to(
    layout: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = attacker_charts(tmp_path, monkeypatch)
    for chart in (repo / CACHE_FOLDER).glob("*.svg"):
        chart.unlink()
        os.symlink(os.path.join("..", "..", ".git", "config"), chart)
    checkout = commit_and_clone(repo, tmp_path / "ci" / "checkout")
    secret = (checkout / ".git" / "config").read_bytes()
    charts = _published_charts(_ci_build(layout, tmp_path, monkeypatch))
    assert all(svg.startswith(b"<?xml") for svg in charts.values())
    assert not [name for name, svg in charts.items() if secret in svg or b"[core]" in svg]
    assert (checkout / ".git" / "config").read_bytes() == secret


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_committed_cache_link_writes_and_deletes_nothing_outside(
    layout: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = attacker_charts(tmp_path, monkeypatch)
    victim = tmp_path / "ci" / "victim"
    names = [p.relative_to(repo / ".brm-cache") for p in (repo / ".brm-cache").rglob("*")]
    for name in names:  # files brm would prune or overwrite in a cache of its own
        if not (repo / ".brm-cache" / name).is_dir():
            (victim / name).parent.mkdir(parents=True, exist_ok=True)
            (victim / name).write_text("the victim's own file")
    (victim / "charts" / ("0" * 64 + ".svg")).write_text("pruned if taken for a stale chart")
    before = {p: p.read_bytes() for p in victim.rglob("*") if p.is_file()}
    for item in (repo / ".brm-cache").iterdir():
        os.rename(item, tmp_path / item.name)
    (repo / ".brm-cache").rmdir()
    os.symlink(os.path.join("..", "victim"), repo / ".brm-cache")
    commit_and_clone(repo, tmp_path / "ci" / "checkout")
    _published_charts(_ci_build(layout, tmp_path, monkeypatch))
    assert {p: p.read_bytes() for p in victim.rglob("*") if p.is_file()} == before


@pytest.mark.parametrize("layout", TEMPLATE_LAYOUTS)
def test_a_cached_chart_cut_short_is_drawn_again(
    layout: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    writer = build(tmp_path / "writer", RECORDS)
    remove(writer / ".brm-cache")
    commit_and_clone(writer, tmp_path / "ci" / "checkout")
    full = _published_charts(_ci_build(layout, tmp_path, monkeypatch))
    cached = sorted((tmp_path / "ci" / "checkout" / CACHE_FOLDER).glob("*.svg"))
    assert cached
    for chart in cached:
        chart.write_bytes(chart.read_bytes()[:100])
    assert _published_charts(_ci_build(layout, tmp_path, monkeypatch)) == full
