"""Safe text for generated pages: escape values for Markdown and HTML, render notes.

Pages are Markdown with some HTML, so a value from a record must stay text in both:
``escape`` turns every character that either language reads as syntax into an HTML
character reference, which Markdown passes through and the browser shows as the
character. Markdown fields (summaries, notes, meeting bodies) are rendered by us and
sanitised with nh3 before they are embedded.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any
from urllib.parse import quote, urlsplit

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup
from markupsafe import escape as markupsafe_escape

_ENTITIES = {
    ord(char): f"&#{ord(char)};"
    for char in "\\`*_{}[]#|~<>&\"'"  # Markdown, attr_list and HTML syntax
}
_ENTITIES |= {ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;", ord('"'): "&quot;"}
# A value at the start of a line must not open a list item or a block quote.
_LEADING = re.compile(r"^([-+=:]|[0-9]+(?=[.)](\s|$)))")
_SPACES = re.compile(r"\s+")
# Control characters show nothing, and Python-Markdown uses \x02 and \x03 as markers.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em",
    "h2", "h3", "h4", "h5", "h6", "hr", "i", "li", "ol", "p", "pre", "s", "span",
    "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
_ATTRIBUTES = {"a": {"href", "title"}, "td": {"align"}, "th": {"align"}}
_SCHEMES = {"http", "https", "mailto"}
# CommonMark with tables, by markdown-it-py: its time grows in proportion to the text,
# where Python-Markdown took minutes on a few kilobytes of brackets, tables or headings
# (tests/hostile/test_site_bounds.py); raw HTML passes through to be sanitised below.
_MARKDOWN = MarkdownIt("commonmark", {"html": True}).enable("table")
# every link becomes a link, so that the allow-list below decides alone which survive
_MARKDOWN.validateLink = lambda url: True  # type: ignore[method-assign]
_HEADING = re.compile(r"<(/?)h([1-6])>")


# Characters a YAML front matter cannot hold (PyYAML's printable set, records.md YAML).
_NOT_YAML = re.compile("[^\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def heading(title: Any, hide: tuple[str, ...] = (), boost: float | None = None) -> Markup:
    """The start of a page: front matter with its title for the theme, then the heading;
    ``hide`` names what of the theme the page goes without (``navigation``, ``toc``),
    ``boost`` how much search ranks the page above others (the theme's ``search.boost``).

    The theme writes ``page.meta.title`` into ``<title>`` and the header without
    escaping, so the title is given already escaped for HTML.
    """
    text = _NOT_YAML.sub("", _SPACES.sub(" ", str(title)).strip())
    meta = json.dumps(str(markupsafe_escape(text)), ensure_ascii=False)
    hidden = f"hide: {json.dumps(list(hide))}\n" if hide else ""
    ranked = f"search:\n  boost: {boost!r}\n" if boost is not None else ""
    return Markup(f"---\ntitle: {meta}\n{hidden}{ranked}---\n\n# {escape(text)}")


def site_name(title: str) -> str:
    """The site title for MkDocs, which writes it into pages without escaping."""
    return str(markupsafe_escape(_NOT_YAML.sub("", title)))


def escape(value: Any) -> Markup:
    """``value`` as text that Markdown and HTML both show literally, on one line."""
    if isinstance(value, Markup):
        return value
    text = _SPACES.sub(" ", _CONTROLS.sub("", "" if value is None else str(value))).strip()
    text = _LEADING.sub(_leading, text.translate(_ENTITIES))
    return Markup(text)


CACHE_LIMIT = 1 << 18
"""How many distinct values an :class:`Escaper` keeps before starting afresh."""

# Values whose text follows from equality: equal ones always escape alike (not so for
# floats, where 0.0 == -0.0, nor across types, where 1 == 1.0 == True).
_CACHED_TYPES = frozenset({str, int, dt.date})


class Escaper:
    """:func:`escape` that escapes each of the many repeated values (ids, names, dates)
    once: the ``finalize`` of the page environment, so every ``{{ value }}`` uses it."""

    def __init__(self, limit: int = CACHE_LIMIT) -> None:
        self.cache: dict[object, Markup] = {}
        self.limit = limit

    def __call__(self, value: Any) -> Markup:
        """``value`` escaped as :func:`escape` does."""
        kind = type(value)
        if kind is Markup:
            return value  # type: ignore[no-any-return]
        if kind not in _CACHED_TYPES:
            return escape(value)
        done = self.cache.get(value)
        if done is None:
            if len(self.cache) >= self.limit:
                self.cache.clear()
            done = self.cache[value] = escape(value)
        return done


def _leading(match: re.Match[str]) -> str:
    marker = match.group(1)
    return f"&#{ord(marker[0])};{marker[1:]}"


def render_markdown(text: str | None, depth: int = 1) -> Markup:
    """Markdown from a record as sanitised HTML: no scripts, styles, frames, event
    handlers or unsafe links; its headings start below the page's level ``depth``."""
    if not text or not text.strip():
        return Markup("")
    html = _MARKDOWN.render(_CONTROLS.sub("", text))

    def demote(match: re.Match[str]) -> str:
        return f"<{match.group(1)}h{min(int(match.group(2)) + depth, 6)}>"

    html = _HEADING.sub(demote, html)
    clean = nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return Markup(f'<div class="brm-prose">\n{clean.strip()}\n</div>')


def external_url(url: str | None) -> Markup | None:
    """An http(s) URL made safe for a Markdown link destination, or None."""
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return Markup(quote(url, safe=":/?#@!$&*+,;=%-._~"))


def mailto(email: str) -> Markup:
    """A ``mailto:`` link destination for ``email``, safe in Markdown and HTML."""
    return Markup("mailto:" + quote(email, safe="@.+-_~"))
