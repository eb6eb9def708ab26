"""Rendering over several MkDocs processes and through the page cache gives exactly the
site one clean ``mkdocs build --strict`` gives, and reports the same problems."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Collection, Mapping
from pathlib import Path

import pytest
import yaml

from brm_build.site.build import mkdocs_environment
from brm_build.site.config import _VALIDATION
from brm_build.site.render import (
    Audit,
    RenderOutcome,
    _cached_pages,
    _run,
    render_site,
    site_config,
)
from brm_build.site.render_cache import MANIFEST, PAGES, PageCache

ENV = mkdocs_environment()


def _page(title: str, body: str = "") -> bytes:
    return f"# {title}\n\n## Details\n\nAbout {title}.\n\n{body}\n".encode()


def _docs() -> dict[str, bytes]:
    """A small site: pages in folders, links between them and to their anchors, an image."""
    docs = {
        "index.md": _page("Home", "[Customers](customers.md) · [A](customers/a.md#details)"),
        "customers.md": _page("Customers", "- [A](customers/a.md)\n- [B](customers/b.md)"),
        "charts/a.svg": b'<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>',
        "stylesheets/site.css": b"body { color: black; }\n",
    }
    for name in "abcdefgh":
        links = f"[Back](../customers.md) · [Next](n{name}.md#details) ![chart](../charts/a.svg)"
        docs[f"customers/{name}.md"] = _page(f"Customer {name}", links)
        docs[f"customers/n{name}.md"] = _page(f"Next of {name}", "[Home](../index.md#home)")
    return docs


def _config(folder: Path, extra: Mapping[str, object] | None = None) -> str:
    config = {
        "site_name": "Test site",
        "docs_dir": str(folder / "docs"),
        "site_dir": str(folder / "unused-site"),
        "use_directory_urls": False,
        "theme": {"name": "material", "font": False},
        "plugins": ["search"],
        "nav": [{"Home": "index.md"}, {"Directory": [{"Customers": "customers.md"}]}],
        "not_in_nav": "/customers/\n/charts/",
        "markdown_extensions": ["tables", "md_in_html", {"toc": {"permalink": True}}],
        "validation": _VALIDATION,
        **(extra or {}),
    }
    path = folder / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return str(path)


def _files(site: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()
    }


def _clean_build(tmp: Path, docs: Mapping[str, bytes]) -> dict[str, bytes] | list[str]:
    """The site of a plain ``mkdocs build --strict`` of ``docs``, or its warnings."""
    folder = tmp / f"clean-{len(list(tmp.iterdir()))}"
    for path, data in docs.items():
        (folder / "docs" / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / "docs" / path).write_bytes(data)
    site = folder / "site"
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)]
    done = subprocess.run(
        [*command, "-f", _config(folder)], capture_output=True, text=True, env=ENV, check=False
    )
    if done.returncode:
        return [line for line in done.stderr.splitlines() if line.startswith("WARNING")]
    return _files(site)


class Renderer:
    """Renders docs the new way into fresh folders, sharing one page cache."""

    def __init__(self, tmp: Path, workers: int = 2, cache: bool = True) -> None:
        self.tmp = tmp
        self.workers = workers
        self.cache_dir = tmp / "cache"
        self.cache = cache
        self.runs = 0

    def __call__(
        self,
        docs: Mapping[str, bytes],
        extra: Mapping[str, object] | None = None,
        audit: Audit | None = None,
    ) -> tuple[RenderOutcome, dict[str, bytes]]:
        self.runs += 1
        folder = self.tmp / f"run-{self.runs}"
        folder.mkdir()
        config = site_config(_config(folder, extra))
        cache = PageCache.open(str(self.cache_dir), str(self.tmp / "key")) if self.cache else None
        site = folder / "site"
        site.mkdir()
        outcome = render_site(
            docs,
            str(folder / "docs"),
            config,
            str(site),
            cache,
            self.workers,
            ENV,
            per_process=4,
            audit=audit,
        )
        return outcome, _files(site)


@pytest.fixture
def render(tmp_path: Path) -> Renderer:
    (tmp_path / "clean").mkdir()
    return Renderer(tmp_path)


def test_two_processes_make_the_site_one_clean_build_makes(
    render: Renderer, tmp_path: Path
) -> None:
    docs = _docs()
    outcome, site = render(docs)
    assert outcome == RenderOutcome((), 18, 0)
    assert site == _clean_build(tmp_path / "clean", docs)


def test_a_rebuild_renders_only_the_changed_page_and_equals_a_clean_build(
    render: Renderer, tmp_path: Path
) -> None:
    docs = _docs()
    render(docs)
    docs["customers/c.md"] = _page("Customer c, renamed", "## A new section\n\nText.")
    outcome, site = render(docs)
    assert (outcome.rendered, outcome.reused) == (1, 17)
    assert site == _clean_build(tmp_path / "clean", docs)
    outcome, again = render(docs)
    assert (outcome.rendered, outcome.reused) == (0, 18)
    assert again == site


def test_added_deleted_and_reverted_pages_equal_a_clean_build(
    render: Renderer, tmp_path: Path
) -> None:
    original = _docs()
    render(original)
    added = {**original, "customers/z.md": _page("Customer z", "[A](a.md)")}
    outcome, site = render(added)
    assert (outcome.rendered, outcome.reused) == (1, 18)
    assert site == _clean_build(tmp_path / "clean", added)
    fewer = {k: v for k, v in original.items() if k != "customers/h.md"}
    fewer["customers.md"] = _page("Customers", "- [A](customers/a.md)")
    outcome, site = render(fewer)
    assert outcome.rendered == 1 and not outcome.problems
    assert site == _clean_build(tmp_path / "clean", fewer)
    outcome, site = render(original)
    assert outcome.problems == () and outcome.rendered == 2  # the two pages put back
    assert site == _clean_build(tmp_path / "clean", original)


def test_a_link_to_a_deleted_page_is_reported_though_the_linking_page_is_unchanged(
    render: Renderer, tmp_path: Path
) -> None:
    docs = _docs()
    render(docs)
    del docs["customers/nb.md"]
    outcome, _ = render(docs)
    clean = _clean_build(tmp_path / "clean", docs)
    assert isinstance(clean, list) and clean
    assert any("customers/b.md" in p and "nb.md" in p for p in outcome.problems)
    assert outcome.rendered >= 1


def test_a_link_to_a_removed_anchor_is_reported_across_processes_and_the_cache(
    render: Renderer, tmp_path: Path
) -> None:
    docs = _docs()
    render(docs)
    docs["customers/ne.md"] = b"# Next of e\n\nNo details any more.\n"
    outcome, _ = render(docs)
    assert (outcome.rendered, outcome.reused) == (1, 17)
    expected = (
        "WARNING - Doc file 'customers/e.md' contains a link 'ne.md#details', "
        "but the doc 'customers/ne.md' does not contain an anchor '#details'."
    )
    assert outcome.problems == (expected,)
    clean = _clean_build(tmp_path / "clean", docs)
    assert isinstance(clean, list)
    assert any("customers/e.md" in line and "#details" in line for line in clean)


def test_a_tampered_or_foreign_cache_is_not_reused(render: Renderer, tmp_path: Path) -> None:
    docs = _docs()
    _, first = render(docs)
    pages = render.cache_dir / PAGES
    victim = sorted(pages.iterdir())[0]
    victim.write_bytes(b"<script>alert(1)</script>")
    outcome, site = render(docs)
    assert (outcome.rendered, outcome.reused) == (1, 17)
    assert site == first
    manifest = render.cache_dir / MANIFEST
    manifest.write_bytes(manifest.read_bytes().replace(b"Customer", b"Intruder"))
    outcome, site = render(docs)
    assert (outcome.rendered, outcome.reused) == (18, 0)
    assert site == first


def test_a_site_with_another_plugin_is_rendered_whole_without_the_cache(
    render: Renderer, tmp_path: Path
) -> None:
    docs = _docs()
    extra = {"plugins": ["search", "tags"]}
    render(docs, extra)
    config = site_config(_config(tmp_path / "clean", extra))
    assert not config.incremental
    for nav in (None, ["index.md"], [{"Home": "index.md"}, {"Directory": ["customers.md"]}]):
        assert not site_config(_config(tmp_path / "clean", {"nav": nav})).incremental
    assert site_config(_config(tmp_path / "clean")).incremental
    outcome, _ = render(docs, extra)
    assert (outcome.rendered, outcome.reused) == (18, 0)


def test_mkdocs_problems_are_reported_as_lines_not_tracebacks(render: Renderer) -> None:
    outcome, _ = render(_docs(), {"theme": {"name": "no-such-theme"}})
    assert outcome.problems
    assert all("Traceback" not in p for p in outcome.problems)
    assert any("no-such-theme" in p for p in outcome.problems)


def test_the_cache_keeps_only_the_pages_of_the_last_build(render: Renderer) -> None:
    docs = _docs()
    render(docs)
    docs["customers/a.md"] = _page("Customer a, again")
    render(docs)
    assert len(os.listdir(render.cache_dir / PAGES)) == sum(1 for p in docs if p.endswith(".md"))


def test_a_site_the_audit_rejects_is_not_kept_and_reused_pages_are_not_audited_again(
    render: Renderer,
) -> None:
    docs = _docs()
    seen: list[set[str]] = []

    def audit(site: str, skip: Collection[str]) -> list[str]:
        pages = {str(p.relative_to(site)) for p in Path(site).rglob("*.html")}
        seen.append(pages - set(skip))
        return ["customers/a.html: loads from another host"]

    outcome, _ = render(docs, audit=audit)
    assert outcome.problems == ("customers/a.html: loads from another host",)
    outcome, _ = render(docs)
    assert (outcome.rendered, outcome.reused) == (18, 0)
    docs["customers/a.md"] = _page("Customer a, changed")

    def watch(site: str, skip: Collection[str]) -> list[str]:
        seen.append(set(skip))
        return []

    outcome, _ = render(docs, audit=watch)
    assert (outcome.rendered, outcome.reused) == (1, 17)
    assert "customers/a.html" not in seen[-1] and len(seen[-1]) == 17


def test_a_process_that_leaves_no_result_is_a_problem(tmp_path: Path) -> None:
    job = {
        "config": _config(tmp_path),
        "site_dir": str(tmp_path / "site"),
        "pages": [],
        "copy_static": True,
        "result": str(tmp_path / "no-such-folder" / "result.json"),
    }
    (result,) = _run([job], str(tmp_path), ENV)
    assert result["pages"] == {}
    assert [p.split(":")[0] for p in result["problems"]] == ["ERROR - MkDocs failed"]


def test_a_renamed_page_equals_a_clean_build(render: Renderer, tmp_path: Path) -> None:
    docs = _docs()
    render(docs)
    docs["customers/nh-renamed.md"] = docs.pop("customers/nh.md")
    docs["customers/h.md"] = docs["customers/h.md"].replace(b"nh.md", b"nh-renamed.md")
    outcome, site = render(docs)
    assert outcome.problems == ()
    assert (outcome.rendered, outcome.reused) == (2, 16)
    assert site == _clean_build(tmp_path / "clean", docs)


def test_a_cached_page_that_changes_after_it_was_chosen_is_not_copied(
    render: Renderer, tmp_path: Path
) -> None:
    docs = _docs()
    render(docs)
    cache = PageCache.open(str(render.cache_dir), str(tmp_path / "key"))
    assert cache is not None
    keys = sorted(cache.entries)
    reused = {f"page-{i}.md": key for i, key in enumerate(keys) if cache.intact(key)}
    assert len(reused) == 18
    victim_src, victim_key = next(iter(reused.items()))
    (render.cache_dir / PAGES / f"{victim_key}.html").write_bytes(b"<p>changed</p>")
    changed: list[str] = []
    written = dict(_cached_pages(cache, reused, changed))
    assert changed == [victim_src]
    assert len(written) == 17 and all(b"changed" not in html for html in written.values())
