"""Charts a pull request planted in brm's chart cache, with a script in each, in
Chromium: the site a CI job builds from that commit serves only charts brm drew, and
opening any of them in the site's origin runs nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Dialog

from ..hostile.ci import TEMPLATE_LAYOUTS, commit_and_clone, job_environment, run_brm
from ..hostile.test_committed_charts import (
    PLANTED_GLOBAL,
    TODAY,
    attacker_charts,
    plant_scripts,
)
from .conftest import DESKTOP
from .serving import serving


@pytest.mark.parametrize("layout", TEMPLATE_LAYOUTS)
def test_a_planted_chart_runs_no_script_in_the_sites_origin(
    layout: str, browser: Browser, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = attacker_charts(tmp_path, monkeypatch)
    plant_scripts(repo)
    checkout = commit_and_clone(repo, tmp_path / "ci" / "checkout")
    out = tmp_path / "ci" / "public"
    env = job_environment(layout, checkout, tmp_path / "ci" / "home")
    argv = ["build", "--root", str(checkout), "--today", TODAY, "--out", str(out)]
    assert run_brm(monkeypatch, env, *argv) == 0
    charts = sorted(p.relative_to(out).as_posix() for p in (out / "charts").glob("*.svg"))
    assert charts
    pages = ["satisfaction.html", *charts]
    ran = {}
    with serving(out, {}) as url:
        context = browser.new_context(base_url=f"{url}/", viewport=DESKTOP.viewport)
        dialogs: list[str] = []

        def dismiss(dialog: Dialog) -> None:
            dialogs.append(dialog.message)
            dialog.dismiss()

        try:
            page = context.new_page()
            page.on("dialog", dismiss)
            for path in pages:
                page.goto(path, wait_until="load")
                value = page.evaluate(f"window.{PLANTED_GLOBAL}")
                if value is not None:
                    ran[path] = value
        finally:
            context.close()
    assert ran == {}
    assert dialogs == []
