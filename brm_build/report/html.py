"""The review pack as HTML. Mailed (``brm report --format html``), it is one self-contained
page: its style inline, its charts inline as SVG images, nothing from another host, so that
it can be mailed and printed as it is. On the site the same page links its style sheet and
its charts as files, as the site's Content-Security-Policy allows (no inline style)."""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import dataclass
from importlib.resources import files

from markupsafe import escape

from ..charts.model import Chart
from .document import INTERNAL_NOTE, Block, Pack, Section, Table

RATINGS = frozenset({"good", "watch", "act"})
"""Health ratings, shown as the site's badges."""

DrawChart = Callable[[Chart], bytes]
ImageSource = Callable[[Chart], str]
"""The address of a chart's image: a data address, or a file's relative address."""


def pack_style() -> str:
    """The pack's style sheet, inline in the mailed page and a file on the site."""
    return (files(__package__) / "pack.css").read_text(encoding="utf-8")


SHORT = 16
"""A cell this short (a date, a period, a figure) is kept on one line."""


def _cell(text: str) -> str:
    if text in RATINGS:
        return f'<td><span class="brm-badge brm-{escape(text)}">{escape(text)}</span></td>'
    if len(text) <= SHORT:
        return f'<td class="pack-short">{escape(text or "–")}</td>'
    return f"<td>{escape(text)}</td>"


def _table(table: Table, label: str) -> str:
    """A table in a box that scrolls sideways on a narrow screen, which the keyboard can
    reach and a screen reader names by ``label``."""
    head = "".join(f"<th>{escape(h)}</th>" for h in table.headers)
    rows = "".join("<tr>" + "".join(_cell(c) for c in row) + "</tr>\n" for row in table.rows)
    return (
        f'<div class="pack-table" tabindex="0" role="region" aria-label="{escape(label)}">'
        f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{rows}</tbody>\n</table></div>\n"
    )


def _figure(chart: Chart, source: ImageSource) -> str:
    alt = escape(chart.alt)
    return (
        f'<figure><img src="{escape(source(chart))}" alt="{alt}">'
        f"<figcaption>{alt}.</figcaption></figure>\n"
    )


def _lines(lines: tuple[str, ...], agenda: bool) -> str:
    if agenda:
        items = "".join(f"<li>{escape(line.partition('. ')[2])}</li>\n" for line in lines)
        return f'<ol class="pack-agenda">\n{items}</ol>\n'
    return "".join(f"<p>{escape(line)}</p>\n" for line in lines)


def _block(block: Block, source: ImageSource, section: Section) -> str:
    out = f"<h3>{escape(block.title)}</h3>\n" if block.title else ""
    if block.is_empty:
        return out + (f'<p class="pack-empty">{escape(block.empty)}</p>\n' if block.empty else "")
    out += _lines(block.lines, section.key == "agenda")
    if block.table is not None and block.table.rows:
        label = f"{section.title}: {block.title}" if block.title else section.title
        out += _table(block.table, label)
    elif block.table is not None and block.empty:
        out += f'<p class="pack-empty">{escape(block.empty)}</p>\n'
    if block.chart is not None:
        out += _figure(block.chart, source)
    return out


def render_html(pack: Pack, draw: DrawChart | None = None) -> str:
    """The whole pack as one self-contained HTML document (``draw``: how a chart becomes
    SVG bytes), to mail or print."""
    drawing: DrawChart = draw or _draw_with_matplotlib

    def inline(chart: Chart) -> str:
        return "data:image/svg+xml;base64," + base64.b64encode(drawing(chart)).decode("ascii")

    return _document(pack, f"<style>\n{pack_style()}</style>\n", inline, "")


@dataclass(frozen=True)
class SiteLinks:
    """Where a pack on the site finds what the mailed pack holds inline, as addresses
    relative to the pack's page."""

    stylesheet: str
    icon: str
    back: str
    """The unit's page on the site."""
    source: ImageSource


def render_linked(pack: Pack, links: SiteLinks) -> str:
    """The pack as a page of the site: its style sheet and charts as files, the site's
    icon, and a link back to the unit's page above the title."""
    head = (
        f'<link rel="icon" href="{escape(links.icon)}">\n'
        f'<link rel="stylesheet" href="{escape(links.stylesheet)}">\n'
    )
    nav = (
        f'<nav class="pack-nav" aria-label="Site"><a href="{escape(links.back)}">'
        f"{escape(pack.name)} on the site</a></nav>\n"
    )
    return _document(pack, head, links.source, nav)


def _document(pack: Pack, head: str, source: ImageSource, nav: str) -> str:
    internal = f'<p class="pack-internal">{escape(INTERNAL_NOTE)}</p>\n' if pack.internal else ""
    body = [
        nav,
        '<main>\n<article class="pack">\n',
        f'<header class="pack-head"><h1>{escape(pack.title)}</h1>\n',
        f'<p class="pack-lead">{escape(pack.organisation)}, IT business relationship '
        f"management. Period {escape(pack.period)}, compared with {escape(pack.previous)}; "
        f"figures as of {escape(pack.today)}.</p>\n{internal}</header>\n",
    ]
    for section in pack.sections:
        body.append(f'<section id="{escape(section.key)}">\n<h2>{escape(section.title)}</h2>\n')
        body.extend(_block(b, source, section) for b in section.blocks)
        body.append("</section>\n")
    body.append(f'<footer class="pack-foot">{internal or escape(pack.title)}</footer>\n')
    body.append("</article>\n</main>\n")
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(pack.title)}</title>\n{head}</head>\n"
        f"<body>\n{''.join(body)}</body>\n</html>\n"
    )


def _draw_with_matplotlib(chart: Chart) -> bytes:
    """Draw a chart; matplotlib is imported only when a pack is rendered, not when brm starts."""
    from ..charts.draw import draw_svg

    return draw_svg(chart.spec)
