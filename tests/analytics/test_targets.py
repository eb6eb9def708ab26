"""The target in force for a period (earlier_targets): a weaker target never rewrites history."""

from __future__ import annotations

from brm_build.analytics.service_levels import attainment
from brm_build.analytics.targets import judge, target_in_force
from brm_build.charts.service_levels import level_alt
from brm_build.model.kinds import ServiceLevel

from .records import agreement, report


def _level(target: float, earlier: list[tuple[str, float]], period: str = "month") -> ServiceLevel:
    return ServiceLevel.model_validate(
        {
            "id": "availability",
            "metric": "Availability",
            "target": target,
            "unit": "%",
            "direction": "at_least",
            "period": period,
            "earlier_targets": [{"until": u, "target": t} for u, t in earlier],
        }
    )


def test_the_earliest_until_at_or_after_the_period_decides() -> None:
    level = _level(99.0, [("2026-06", 99.5), ("2026-03", 99.9)])
    assert target_in_force(level, "2026-01") == 99.9
    assert target_in_force(level, "2026-03") == 99.9
    assert target_in_force(level, "2026-04") == 99.5
    assert target_in_force(level, "2026-06") == 99.5
    assert target_in_force(level, "2026-07") == 99.0
    assert target_in_force(_level(99.0, []), "2020-01") == 99.0


def test_months_and_quarters_mix_by_the_months_they_cover() -> None:
    level = _level(99.0, [("2026-Q2", 99.5)])
    assert target_in_force(level, "2026-05") == 99.5  # inside the quarter
    assert target_in_force(level, "2026-Q2") == 99.5
    assert target_in_force(level, "2026-07") == 99.0
    by_month = _level(99.0, [("2026-05", 99.5)])
    assert target_in_force(by_month, "2026-Q2") == 99.0  # June was judged by the new one
    assert target_in_force(by_month, "2026-Q1") == 99.5


def test_judge_reports_the_target_and_whether_it_was_met() -> None:
    level = _level(99.0, [("2026-06", 99.5)])
    assert judge(level, "2026-05", 99.2) == (99.5, False)
    assert judge(level, "2026-07", 99.2) == (99.0, True)
    assert judge(level, "2026-07", None) == (99.0, None)


def test_weakening_a_target_keeps_the_past_breach() -> None:
    """Lowering availability from 99.5 to 99 from July: May stays a breach."""
    weakened = _level(99.0, [("2026-06", 99.5)])
    results = {"2026-04": 99.6, "2026-05": 99.2, "2026-06": 99.7}
    reports = {"a": report("a", {p: {"availability": v} for p, v in results.items()})}
    level = attainment({"a": agreement("finance", [weakened])}, reports)["a"].levels[0]
    assert [(r.period, r.target, r.met) for r in level.results] == [
        ("2026-04", 99.5, True),
        ("2026-05", 99.5, False),
        ("2026-06", 99.5, True),
    ]
    assert level.attainment is not None and round(level.attainment) == 67
    assert [r.period for r in level.breaches] == ["2026-05"]
    assert "never breached" not in level_alt(level)
    assert "breached in 2026-05" in level_alt(level)
    # Without the earlier target, the same records would read "met" throughout.
    unrecorded = attainment({"a": agreement("finance", [_level(99.0, [])])}, reports)["a"]
    assert unrecorded.levels[0].attainment == 100.0
