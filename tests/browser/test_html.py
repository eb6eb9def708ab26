"""Valid HTML: the Nu Html Checker over every page of the built site (see conformance.py
for why this checker), and in the same run over a page that brm's templates could get
wrong, which it must report."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conformance import Message, check_html, from_theme
from .tools import vnu_command

HEAD = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head>'
BAD_PAGE = (
    f"{HEAD}<body>\n"
    '<p id="x">one</p><p id="x">two</p>\n'
    "<p><div>a block in a paragraph</div></p>\n"
    '<table><tr><td colspan="zero">cell</td></tr></table>\n'
    '<input class="md-toggle" type="checkbox" id="t" autocomplete="off">\n'
    '<input class="brm" type="checkbox" id="u" autocomplete="off">\n'
    "</body></html>\n"
)
"""Errors on lines 2, 3, 4 and 6; line 5 is the theme's markup, which is excused."""


@pytest.fixture(scope="session")
def html_messages(
    built_site: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[list[Message], list[Message]]:
    """What the checker finds in the built site, and in a folder of known bad markup;
    a skip (a failure in CI) without Java or npm ci."""
    command = vnu_command()
    canary = tmp_path_factory.mktemp("canary")
    (canary / "bad.html").write_text(BAD_PAGE, encoding="utf-8")
    (canary / "good.html").write_text(f"{HEAD}<body><p>Fine.</p></body></html>\n")
    found = check_html(command, [built_site, canary])
    return found[built_site.resolve()], found[canary.resolve()]


def test_every_page_is_valid_html(html_messages: tuple[list[Message], list[Message]]) -> None:
    site, _ = html_messages
    assert [str(m) for m in site] == []


def test_the_checker_reports_invalid_markup_but_not_the_themes(
    html_messages: tuple[list[Message], list[Message]],
) -> None:
    _, canary = html_messages
    assert {m.page for m in canary} == {"bad.html"}
    assert {m.line for m in canary} == {2, 3, 4, 6}
    texts = " ".join(m.text for m in canary)
    assert "Duplicate ID “x”" in texts and "colspan" in texts


def test_only_the_themes_own_markup_is_excused() -> None:
    text = "Attribute “autocomplete” is only allowed when the input type is “text”."
    theme = Message("a.html", 1, "error", text, '<input class="md-toggle" type="checkbox">')
    ours = Message("a.html", 1, "error", text, '<input class="brm-filter" type="checkbox">')
    assert from_theme(theme) and not from_theme(ours)
