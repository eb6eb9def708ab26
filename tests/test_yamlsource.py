"""The YAML reader: 1.2 scalars, positions, and problems as findings."""

from __future__ import annotations

import datetime as dt

from brm_build.yamlsource import parse_mapping


def _data(text: str) -> dict[str, object]:
    document, findings = parse_mapping(text, "x.yaml")
    assert findings == []
    assert document is not None
    return document.data


def test_yaml_12_scalars() -> None:
    data = _data(
        "a: no\nb: on\nc: 12:30\nd: 1.10\ne: 012\nf: true\ng: ~\nh: 2026-01-31\n"
        "i: '2026-01-31'\nj: 1_000\nk: 0x1f\n"
    )
    assert data == {
        "a": "no",
        "b": "on",
        "c": "12:30",
        "d": 1.1,
        "e": 12,
        "f": True,
        "g": None,
        "h": dt.date(2026, 1, 31),
        "i": "2026-01-31",
        "j": "1_000",
        "k": 31,
    }


def test_invalid_date_stays_text() -> None:
    assert _data("d: 2026-02-30\n") == {"d": "2026-02-30"}


def test_positions_of_keys_and_values() -> None:
    document, _ = parse_mapping("a:\n  - x: 1\n    y: [2, 3]\n", "x.yaml")
    assert document is not None
    assert document.position(("a", 0, "y", 1)) == (3, 12)
    assert document.position(("a", 0, "y"), key=True) == (3, 5)
    assert document.position(("a", 0, "missing")) == (2, 5)
    assert document.source_text(("a", 0, "x")) == "1"


def test_front_matter_offset() -> None:
    document, _ = parse_mapping("a: 1\nb: 2\n", "m.md", line_offset=1)
    assert document is not None
    assert document.position(("b",)) == (3, 4)


def test_duplicate_key_is_a_finding_and_first_value_kept() -> None:
    document, findings = parse_mapping("a: 1\nb: 2\na: 3\n", "x.yaml")
    assert [(f.code, f.line, f.field) for f in findings] == [("yaml-duplicate-key", 3, "a")]
    assert document is not None and document.data == {"a": 1, "b": 2}


def test_anchor_bomb_is_rejected_without_expansion() -> None:
    bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n'
    for i in range(1, 20):
        bomb += f"{chr(97 + i)}: &{chr(97 + i)} [*{chr(96 + i)}, *{chr(96 + i)}, *{chr(96 + i)}]\n"
    document, findings = parse_mapping(bomb, "x.yaml")
    assert document is None
    assert {f.code for f in findings} == {"yaml-anchor"}
    assert findings[0].line == 1


def test_tags_are_findings() -> None:
    _, findings = parse_mapping("a: !!python/object:os.system x\nb: !custom 1\n", "x.yaml")
    assert [(f.code, f.line) for f in findings] == [("yaml-tag", 1), ("yaml-tag", 2)]


def test_not_a_mapping_empty_and_multiple_documents() -> None:
    assert parse_mapping("- a\n", "x.yaml")[1][0].code == "yaml-not-mapping"
    assert parse_mapping("", "x.yaml")[1][0].code == "yaml-empty"
    assert parse_mapping("# only a comment\n", "x.yaml")[1][0].code == "yaml-empty"
    found = parse_mapping("a: 1\n---\nb: 2\n", "x.yaml")[1][0]
    assert (found.code, found.line) == ("yaml-multiple-documents", 2)


def test_syntax_error_has_position() -> None:
    found = parse_mapping("a: 1\nb: [2, 3\nc: 4\n", "x.yaml")[1][0]
    assert found.code == "yaml-syntax"
    assert found.line >= 2


def test_crlf_keeps_lines() -> None:
    document, findings = parse_mapping("a: 1\r\nb: x\r\n", "x.yaml")
    assert findings == [] and document is not None
    assert document.data == {"a": 1, "b": "x"}
    assert document.position(("b",)) == (2, 4)


def test_deep_nesting_is_bounded() -> None:
    for depth in (60, 5000):
        _, findings = parse_mapping("a: " + "[" * depth + "]" * depth + "\n", "x.yaml")
        assert [f.code for f in findings] == ["yaml-too-deep"]


def test_numbers_follow_yaml_12_not_11() -> None:
    data = _data("a: 1e3\nb: 0o17\nc: -.5\nd: +12\ne: .inf\nf: 1:20\ng: 0b101\nh: TRUE\ni: Null\n")
    assert data == {
        "a": 1000.0,
        "b": 15,
        "c": -0.5,
        "d": 12,
        "e": float("inf"),
        "f": "1:20",
        "g": "0b101",
        "h": True,
        "i": None,
    }


def test_ampersands_in_prose_are_no_anchors() -> None:
    assert _data("a: R&D and Q&A\nb: 'x &y'\n") == {"a": "R&D and Q&A", "b": "x &y"}
    _, findings = parse_mapping("a: &x 1\nb: [&y 2]\n", "x.yaml")
    assert [(f.code, f.line) for f in findings] == [("yaml-anchor", 1), ("yaml-anchor", 2)]


def test_a_detached_document_finds_the_same_positions_and_values() -> None:
    text = "a:\n  - x: 1\n    y: [2, 3]\nb: |\n  two\n  lines\n"
    document, _ = parse_mapping(text, "m.md", line_offset=1)
    assert document is not None
    detached = document.detached()
    for loc in (("a", 0, "y", 1), ("b",), ("a", 0, "missing")):
        assert detached.position(loc) == document.position(loc)
    assert detached.position(("a", 0, "y"), key=True) == (4, 5)
    assert detached.data == document.data
