"""The baselines of the cost benchmark, each run in a child process so that it is measured
alone: MkDocs on the pages brm generates (all of them, or one), and markdown-it with Jinja2
rendering the same pages, the least a Markdown-to-HTML site generator must do.

Usage:
  python benchmarks/cost_baselines.py docs ROOT DOCS   write ROOT's pages and a mkdocs.yml
  python benchmarks/cost_baselines.py one DOCS ONE     a copy of DOCS with its first meeting
  python benchmarks/cost_baselines.py render DOCS      every page through markdown-it + Jinja2
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import yaml

from brm_build.check import check
from brm_build.demo import DEFAULT_TODAY
from brm_build.model.settings import Settings
from brm_build.settings import load_config
from brm_build.site.build import site_data
from brm_build.site.config import navigation
from brm_build.site.context import environment
from brm_build.site.pages import generate

MKDOCS_YML = """site_name: baseline
use_directory_urls: false
docs_dir: docs
site_dir: site
theme:
  name: material
  font: false
plugins:
  - search
markdown_extensions:
  - tables
  - md_in_html
  - toc:
      permalink: true
"""
"""Plain MkDocs with the theme, plugin and extensions of brm's default site; ``write_docs``
adds brm's navigation, without which MkDocs would render every page into every page's
navigation, a cost that grows with the square of the pages."""

PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{ title }}</title>
</head><body><nav>{% for item in nav %}<a href="{{ item }}">{{ item }}</a>{% endfor %}</nav>
<main>{{ body }}</main></body></html>"""


def write_docs(root: Path, folder: Path) -> int:
    """The Markdown pages (and charts) of ``root`` as brm generates them, under
    ``folder``/docs, with a plain mkdocs.yml; how many pages."""
    config, problems = load_config(str(root))
    if problems:
        raise SystemExit(f"{root}: brm.yaml has problems")
    settings = Settings(root=str(root), today=DEFAULT_TODAY, config=config)
    pages = generate(site_data(settings, check(settings)), environment())
    for rel, text in pages.items():
        path = folder / "docs" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    nav = yaml.safe_dump(navigation(), sort_keys=False, allow_unicode=True)
    (folder / "mkdocs.yml").write_text(MKDOCS_YML + nav, encoding="utf-8")
    return sum(rel.endswith(".md") for rel in pages)


def one_page(folder: Path, one: Path) -> None:
    """A site of one page, the first meeting of ``folder``'s pages."""
    meeting = min((folder / "docs" / "meetings").rglob("*.md"))
    (one / "docs").mkdir(parents=True)
    shutil.copy2(meeting, one / "docs" / "index.md")
    (one / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")


def render(folder: Path) -> int:
    """Every page under ``folder``/docs as HTML from markdown-it and one Jinja2 template."""
    import jinja2
    from markdown_it import MarkdownIt
    from markupsafe import Markup

    parser = MarkdownIt("commonmark", {"html": True}).enable("table")
    template = jinja2.Environment(autoescape=True).from_string(PAGE)
    pages = sorted((folder / "docs").rglob("*.md"))
    nav = [p.name for p in pages[:50]]
    out = folder / "rendered"
    for path in pages:
        body = Markup(parser.render(path.read_text(encoding="utf-8")))
        target = out / path.relative_to(folder / "docs").with_suffix(".html")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(template.render(title=path.stem, nav=nav, body=body), encoding="utf-8")
    return len(pages)


def main(argv: list[str]) -> int:
    """Run one baseline."""
    if argv[:1] == ["docs"] and len(argv) == 3:
        print(write_docs(Path(argv[1]), Path(argv[2])))
    elif argv[:1] == ["one"] and len(argv) == 3:
        one_page(Path(argv[1]), Path(argv[2]))
    elif argv[:1] == ["render"] and len(argv) == 2:
        print(render(Path(argv[1])))
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
