"""The kinds of page the site has: each section page, one page per kind of record, the
theme's page for a missing address, and the review packs."""

from __future__ import annotations

from pathlib import Path

from brm_build.site import links

NOT_FOUND = "404.html"

SECTIONS = tuple(
    sorted(
        {page.removesuffix(".md") + ".html" for _, pages in links.NAV for _, page in pages}
        | {links.HEALTH.removesuffix(".md") + ".html"}
    )
)
"""The fixed pages of the navigation: dashboard, practice, directory, registers and logs."""

RECORDS = tuple(f"{folder}/" for folder in links.RECORD_FOLDERS)
"""A page per record, in a folder per kind: customers/, agreements/, meetings/ and so on."""

PACKS = "packs/"
"""The review packs of the customer and purchaser pages: documents of their own, in the
pack's print colours, outside the theme (no navigation, no dark scheme)."""

THEMED = (*SECTIONS, *RECORDS, NOT_FOUND)
"""The kinds of page that the theme draws."""

KINDS = (*THEMED, PACKS)


def example(site: Path, kind: str) -> str:
    """The page of ``kind`` to check: the page itself, or the record page with the most
    content in the kind's folder (it shows the most of what the template can show)."""
    if not kind.endswith("/"):
        return kind
    pages = sorted((site / kind).glob("*.html"), key=lambda p: (-p.stat().st_size, p.name))
    assert pages, f"the site has no page in {kind}"
    return f"{kind}{pages[0].name}"


def unchecked(site: Path) -> list[str]:
    """The HTML pages of the site that belong to none of KINDS."""
    found = []
    for path in sorted(site.rglob("*.html")):
        name = path.relative_to(site).as_posix()
        folder = name.rpartition("/")[0] + "/"
        if name not in KINDS and folder not in KINDS:
            found.append(name)
    return found
