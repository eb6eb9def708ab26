"""Review packs: what IT presents to a customer or purchaser at the review meeting, for one
period, as Markdown, self-contained HTML or PDF (brm-process.md, "Analyse reports")."""

from .document import Pack
from .markdown import render_markdown
from .pack import build_pack
from .period import Span, parse_period

__all__ = ["Pack", "Span", "build_pack", "parse_period", "render_markdown"]
