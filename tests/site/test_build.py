"""The real build: MkDocs in strict mode, nothing restricted or executable leaks, and a
failed build leaves the previous site as it was."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from brm_build.check import check
from brm_build.model.settings import CacheSettings
from brm_build.site.build import build, external_assets, out_problems, site_data
from brm_build.site.context import environment
from brm_build.site.pages import generate

from ..conftest import ROOT, settings_for
from .hostile import SECRETS, write_hostile


class _Audit(HTMLParser):
    """Collects what could run in a page: inline scripts, handlers, and link targets."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.in_script = tag == "script"
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
            target = (value or "").strip().lower()
            if name in ("href", "src", "action") and target.startswith(("javascript:", "data:")):
                self.problems.append(f"<{tag} {name}={value}>")
        if tag in ("iframe", "object", "embed", "frame", "base"):
            self.problems.append(f"<{tag}>")

    def handle_endtag(self, tag: str) -> None:
        self.in_script = False

    def handle_data(self, data: str) -> None:
        if self.in_script and "alert(" in data:
            self.problems.append(f"<script>{data[:40]}")


def _files(site: Path) -> list[Path]:
    return [p for p in site.rglob("*") if p.is_file()]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = write_hostile(tmp_path_factory.mktemp("hostile"))
    out = root.parent / "hostile-site"
    built = build(settings_for(root), str(out))
    assert built.ok, (built.problems, built.check.findings)
    return root, out


def test_restricted_values_reach_no_output_file(hostile_site: tuple[Path, Path]) -> None:
    _, site = hostile_site
    files = _files(site)
    names = {p.relative_to(site).as_posix() for p in files}
    assert {"search/search_index.json", "sitemap.xml", "customers/evil.html"} <= names
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        for secret in SECRETS:
            assert secret not in text, f"{secret} in {path.relative_to(site)}"


def test_restricted_values_reach_no_generated_page(hostile_site: tuple[Path, Path]) -> None:
    root, _ = hostile_site
    settings = settings_for(root)
    pages = generate(site_data(settings, check(settings)), environment())
    for path, text in pages.items():
        for secret in SECRETS:
            assert secret not in text, f"{secret} in {path}"


def test_templates_receive_only_the_public_view(hostile_site: tuple[Path, Path]) -> None:
    """The figures that every template can reach hold the units as published: nothing
    prints a restricted field today, and no template can."""
    root, _ = hostile_site
    settings = settings_for(root)
    data = site_data(settings, check(settings))
    assert data.figures is not None
    stats = data.figures.stats
    assert "evil" in stats.customers and stats.services
    assert stats.customers == {k: p.record for k, p in data.publication.customers.items()}
    assert stats.services == {k: p.record for k, p in data.publication.services.items()}
    text = repr(stats)
    for secret in SECRETS:
        assert secret not in text, secret


def test_no_markup_from_records_runs_in_any_page(hostile_site: tuple[Path, Path]) -> None:
    _, site = hostile_site
    pages = [p for p in _files(site) if p.suffix == ".html"]
    assert len(pages) > 15
    for path in pages:
        audit = _Audit()
        text = path.read_text(encoding="utf-8")
        audit.feed(text)
        assert audit.problems == [], path.relative_to(site)
        assert "<script>alert" not in text and "</title><script>" not in text


def test_the_search_index_holds_record_text_only_as_text(hostile_site: tuple[Path, Path]) -> None:
    _, site = hostile_site
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:
        for value in (doc["title"], doc["text"]):
            assert not re.search(r"<(script|img|iframe|svg|style)\b", value), value[:80]
            assert not re.search(r"href=[\"']?javascript:", value), value[:80]


def test_hostile_text_is_shown_as_written(hostile_site: tuple[Path, Path]) -> None:
    _, site = hostile_site
    page = (site / "customers" / "evil.html").read_text(encoding="utf-8")
    shown = "Evil &#124; &#42;Corp&#42; &lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt;"
    assert shown in page
    assert "&#123;&#123; 7&#42;7 &#125;&#125;" in page
    assert "https://ok.example" in page


def test_the_site_loads_nothing_from_other_hosts(hostile_site: tuple[Path, Path]) -> None:
    _, site = hostile_site
    assert external_assets(str(site)) == []
    (site / "bad.html").write_text('<link rel="stylesheet" href="https://fonts.example/x.css">')
    try:
        assert len(external_assets(str(site))) == 1
    finally:
        (site / "bad.html").unlink()


