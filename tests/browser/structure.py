"""What a screen reader relies on in the built pages: images with alt text, tables with
header cells, and every chart with alt text that states its message and a table of its
data beside it (the site's design: each chart has both)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
_CHART = "brm-chart"
_FILE_NAME = re.compile(r"^[\w.-]+\.(svg|png|jpe?g|gif|webp)$", re.IGNORECASE)
MIN_ALT_WORDS = 4
"""Fewer words than this cannot state a chart's message ("CSAT chart" does not)."""


@dataclass
class _Open:
    tag: str
    classes: frozenset[str]
    line: int
    headers: int = 0
    charts: list[str] = field(default_factory=list)
    tables: int = 0


class _Reader(HTMLParser):
    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.stack: list[_Open] = []
        self.problems: list[str] = []

    def _inside(self, tag: str, css: str = "") -> _Open | None:
        for element in reversed(self.stack):
            if element.tag == tag and (not css or css in element.classes):
                return element
        return None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        line = self.getpos()[0]
        if tag == "img":
            self._image(values.get("alt"), values.get("src") or "", line)
        elif tag == "th" and self._inside("thead") and (table := self._inside("table")):
            table.headers += 1
        if tag in _VOID:
            return
        classes = frozenset((values.get("class") or "").split())
        self.stack.append(_Open(tag, classes, line))

    def _image(self, alt: str | None, src: str, line: int) -> None:
        where = f"{self.page}:{line}: <img src={src!r}>"
        chart = self._inside("div", _CHART)
        if alt is None:
            self.problems.append(f"{where} has no alt attribute")
        elif chart is not None:
            chart.charts.append(src)
            words = alt.split()
            if len(words) < MIN_ALT_WORDS or _FILE_NAME.match(alt.strip()):
                self.problems.append(f"{where}: a chart's alt text must state its message")

    def handle_endtag(self, tag: str) -> None:
        if not any(element.tag == tag for element in self.stack):
            return
        while self.stack:
            element = self.stack.pop()
            if element.tag == tag:
                self._close(element)
                return

    def _close(self, element: _Open) -> None:
        where = f"{self.page}:{element.line}: <{element.tag}>"
        if element.tag == "table":
            if element.headers == 0:
                self.problems.append(f"{where} has no header cells in a <thead>")
            elif chart := self._inside("div", _CHART):
                chart.tables += 1
        if element.tag == "div" and _CHART in element.classes:
            if not element.charts:
                self.problems.append(f"{where}: a box of class {_CHART} shows no chart")
            elif element.tables == 0:
                charts = ", ".join(element.charts)
                self.problems.append(f"{where}: chart {charts} has no data table beside it")


def audit_page(page: str, text: str) -> list[str]:
    """What a screen reader would miss in one page, ``page`` being its path in the site."""
    reader = _Reader(page)
    reader.feed(text)
    reader.close()
    return reader.problems


def audit_site(site: Path) -> tuple[int, list[str]]:
    """How many charts the pages under ``site`` show, and what a screen reader would miss."""
    problems: list[str] = []
    charts = 0
    for path in sorted(site.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        charts += text.count(f'class="{_CHART}"')
        problems += audit_page(path.relative_to(site).as_posix(), text)
    return charts, problems
