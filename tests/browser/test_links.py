"""No dangling link in the built site: every internal link and #anchor of every page
resolves, and every page is reached from another; the crawler shown to catch both."""

from __future__ import annotations

import shutil
from pathlib import Path

from .crawl import PageLinks, crawl, dangling, orphans, read_site, resolve
from .kinds import NOT_FOUND


def test_every_internal_link_and_anchor_resolves(built_site: Path) -> None:
    pages, files = read_site(built_site)
    assert dangling(pages, files) == []
    targets = [resolve(link.page, link.target) for p in pages.values() for link in p.links]
    internal = [target for target in targets if target]
    anchors = [target for target in internal if target[1]]
    assert len(internal) > 20 * len(pages) and len(anchors) > 2 * len(pages), "read them all"


def test_every_page_is_linked_from_another(built_site: Path) -> None:
    pages, _ = read_site(built_site)
    assert orphans(pages, {NOT_FOUND}) == []


def test_a_broken_link_in_a_copy_of_the_site_is_found(built_site: Path, tmp_path: Path) -> None:
    copy = tmp_path / "site"
    shutil.copytree(built_site, copy)
    page = copy / "customers.html"
    text = page.read_text(encoding="utf-8")
    assert 'href="customers/finance.html"' in text
    page.write_text(
        text.replace('href="customers/finance.html"', 'href="customers/finanse.html"', 1).replace(
            'href="#structure"', 'href="#structures"', 1
        ),
        encoding="utf-8",
    )
    problems = [problem.split(": ", 1)[1] for problem in crawl(copy)]
    assert sorted(problems) == [
        "<a> '#structures': customers.html has no id 'structures'",
        "<a> 'customers/finanse.html': no file customers/finanse.html in the site",
    ]


def _page(links: str, ids: str = "") -> str:
    return f"<!doctype html><html><body>{ids}{links}</body></html>"


def test_the_crawler_checks_files_anchors_and_leaves_other_hosts_alone(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(_page("", '<h2 id="top">Top</h2>'))
    (tmp_path / "style.css").write_text("p {}")
    (tmp_path / "index.html").write_text(
        _page(
            '<a href="a/">folder</a>\n'
            '<a href="a/index.html#top">anchor</a>\n'
            '<a href="/a/index.html#top">from the root</a>\n'
            '<a href="#here">own anchor</a>\n'
            '<a name="here"></a>\n'
            '<link href="style.css" rel="stylesheet">\n'
            '<a href="https://example.org/x.html">another host</a>\n'
            '<a href="mailto:someone@example.org">mail</a>\n'
            '<a href="a/index.html#nowhere">missing anchor</a>\n'
            '<a href="b.html">missing page</a>\n'
            '<img src="a/chart%20one.svg" alt="A chart that is missing">\n'
            '<a href="../outside.html">outside</a>\n'
            '<a href="#gone">own missing anchor</a>'
        )
    )
    assert crawl(tmp_path) == [
        "index.html:9: <a> 'a/index.html#nowhere': a/index.html has no id 'nowhere'",
        "index.html:10: <a> 'b.html': no file b.html in the site",
        "index.html:11: <img> 'a/chart%20one.svg': no file a/chart one.svg in the site",
        "index.html:12: <a> '../outside.html' climbs above the site root",
        "index.html:13: <a> '#gone': index.html has no id 'gone'",
    ]


def test_a_page_that_no_other_page_links_to_is_an_orphan() -> None:
    pages = {
        "index.html": PageLinks(frozenset(), ()),
        "lost.html": PageLinks(frozenset(), ()),
        "404.html": PageLinks(frozenset(), ()),
    }
    assert orphans(pages, {"404.html"}) == ["lost.html"]