def test_without_git_every_record_page_says_history_is_missing(
    hostile_site: tuple[Path, Path],
) -> None:
    _, site = hostile_site
    page = (site / "customers" / "evil.html").read_text(encoding="utf-8")
    assert (
        "History is not shown: when this site was built, the records are not in a git checkout"
        in page
    )
    assert "https://github.com/evil/records/edit/main/records/customers/evil.yaml" in page


def test_the_example_builds_in_strict_mode(tmp_path: Path) -> None:
    out = tmp_path / "site"
    built = build(settings_for(ROOT), str(out))
    assert built.ok, built.problems
    assert built.check.errors == 0
    for page in ("index.html", "customers.html", "customers/finance.html", "changes.html"):
        assert (out / page).is_file(), page
    assert (out / "javascripts" / "tables.js").is_file()


def test_a_failed_build_leaves_the_previous_site(tmp_path: Path) -> None:
    root = write_hostile(tmp_path / "records-repo")
    out = tmp_path / "site"
    assert build(settings_for(root), str(out)).ok
    before = {p: p.read_bytes() for p in _files(out)}

    (root / "mkdocs.yml").write_text("theme:\n  name: no-such-theme\n")
    failed = build(settings_for(root), str(out))
    assert not failed.ok and failed.problems
    (root / "mkdocs.yml").unlink()

    (root / "records" / "services" / "web.yaml").write_text("name: [unclosed\n")
    broken = build(settings_for(root), str(out))
    assert broken.check.errors > 0 and not broken.ok

    assert {p: p.read_bytes() for p in _files(out)} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["records-repo", "site"]


def test_the_output_folder_is_never_the_records_or_a_stranger(tmp_path: Path) -> None:
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "keep.txt").write_text("mine")
    assert out_problems(str(tmp_path), str(tmp_path))
    assert out_problems(str(tmp_path), str(tmp_path.parent))
    assert out_problems(str(tmp_path), str(tmp_path / "notes"))
    assert out_problems(str(tmp_path), str(tmp_path / "notes" / "keep.txt"))
    assert out_problems(str(tmp_path), str(tmp_path / "records" / "site"))
    assert out_problems(str(tmp_path), str(tmp_path / "site")) == []


def test_a_rebuild_after_a_changed_meeting_renders_little_and_equals_a_clean_build(
    tmp_path: Path,
) -> None:
    root = tmp_path / "repo"
    shutil.copytree(ROOT / "records", root / "records")
    shutil.copy(ROOT / "brm.yaml", root / "brm.yaml")
    cache = CacheSettings(str(root / ".brm-cache" / "check"), str(tmp_path / "key"))
    settings = dataclasses.replace(settings_for(root), cache=cache)
    first = build(settings, str(tmp_path / "site"))
    assert first.ok and first.reused == 0
    assert first.rendered == first.pages

    meeting = min((root / "records" / "meetings").rglob("*.md"))
    meeting.write_text(meeting.read_text(encoding="utf-8") + "\nA note added later.\n")
    again = build(settings, str(tmp_path / "site"))
    assert again.ok and again.reused + again.rendered == first.rendered
    assert 1 <= again.rendered <= 3, again.rendered

    clean = build(dataclasses.replace(settings, cache=None), str(tmp_path / "clean"))
    assert clean.ok and clean.reused == 0
    assert _contents(tmp_path / "site") == _contents(tmp_path / "clean")


def _contents(site: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()
    }


def test_a_build_with_every_chart_cached_does_not_load_matplotlib(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(ROOT / "records", root / "records")
    shutil.copy(ROOT / "brm.yaml", root / "brm.yaml")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "home"), "CI": "true"}
    script = (
        "import sys\n"
        "from brm_build.cli import main\n"
        f"code = main(['build', '--root', {str(root)!r}, '--today', '2026-11-26',"
        f" '--out', {str(tmp_path / 'site')!r}])\n"
        "print('matplotlib loaded:', 'matplotlib' in sys.modules)\n"
        "sys.exit(code)\n"
    )
    runs = [
        subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env)
        for _ in range(2)
    ]
    assert [r.returncode for r in runs] == [0, 0], runs[-1].stderr
    assert "matplotlib loaded: True" in runs[0].stdout  # the first build draws the charts
    assert "matplotlib loaded: False" in runs[1].stdout
