"""The target in force for a period (earlier_targets): a weaker target never rewrites history."""

from __future__ import annotations

from brm_build.analytics.service_levels import attainment
from brm_build.analytics.targets import judge, target_in_force, target_problem
from brm_build.charts.service_levels import level_alt
from brm_build.model.kinds import ServiceLevel
from brm_build.site.status import Result as SiteResult
from brm_build.site.status import attainment as site_attainment

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
    assert level_alt(level).startswith(
        "Availability: target at least 99 % (earlier 99.5 until 2026-06); "
    )
    # Without the earlier target, the same records would read "met" throughout.
    unrecorded = attainment({"a": agreement("finance", [_level(99.0, [])])}, reports)["a"]
    assert unrecorded.levels[0].attainment == 100.0


def test_no_result_is_judged_against_a_percent_target_the_check_flags() -> None:
    fraction, too_high = _level(0.995, []), _level(150.0, [])
    assert target_problem(fraction, 0.995) == "percent-fraction"
    assert target_problem(too_high, 150.0) == "percent-range"
    assert target_problem(_level(-1.0, []), -1.0) == "percent-range"
    assert target_problem(_level(99.5, []), 99.5) is None
    at_most = _level(0.5, []).model_copy(update={"direction": "at_most"})
    assert target_problem(at_most, 0.5) is None, "at most 0.5% of changes failing is a target"
    hours = _level(150.0, []).model_copy(update={"unit": "hours"})
    assert target_problem(hours, 150.0) is None
    assert judge(fraction, "2026-05", 99.2) == (0.995, None)
    earlier = _level(99.0, [("2026-03", 0.99)])
    assert judge(earlier, "2026-03", 99.2) == (0.99, None)
    assert judge(earlier, "2026-04", 99.2) == (99.0, True)
    reports = {"a": report("a", {"2026-04": {"availability": 99.6}})}
    for flagged in (fraction, too_high):
        level = attainment({"a": agreement("finance", [flagged])}, reports)["a"].levels[0]
        assert [(r.actual, r.met) for r in level.results] == [(99.6, None)]
        assert level.attainment is None and level.breaches == ()


def test_the_site_shows_an_unjudged_value_without_counting_it() -> None:
    a = agreement("finance", [_level(150.0, [])])
    att = site_attainment(a, report("a", {"2026-04": {"availability": 99.6}}))
    assert att.rows[0].results == (SiteResult(99.6, None, 150.0),)
    assert (att.summaries[0].measured, att.breaches) == (0, 0)
