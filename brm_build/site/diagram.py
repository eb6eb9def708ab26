"""The relations of a unit at a glance: a small static SVG drawn when the site is built.

The drawing goes into the page as inline SVG: no script, no style attribute (the site's
Content-Security-Policy allows neither); its colours are the theme's, through the classes
of ``customer.css``, so it follows the light and dark palettes. It is an image with a
title and a description; the page lists the same records as links under it.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from markupsafe import Markup

from ..publication import Publication
from .views import CustomerView

WIDTH = 400
"""The drawing's width in its own units: shown at 1.25 units per CSS px on a desktop and
at the column's width on a phone, where its 13-unit text is still 11 CSS px or more."""
ROW = 26
"""The pitch of the item boxes, each 22 units high."""
HEAD = 22
"""The height of a group's label above its items."""
GAP = 10
ITEMS_SHOWN = 6
"""Items drawn per group; the rest are counted in a last box (the list under it has all)."""
NAME_CHARS = 30
UNIT_WIDTH, GROUP_X, ITEM_X = 124, 144, 162
UNIT_CHARS = 13


@dataclass(frozen=True, slots=True)
class Group:
    """One kind of related record: its label, and the ids and names of the records."""

    label: str
    folder: str
    items: tuple[tuple[str, str], ...]


def groups(pub: Publication, view: CustomerView) -> list[Group]:
    """The unit's purchasers, services, agreements and projects, each with its name."""
    services = view.customer.record.services
    found = [
        Group(
            "Purchasers",
            "customers",
            tuple((u.id, u.record.name) for u in view.children if u.record.status == "active"),
        ),
        Group(
            "Services",
            "services",
            tuple((s, pub.services[s].record.name if s in pub.services else s) for s in services),
        ),
        Group(
            "Agreements",
            "agreements",
            tuple((a.agreement.id, a.agreement.record.title) for a in view.agreements),
        ),
        Group("Projects", "projects", tuple((p.id, p.record.name) for p in view.projects)),
    ]
    return [g for g in found if g.items]


def _short(text: str, chars: int = NAME_CHARS) -> str:
    """``text`` in at most ``chars`` characters, cut in the middle at spaces: titles that
    start alike (one agreement after another) keep the end that tells them apart."""
    if len(text) <= chars:
        return text
    head, tail = text[: chars - chars // 3 - 3], text[-(chars // 3) :]
    head = head.rsplit(" ", 1)[0] if " " in head else head
    tail = tail.split(" ", 1)[1] if " " in tail[1:] else tail
    return f"{head.rstrip()} … {tail.lstrip()}"


def _unit_lines(name: str) -> list[str]:
    """The unit's name in up to three lines of about ``UNIT_CHARS`` characters."""
    lines: list[str] = []
    for word in name.split():
        if lines and len(lines[-1]) + 1 + len(word) <= UNIT_CHARS:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > 3:
        lines = [*lines[:2], " ".join(lines[2:])]
    return [line if len(line) <= UNIT_CHARS else line[: UNIT_CHARS - 1] + "…" for line in lines]


def _height(g: Group) -> int:
    """The height a group takes, its gap below included."""
    return HEAD + min(len(g.items), ITEMS_SHOWN + 1) * ROW + GAP


def _group(g: Group, top: int, unit_y: int) -> list[str]:
    """The drawing of one group from ``top``: its label, its items and their lines."""
    shown = [name for _, name in g.items[:ITEMS_SHOWN]]
    if len(g.items) > ITEMS_SHOWN:
        shown.append(f"and {len(g.items) - ITEMS_SHOWN} more")
    head = top + HEAD // 2
    last = top + HEAD + (len(shown) - 1) * ROW + 11
    out = [
        f'<path class="brm-rel-line" d="M{UNIT_WIDTH} {unit_y} C{GROUP_X - 10} {unit_y} '
        f'{UNIT_WIDTH + 8} {head} {GROUP_X} {head}"/>',
        f'<text class="brm-rel-label" x="{GROUP_X + 4}" y="{head + 5}">'
        f"{html.escape(g.label)} ({len(g.items)})</text>",
        f'<path class="brm-rel-line" d="M{GROUP_X + 8} {head + 8} L{GROUP_X + 8} {last}"/>',
    ]
    for i, name in enumerate(shown):
        y = top + HEAD + i * ROW
        out.append(
            f'<path class="brm-rel-line" d="M{GROUP_X + 8} {y + 11} L{ITEM_X} {y + 11}"/>'
            f'<rect class="brm-rel-box" x="{ITEM_X}" y="{y}" width="{WIDTH - ITEM_X - 1}" '
            f'height="22" rx="4"/><text class="brm-rel-text" x="{ITEM_X + 6}" y="{y + 16}">'
            f"{html.escape(_short(name))}</text>"
        )
    return out


@dataclass(frozen=True)
class Diagram:
    """The drawing of a unit's relations, and the groups it draws, for the links under it."""

    svg: Markup
    groups: list[Group]


def diagram(pub: Publication, view: CustomerView) -> Diagram:
    """The unit's relations drawn as inline SVG (empty when it has none)."""
    found = groups(pub, view)
    return Diagram(_svg(view.customer.record.name, found) if found else Markup(""), found)


def _svg(name: str, found: list[Group]) -> Markup:
    height = sum(_height(g) for g in found) - GAP
    lines = _unit_lines(name)
    box_h = 16 * len(lines) + 16
    total = max(height, box_h)
    unit_y = total // 2
    body: list[str] = []
    top = (total - height) // 2
    for g in found:
        body += _group(g, top, unit_y)
        top += _height(g)
    body.append(
        f'<rect class="brm-rel-unit" x="1" y="{unit_y - box_h // 2}" width="{UNIT_WIDTH - 2}" '
        f'height="{box_h}" rx="6"/>'
    )
    for i, line in enumerate(lines):
        y = unit_y - box_h // 2 + 21 + 16 * i
        body.append(
            f'<text class="brm-rel-name" x="{UNIT_WIDTH // 2}" y="{y}" text-anchor="middle">'
            f"{html.escape(line)}</text>"
        )
    counts = ", ".join(f"{len(g.items)} {g.label.lower()}" for g in found)
    title = html.escape(f"Relations of {name}")
    desc = html.escape(f"{name} and its {counts}, listed as links below.")
    return Markup(
        f'<svg class="brm-relations" viewBox="0 0 {WIDTH} {total}" role="img" '
        f'aria-labelledby="brm-rel-title brm-rel-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="brm-rel-title">{title}</title><desc id="brm-rel-desc">{desc}</desc>'
        + "".join(body)
        + "</svg>"
    )
