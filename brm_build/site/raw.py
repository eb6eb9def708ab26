"""HTML that the pages carry ready-made, so that Python-Markdown need not parse it.

The largest tables of a site (the data under every chart, every agreement's measurements)
are made of values already escaped: as Markdown tables, Python-Markdown spent most of a
page's time running its inline patterns over their cells, only to write back what they
held. A page gives such a table as the HTML that Python-Markdown would make of it, between
the two markers below. The build's MkDocs process (``render_worker``) sets each block
aside before the page's Markdown is converted, leaving a placeholder paragraph, and puts
the block back in place of that paragraph after: the page comes out byte for byte as the
Markdown table made it. Any other Markdown renderer reads the blocks as raw HTML (the
markers are comments), so the page still shows the same table there.

Record values cannot make a marker: every value is escaped (``<`` becomes ``&lt;``) and
the Markdown of notes is sanitised without comments. The placeholder holds a number drawn
anew for each process, which no page can know.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Sequence

OPEN = "<!-- brm:html -->"
CLOSE = "<!-- /brm:html -->"
_BLOCK = re.compile(f"^{re.escape(OPEN)}\n(.*?)\n{re.escape(CLOSE)}$", re.MULTILINE | re.DOTALL)


def block(html: str) -> str:
    """``html`` as a block of a page: on lines of its own, a blank line after."""
    return f"{OPEN}\n{html}\n{CLOSE}\n\n"


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """The HTML that Python-Markdown's tables extension makes of a table whose header and
    cells are ``headers`` and ``rows`` (Markdown that no inline pattern changes: escaped
    text, character references and inline HTML), as a block of a page."""
    head = "".join([f"<th>{h}</th>\n" for h in headers])
    body = rows or [[""] * len(headers)]  # a table of no rows gets one empty row, as there
    cells = "".join(
        ["<tr>\n" + "".join([f"<td>{c}</td>\n" for c in row]) + "</tr>\n" for row in body]
    )
    html = f"<table>\n<thead>\n<tr>\n{head}</tr>\n</thead>\n<tbody>\n{cells}</tbody>\n</table>"
    return block(html)


class Stash:
    """The blocks of one page set aside, and the paragraphs that stand for them."""

    _nonce = secrets.token_hex(8)

    def __init__(self) -> None:
        self.blocks: list[str] = []

    def _placeholder(self, n: int) -> str:
        return f"brmhtml{self._nonce}n{n}x"

    def take(self, markdown: str) -> str:
        """``markdown`` with each block replaced by a placeholder paragraph."""
        if OPEN not in markdown:
            return markdown

        def aside(match: re.Match[str]) -> str:
            self.blocks.append(match.group(1))
            return self._placeholder(len(self.blocks) - 1)

        return _BLOCK.sub(aside, markdown)

    def restore(self, html: str) -> str:
        """``html`` with each placeholder paragraph replaced by its block (a placeholder
        that Markdown put inside other text is replaced too: nothing is lost)."""
        if not self.blocks:
            return html
        held = self.blocks
        paragraph = re.compile(f"(<p>)?brmhtml{self._nonce}n([0-9]+)x(?(1)</p>)")
        return paragraph.sub(lambda m: held[int(m.group(2))], html)
