"""The MkDocs configuration of one build: the repository's mkdocs.yml plus what we generate."""

from __future__ import annotations

import yaml

from . import links, markup

# Every check MkDocs can make of links and navigation is a warning, so that strict mode
# fails the build on a broken link or anchor.
_VALIDATION = {
    "nav": {"omitted_files": "warn", "not_found": "warn", "absolute_links": "warn"},
    "links": {
        "not_found": "warn",
        "anchors": "warn",
        "absolute_links": "warn",
        "unrecognized_links": "warn",
    },
}


def nav() -> list[dict[str, object]]:
    """The fixed sections only: record pages are reached from them and from search, so
    that the navigation MkDocs renders into every page does not grow with the records."""
    sections: list[dict[str, object]] = []
    for title, pages in links.NAV:
        if len(pages) == 1:
            sections.append({title: pages[0][1]})
        else:
            sections.append({title: [{name: page} for name, page in pages]})
    return sections


def navigation() -> dict[str, object]:
    """The ``nav`` and ``not_in_nav`` settings of every build: the fixed sections, with the
    record pages' folders kept out of the navigation."""
    return {
        "nav": nav(),
        "not_in_nav": "\n".join(f"/{folder}/" for folder in links.RECORD_FOLDERS),
    }


def mkdocs_config(base: str, docs_dir: str, site_dir: str, site_name: str) -> str:
    """YAML of a config that extends ``base`` (a mkdocs.yml) for the generated pages."""
    config = {
        "INHERIT": base,
        "site_name": markup.site_name(site_name),
        "docs_dir": docs_dir,
        "site_dir": site_dir,
        "use_directory_urls": False,
        **navigation(),
        "validation": _VALIDATION,
    }
    return yaml.safe_dump(config, sort_keys=False, allow_unicode=True)
