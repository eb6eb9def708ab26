"""Text brm writes into Markdown stays text: a code span holds any value whole, and
plain text makes no block, link, image, HTML or mention (CommonMark, as GitHub reads it)."""

from __future__ import annotations

import html
import re

from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from brm_build.escape.logline import printable
from brm_build.escape.markdown import code_span, text

_MD = MarkdownIt("commonmark")
_TRICKY = st.text(alphabet=st.sampled_from([*"`@[]()!<>*_#|\\ \n-=:/", "a", "w", "."]))


def _inline(markdown: str) -> str:
    """The HTML of one paragraph, without the paragraph."""
    rendered: str = _MD.render(markdown)
    assert rendered.startswith("<p>") and rendered.endswith("</p>\n"), rendered
    return rendered[3:-5]


def test_a_value_with_backticks_stays_in_its_code_span() -> None:
    assert code_span("plain") == "`plain`"
    assert code_span("a``b") == "```a``b```"
    assert code_span("`x`") == "`` `x` ``"
    assert _inline("see " + code_span("x`` [a](https://e.example) ``y")).count("<code>") == 1


@given(st.one_of(_TRICKY, st.text()).filter(lambda v: v.strip() != ""))
def test_any_value_is_one_code_span_holding_it(value: str) -> None:
    inline = _inline("value: " + code_span(value))
    match = re.fullmatch(r"value: <code>(.*)</code>", inline, flags=re.S)
    assert match, inline
    assert html.unescape(match.group(1)) == printable(value)


@given(st.one_of(_TRICKY, st.text()).filter(lambda v: v.strip() != ""))
def test_text_makes_no_link_image_html_or_mention(value: str) -> None:
    rendered = _MD.render("x " + text(value))
    assert rendered.count("<p>") == 1 and "<a " not in rendered and "<img" not in rendered
    outside = re.sub(r"<code>.*?</code>", "", rendered, flags=re.S)
    assert re.sub(r"</?p>", "", outside).count("<") == 0, rendered
    assert not re.search(r"(?<![\w.])@[A-Za-z0-9]|https?://", outside), rendered
