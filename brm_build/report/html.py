"""The review pack as one self-contained HTML page: its style inline, its charts inline as
SVG images, nothing from another host, so that it can be mailed and printed as it is."""

from __future__ import annotations

import base64
from collections.abc import Callable
from importlib.resources import files

from markupsafe import Markup, escape

from ..charts.model import Chart
from .document import INTERNAL_NOTE, Block, Pack, Table

RATINGS = frozenset({"good", "watch", "act"})
"""Health ratings, shown as the site's badges."""

DrawChart = Callable[[Chart], bytes]


def _style() -> str:
    return (files(__package__) / "pack.css").read_text(encoding="utf-8")


SHORT = 16
"""A cell this short (a date, a period, a figure) is kept on one line."""


def _cell(text: str) -> Markup:
    if text in RATINGS:
        return Markup('<td><span class="brm-badge brm-{0}">{0}</span></td>').format(text)
    if len(text) <= SHORT:
        return Markup('<td class="pack-short">{0}</td>').format(text or "–")
    return Markup("<td>{0}</td>").format(text)


def _table(table: Table) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in table.headers)
    rows = "".join("<tr>" + "".join(_cell(c) for c in row) + "</tr>\n" for row in table.rows)
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{rows}</tbody>\n</table>\n"


def _figure(chart: Chart, draw: DrawChart) -> str:
    data = base64.b64encode(draw(chart)).decode("ascii")
    alt = escape(chart.alt)
    return (
        f'<figure><img src="data:image/svg+xml;base64,{data}" alt="{alt}">'
        f"<figcaption>{alt}.</figcaption></figure>\n"
    )


def _lines(lines: tuple[str, ...], agenda: bool) -> str:
    if agenda:
        items = "".join(f"<li>{escape(line.partition('. ')[2])}</li>\n" for line in lines)
        return f'<ol class="pack-agenda">\n{items}</ol>\n'
    return "".join(f"<p>{escape(line)}</p>\n" for line in lines)


def _block(block: Block, draw: DrawChart, agenda: bool) -> str:
    out = f"<h3>{escape(block.title)}</h3>\n" if block.title else ""
    if block.is_empty:
        return out + (f'<p class="pack-empty">{escape(block.empty)}</p>\n' if block.empty else "")
    out += _lines(block.lines, agenda)
    if block.table is not None and block.table.rows:
        out += _table(block.table)
    elif block.table is not None and block.empty:
        out += f'<p class="pack-empty">{escape(block.empty)}</p>\n'
    if block.chart is not None:
        out += _figure(block.chart, draw)
    return out


def render_html(pack: Pack, draw: DrawChart | None = None) -> str:
    """The whole pack as one HTML document (``draw``: how a chart becomes SVG bytes)."""
    drawing: DrawChart = draw or _draw_with_matplotlib
    internal = f'<p class="pack-internal">{escape(INTERNAL_NOTE)}</p>\n' if pack.internal else ""
    body = [
        f'<header class="pack-head"><h1>{escape(pack.title)}</h1>\n',
        f'<p class="pack-lead">{escape(pack.organisation)}, IT business relationship '
        f"management. Period {escape(pack.period)}, compared with {escape(pack.previous)}; "
        f"figures as of {escape(pack.today)}.</p>\n{internal}</header>\n",
    ]
    for section in pack.sections:
        body.append(f'<section id="{escape(section.key)}">\n<h2>{escape(section.title)}</h2>\n')
        body.extend(_block(b, drawing, section.key == "agenda") for b in section.blocks)
        body.append("</section>\n")
    body.append(f'<footer class="pack-foot">{internal or escape(pack.title)}</footer>\n')
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(pack.title)}</title>\n<style>\n{_style()}</style>\n</head>\n"
        f"<body>\n{''.join(body)}</body>\n</html>\n"
    )


def _draw_with_matplotlib(chart: Chart) -> bytes:
    """Draw a chart; matplotlib is imported only when a pack is rendered, not when brm starts."""
    from ..charts.draw import draw_svg

    return draw_svg(chart.spec)
