"""Values from records stay text in Markdown and HTML; record Markdown is sanitised."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import markdown
from hypothesis import given
from hypothesis import strategies as st

from brm_build.site.markup import escape, external_url, heading, mailto, render_markdown

# The extensions of the site's mkdocs.yml that read syntax in page text.
EXTENSIONS = ["tables", "md_in_html", "toc"]
HOSTILE = [
    "Evil | *Corp* _x_ `code`",
    "<script>alert('x')</script>",
    "[x](javascript:alert(1))",
    "{{ 7*7 }} {% raw %} {: onclick=alert(1) }",
    "# heading",
    "- list item",
    "1. numbered",
    "> quote",
    "&lt;script&gt; &amp;",
    "say \"hi\" and 'bye'",
    "back\\slash ~~strike~~ <!-- comment -->",
    "line\nbreak\n\n# new block",
]


def _rendered_text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment)).strip()


def _normal(text: str) -> str:
    return " ".join(re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", text).split())


def test_hostile_values_render_as_their_text_in_a_paragraph() -> None:
    for value in HOSTILE:
        out = markdown.markdown(f"- {escape(value)}", extensions=EXTENSIONS)
        assert out.count("<li>") == 1 and "<ul>" in out, value
        assert _rendered_text(out) == _normal(value)
        assert "<script" not in out and "<h1" not in out and "<blockquote" not in out


def test_hostile_values_stay_in_their_table_cell() -> None:
    for value in HOSTILE:
        table = f"| a | b |\n| --- | --- |\n| {escape(value)} | end |\n"
        out = markdown.markdown(table, extensions=EXTENSIONS)
        cells = re.findall(r"<td>(.*?)</td>", out, re.S)
        assert [_rendered_text(c) for c in cells] == [_normal(value), "end"], value


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, [name for name, _ in attrs]))


def test_hostile_values_are_plain_text_in_a_link_and_an_attribute() -> None:
    value = 'x](javascript:alert(1)) " onclick="alert(2)'
    out = markdown.markdown(f'[{escape(value)}](page.md) <span title="{escape(value)}">s</span>')
    parser = _Tags()
    parser.feed(out)
    assert parser.tags == [("p", []), ("a", ["href"]), ("span", ["title"])]
    assert 'href="page.md"' in out
    assert _rendered_text(out) == _normal(value) + " s"


@given(st.text(max_size=60))
def test_any_text_survives_a_table_cell(value: str) -> None:
    table = f"| a |\n| --- |\n| {escape(value)} |\n"
    out = markdown.markdown(table, extensions=EXTENSIONS)
    cells = re.findall(r"<td>(.*?)</td>", out, re.S)
    assert len(cells) == 1
    assert "<" not in cells[0]
    assert _rendered_text(cells[0]) == _normal(value)


def test_markup_passes_through_unchanged() -> None:
    link = escape(escape("<b>"))
    assert link == "&lt;b&gt;"


def test_markdown_fields_lose_scripts_styles_frames_handlers_and_unsafe_links() -> None:
    out = render_markdown(
        "# Title\n\ntext <script>alert(1)</script> <style>p{}</style>\n"
        '<iframe src="https://evil.example"></iframe> <img src=x onerror=alert(2)>\n'
        # a blank line: in CommonMark a line that starts with <iframe opens an HTML block
        # that runs to the next blank line, and Markdown links inside it stay text
        '<a href="https://ok.example" onclick="alert(3)">ok</a>\n\n[js](javascript:alert(4))\n'
        "[data](data:text/html,x) [mail](mailto:a@b.example) [rel](../other.md)\n"
    )
    assert "<script" not in out and "alert(1)" not in out and "<style" not in out
    assert "<iframe" not in out and "<img" not in out and "onclick" not in out
    assert "javascript:" not in out and "data:" not in out
    assert 'href="https://ok.example"' in out
    assert 'href="mailto:a@b.example"' in out and 'href="../other.md"' in out
    assert out.startswith('<div class="brm-prose">') and "<h2>Title</h2>" in out


def test_markdown_headings_start_below_the_given_depth() -> None:
    assert "<h3>Notes</h3>" in render_markdown("# Notes", 2)
    assert "<h6>Deep</h6>" in render_markdown("##### Deep", 2)
    assert render_markdown("   ") == ""


def test_heading_gives_the_theme_an_escaped_title() -> None:
    out = heading("A </title><script>x</script> & \x85co")
    front, body = out.split("\n---\n\n")
    assert front == '---\ntitle: "A &lt;/title&gt;&lt;script&gt;x&lt;/script&gt; &amp; co"'
    assert body == "# A &lt;/title&gt;&lt;script&gt;x&lt;/script&gt; &amp; co"


def test_external_urls_and_mail_links() -> None:
    assert external_url("javascript:alert(1)") is None
    assert external_url("https://") is None
    assert external_url("https://a.example/x y(1)") == "https://a.example/x%20y%281%29"
    assert mailto('a)"b@x.example') == "mailto:a%29%22b@x.example"
