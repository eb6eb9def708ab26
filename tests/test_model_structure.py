"""The chain of parents, defined once in model/structure."""

from __future__ import annotations

import itertools

from brm_build.model import structure
from brm_build.model.structure import ancestors, cycle


def test_chain_runs_from_the_unit_to_the_top() -> None:
    parents = {"team": "dept", "dept": "acme", "acme": None}
    assert ancestors("team", parents.get) == ["team", "dept", "acme"]
    assert cycle("team", parents.get) is None


def test_chain_ends_at_an_unknown_unit_and_names_it() -> None:
    parents: dict[str, str | None] = {"team": "gone"}
    assert ancestors("team", parents.get) == ["team", "gone"]
    assert cycle("team", parents.get) is None
    assert ancestors("nobody", parents.get) == ["nobody"]


def test_a_cycle_stops_the_walk_and_is_named_where_it_closes() -> None:
    parents = {"lead": "a", "a": "b", "b": "c", "c": "a"}
    assert ancestors("lead", parents.get) == ["lead", "a", "b", "c"]
    assert cycle("lead", parents.get) == ["a", "b", "c"]
    assert cycle("b", parents.get) == ["b", "c", "a"]


def test_a_chain_deeper_than_the_stack_is_walked() -> None:
    parents: dict[str, str | None] = {f"u{i}": f"u{i + 1}" for i in range(50_000)}
    chain = ancestors("u0", parents.get)
    assert len(chain) == 50_001 and chain[-1] == "u50000"
    assert cycle("u0", parents.get) is None


def test_the_walk_down_gives_each_unit_once_in_tree_order_with_its_depth() -> None:
    children = {"group": ["finance", "sales"], "finance": ["ap"], "ap": ["group"]}
    walked = structure.walk(["group"], lambda unit: children.get(unit, []))
    assert walked == [("group", 0), ("finance", 1), ("ap", 2), ("sales", 1)]  # no loop


def test_the_walk_down_leaves_out_what_it_is_told_to_skip() -> None:
    children = {"group": ["finance", "sales"], "finance": ["ap"]}
    walked = structure.walk(["group"], lambda unit: children.get(unit, []), {"finance"})
    assert walked == [("group", 0), ("sales", 1)]


def test_a_chain_deeper_than_the_stack_is_walked_down() -> None:
    chain = [f"unit-{i}" for i in range(5000)]
    below = {a: [b] for a, b in itertools.pairwise(chain)}
    walked = structure.walk(chain[:1], lambda unit: below.get(unit, []))
    assert walked[-1] == ("unit-4999", 4999)
    parents = {b: a for a, b in itertools.pairwise(chain)}
    assert structure.depths(chain, parents.get)["unit-4999"] == 4999


def test_depths_count_the_units_above_and_end_on_a_cycle_or_an_unknown_parent() -> None:
    parents = {"ap": "finance", "finance": "group", "loop-a": "loop-b", "loop-b": "loop-a"}
    parents["orphan"] = "gone"
    units = ["group", "finance", "ap", "loop-a", "loop-b", "orphan"]
    depth = structure.depths(units, parents.get)
    assert (depth["group"], depth["finance"], depth["ap"], depth["orphan"]) == (0, 1, 2, 0)
    assert (depth["loop-a"], depth["loop-b"]) == (1, 0)  # counted from where it closed
