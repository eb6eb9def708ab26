"""Which fields are restricted, derived once from the models."""

from __future__ import annotations

from brm_build.model.restricted import restricted_keys, restricted_paths
from brm_build.publication import EVERY_PHONE, restricted_names
from brm_build.quoting import hide_restricted


def test_paths_reach_every_depth_of_every_kind() -> None:
    paths = restricted_paths()
    assert "customer.it_budget" in paths
    assert "survey.responses.comment" in paths
    assert "agreement.signed.customer.phone" in paths
    assert list(paths) == sorted(set(paths))


def test_publish_names_and_quoted_keys_are_read_from_the_paths() -> None:
    assert restricted_names() == sorted({EVERY_PHONE, *restricted_paths()})
    assert set(restricted_keys()) == {p.rsplit(".", 1)[-1] for p in restricted_paths()}
    assert hide_restricted(["name: Acme", "it_budget: 12000"]) == ["name: Acme", None]
