"""A meeting's front matter split from its notes: the closing line is a line of its own."""

from __future__ import annotations

import pytest

from brm_build.findings import Finding
from brm_build.reading import front_matter


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("---\ntitle: A\n---\n# Notes\n", ("title: A\n", "# Notes\n", 4)),
        ("---\na: 1\nb: 2\n...\nnotes", ("a: 1\nb: 2\n", "notes", 5)),
        ("---\n---\nnotes\n", ("", "notes\n", 3)),
        ("---\n---", ("", "", 3)),
        ("---\r\na: 1\r\n---\r\nnotes\r\n", ("a: 1\r\n", "notes\r\n", 4)),
        ("---\na: 1\n---\r\r\nnotes", ("a: 1\n", "notes", 4)),
        ("---\na: '---'\nb: ----\n --- \n---\n", ("a: '---'\nb: ----\n --- \n", "", 6)),
        ("---\na: 1\n---x\n---\n\n\nend", ("a: 1\n---x\n", "\n\nend", 5)),
    ],
)
def test_the_front_matter_ends_at_the_first_closing_line(
    text: str, expected: tuple[str, str, int]
) -> None:
    assert front_matter(text, "m.md") == expected


@pytest.mark.parametrize("text", ["---", "---\n", "---\na: 1\n", "a: 1\n---\n", "--- \n---\n"])
def test_without_an_opening_and_a_closing_line_it_is_a_finding(text: str) -> None:
    found = front_matter(text, "m.md")
    assert isinstance(found, Finding) and found.code == "meeting-front-matter"
