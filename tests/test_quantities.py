"""Units after an amount: singular after exactly one, as written otherwise."""

from __future__ import annotations

from brm_build.quantities import unit_after


def test_a_unit_is_singular_after_exactly_one() -> None:
    assert unit_after(1, "hours") == "hour"
    assert unit_after(1.0, "business days") == "business day"
    assert unit_after(1, "Hours") == "Hour"
    assert unit_after(1, "percent") == "percent"
    assert unit_after(1, "ms") == "ms"


def test_a_unit_is_kept_as_written_after_any_other_amount() -> None:
    for amount in (0, 0.5, 1.5, 2, 4, 99.5):
        assert unit_after(amount, "hours") == "hours"
    assert unit_after(4, "hour") == "hour"
