"""Ready-made HTML tables (brm_build.site.raw): what a page gets is what Python-Markdown
made of the same table as Markdown, byte for byte, with or without the build's MkDocs."""

from __future__ import annotations

import markdown
from hypothesis import given
from hypothesis import strategies as st

from brm_build.site import raw
from brm_build.site.markup import escape

# What a cell holds: escaped values, character references and the inline HTML of cells.py.
CELL = st.one_of(
    st.text(max_size=12).map(lambda t: str(escape(t))),
    st.sampled_from(
        [
            "&nbsp;",
            "≥&nbsp;99.5&nbsp;%",
            '<span class="brm-breach" title="missed: target ≥ 95">✗ 90</span>',
            "–",
            "",
        ]
    ),
)


def _markdown() -> markdown.Markdown:
    """Python-Markdown as the site's default mkdocs.yml sets it up."""
    return markdown.Markdown(
        extensions=["tables", "md_in_html", "toc"], extension_configs={"toc": {"permalink": True}}
    )


def _as_markdown(headers: list[str], rows: list[list[str]]) -> str:
    lines = ["|" + "".join(f" {h} |" for h in headers), "|" + " --- |" * len(headers)]
    lines += ["|" + "".join(f" {c} |" for c in row) + "" for row in rows]
    return "\n".join(lines) + "\n\n"


def _page(table: str) -> str:
    """A page with the table in each place the site puts one: in a chart's collapsed data,
    in a dense block, and on its own."""
    return (
        "# A page\n\nSome text.\n\n"
        '<details class="brm-chart-data" markdown>\n<summary>The data</summary>\n\n'
        f"{table}</details>\n\n"
        f'<div class="brm-dense" markdown>\n\n{table}</div>\n\n'
        f"Between.\n\n{table}After.\n"
    )


def _with_stash(page: str) -> str:
    stash = raw.Stash()
    return stash.restore(_markdown().convert(stash.take(page)))


@given(
    st.integers(1, 4).flatmap(
        lambda n: st.tuples(
            st.lists(CELL, min_size=n, max_size=n),
            st.lists(st.lists(CELL, min_size=n, max_size=n), max_size=4),
        )
    )
)
def test_a_ready_made_table_is_the_html_markdown_makes_of_it(
    table: tuple[list[str], list[list[str]]],
) -> None:
    headers, rows = table
    made = _markdown().convert(_page(_as_markdown(headers, rows)))
    assert _with_stash(_page(raw.table(headers, rows))) == made


def test_any_other_markdown_renderer_shows_the_same_table() -> None:
    headers, rows = ["Period", "Result"], [["2026-Q3", "99.5"], ["2026-Q2", "&nbsp;"]]
    plain = _markdown().convert(raw.table(headers, rows))
    assert plain.replace(raw.OPEN + "\n", "").replace("\n" + raw.CLOSE, "") == (
        _markdown().convert(_as_markdown(headers, rows))
    )


def test_a_placeholder_that_markdown_joined_to_text_still_gives_its_table() -> None:
    stash = raw.Stash()
    taken = stash.take("Text right before\n" + raw.table(["A"], [["1"]]))
    html = stash.restore(_markdown().convert(taken))
    assert "<td>1</td>" in html and "brmhtml" not in html


def test_a_page_without_blocks_is_left_as_it_is() -> None:
    stash = raw.Stash()
    page = "# Title\n\n| a |\n| --- |\n| 1 |\n"
    assert stash.take(page) == page and stash.restore("<p>x</p>") == "<p>x</p>"
