"""The chain of parents, defined once in model/structure."""

from __future__ import annotations

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
