"""The review pack as PDF: its HTML laid out on A4 by WeasyPrint, charts kept as vectors.

WeasyPrint is an optional dependency (``pip install 'brm-build[pdf]'``) that needs Pango;
without it the PDF is refused with that advice and the other formats still work."""

from __future__ import annotations

import importlib.util

from .document import Pack
from .html import render_html

MISSING = (
    "the PDF needs WeasyPrint: pip install 'brm-build[pdf]' (or pip install weasyprint), "
    "and its system libraries, on Debian: apt-get install libpango-1.0-0 libpangoft2-1.0-0"
)


def pdf_problem() -> str | None:
    """None when WeasyPrint can be loaded, else what to install."""
    if importlib.util.find_spec("weasyprint") is None:
        return MISSING
    try:
        import weasyprint  # noqa: F401  (importing it loads Pango)
    except OSError:
        return MISSING
    return None


def render_pdf(pack: Pack) -> bytes:
    """The pack as PDF bytes, laid out from its HTML (see ``pdf_problem`` first)."""
    import weasyprint

    data = weasyprint.HTML(string=render_html(pack)).write_pdf()
    assert data is not None  # no target given: the PDF comes back as bytes
    return bytes(data)
