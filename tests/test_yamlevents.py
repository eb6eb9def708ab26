"""Positions read from libyaml's events are those of the node tree, on every path of every
example record and of YAML written in the less usual ways."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from brm_build.yamlevents import event_position
from brm_build.yamlsource import Document, parse_mapping

ROOT = Path(__file__).resolve().parents[1]

UNUSUAL = [
    "name: A\nname: B\nplans:\n- period: '2026'\n  summary: x\n",  # a repeated key: the first
    '"name": quoted\n? complex\n: value\n\'plans\': [ {period: "2026"}, {period: 2027} ]\n',
    "{name: flow, actions: [{due: 2026-01-01, text: a}, {text: b,\n  due: 2026-02-02}]}\n",
    "summary: |\n  name: not a key\nname: >-\n  folded\n  text\n# name: a comment\nstatus: x\n",
    "? [a, b]\n: 1\nname:\n\n  # a comment first\n  late value\nempty:\nactions: []\n",
    "%YAML 1.1\n---\nname: after a directive\nactions:\n  - {}\n  - due: 2026-01-01\n",
    "name: Ünïcödé ✓\nactions:\n- text: 'é'\n  due: 2026-01-01\n",
]


def _paths(node: yaml.Node, at: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    yield at
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                yield from _paths(value, (*at, key.value))
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            yield from _paths(item, (*at, i))


def _texts() -> Iterator[tuple[str, int]]:
    for path in sorted((ROOT / "records").rglob("*")):
        if path.suffix == ".yaml":
            yield path.read_text(encoding="utf-8"), 0
        elif path.suffix == ".md":
            front = path.read_text(encoding="utf-8").split("---\n", 2)[1]
            yield front, 1
    for text in UNUSUAL:
        yield text, 0


def _agree(text: str, offset: int) -> int:
    document, _ = parse_mapping(text, "x.yaml", offset)
    assert document is not None
    tree = Document(document.text, offset)
    asked = 0
    for loc in {*_paths(tree.root), ("nowhere",), ("actions", 99), ("name", "deeper"), ()}:
        for key in (False, True):
            fresh = Document(document.text, offset)  # no tree: the events answer
            assert fresh.position(loc, key) == tree.position(loc, key), (loc, key)
            asked += event_position(document.text, loc, key) is not None
    return asked


def test_every_path_of_every_example_record_has_the_trees_position() -> None:
    asked = sum(_agree(text, offset) for text, offset in _texts())
    assert asked > 5000  # the events answered nearly all of them, not the tree


@pytest.mark.parametrize("text", UNUSUAL)
def test_unusual_yaml_has_the_trees_position(text: str) -> None:
    assert _agree(text, 0) > 0


def test_an_alias_or_a_missing_path_is_left_to_the_tree() -> None:
    text = "a: &x 1\nb: *x\n"
    assert event_position(text, ("a",)) == (0, 3)
    assert event_position(text, ("b",)) is None
    assert event_position("a: 1\n", ("c",)) is None
    assert event_position("a: [1]\n", ("a", 1)) is None
    assert event_position("a: [1]\n", ("a", -1)) is None
    assert event_position("a: [1]\n", ("a", "b")) is None
