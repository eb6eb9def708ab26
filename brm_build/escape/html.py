"""Text inside HTML that brm writes itself (pages that are not sanitised afterwards): an
attribute value or element text stays that, whatever it holds."""

from __future__ import annotations

import html


def attribute(value: str) -> str:
    """``value`` for a double- or single-quoted HTML attribute."""
    return html.escape(value, quote=True)


def text(value: str) -> str:
    """``value`` as the text of an element."""
    return html.escape(value, quote=False)
