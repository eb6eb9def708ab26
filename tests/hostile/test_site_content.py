"""The real ``brm build`` of the hostile organisation: every record value is shown as
text, nothing from a record can run, and template syntax stays literal.

The browser test (tests/browser/test_hostile_site.py) renders the same pages in Chromium.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from brm_build.site.build import site_data
from brm_build.site.context import environment
from brm_build.site.pages import generate

from ..conftest import settings_for
from .organisation import PWNED

_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "srcdoc", "xlink:href", "poster"}
_FORBIDDEN_TAGS = {"iframe", "object", "embed", "frame", "base", "applet", "style"}
_UNSAFE_URL = re.compile(r"^[\s\x00-\x1f]*(javascript|data|vbscript):", re.IGNORECASE)


class _Page(HTMLParser):
    """What a page would run, and its visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.text: list[str] = []
        self._script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._script = tag == "script"
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
            if name in _URL_ATTRIBUTES and _UNSAFE_URL.match(value or ""):
                self.problems.append(f"<{tag} {name}={value!r}>")
        if tag in _FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}>")
        if tag == "meta" and any(n == "http-equiv" for n, _ in attrs):
            self.problems.append("<meta http-equiv>")

    def handle_endtag(self, tag: str) -> None:
        self._script = False

    def handle_data(self, data: str) -> None:
        if self._script and (PWNED in data or "alert(" in data):
            self.problems.append(f"<script>{data[:60]}")
        if not self._script:
            self.text.append(data)


def _pages(site: Path) -> dict[str, _Page]:
    parsed = {}
    for path in sorted(site.rglob("*.html")):
        page = _Page()
        page.feed(path.read_text(encoding="utf-8"))
        parsed[path.relative_to(site).as_posix()] = page
    return parsed


@pytest.fixture(scope="module")
def pages(hostile_site: Path) -> dict[str, _Page]:
    return _pages(hostile_site)


def test_nothing_from_a_record_can_run_in_any_page(pages: dict[str, _Page]) -> None:
    assert len(pages) > 20
    problems = {name: page.problems for name, page in pages.items() if page.problems}
    assert problems == {}


def test_record_pages_show_the_hostile_values_as_text(pages: dict[str, _Page]) -> None:
    """The attacks reached the pages (the test has teeth) and read as written."""
    shown = {
        "customers/index.html": ["customer.name", "customer.summary heading", "customer.plans"],
        "services/readme.html": ["service.name", "service.description"],
        "agreements/index-readme.html": ["agreement.title", "agreement.notes"],
        "meetings/2026-11-02-review.html": ["meeting.title", "meeting.notes", "meeting.actions"],
        "projects/readme.html": ["project.name", "project.summary", "project.milestones"],
        "feedback/2026-10-05-complaint.html": ["feedback.summary", "feedback.resolution"],
    }
    for name, fields in shown.items():
        text = " ".join(pages[name].text)
        for field in fields:
            assert field in text, (name, field)
        assert "<script>window.__pwned" in text, name
        assert "{{ 7*7 }}" in text and "{% raw %}" in text and "{# note #}" in text, name
        assert not re.search(r"\b49\b", text), name


def test_table_cells_hold_their_value_whole(pages: dict[str, _Page]) -> None:
    """A value with '|' and line breaks stays in its cell: the text of the cell holds the
    whole value, so no new cell or row was made from it."""
    text = " ".join(pages["customers/index.html"].text)
    assert "| cell | break |" in text and "|---|---| | new | row |" in text
    assert "# heading from a value" in text


def test_the_search_index_holds_record_text_only_as_text(hostile_site: Path) -> None:
    """The theme inserts search results as HTML: the index must hold no markup that runs."""
    index = json.loads((hostile_site / "search" / "search_index.json").read_text("utf-8"))
    values = [value for doc in index["docs"] for value in (doc["title"], doc["text"])]
    assert any("customer.name" in value and "&lt;script&gt;" in value for value in values)
    for value in values:
        page = _Page()
        page.feed(value)
        assert page.problems == [], value[:120]
        assert not re.search(r"<(script|img|svg|style|meta)\b", value), value[:120]


def test_generated_page_names_are_lower_case_and_unique(organisation: Path) -> None:
    """Page and chart names never clash on a file system that ignores case."""
    settings = settings_for(organisation)
    from brm_build.check import check

    pages = generate(site_data(settings, check(settings)), environment())
    assert "customers/index.md" in pages and "services/readme.md" in pages
    assert all(name == name.lower() for name in pages)
