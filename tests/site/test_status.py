"""Where agreements, service levels and satisfaction stand as of "today"."""

from __future__ import annotations

import datetime as dt
from typing import Any

from brm_build.attention.rules import standing
from brm_build.model import Agreement, Report
from brm_build.site.status import Result, attainment

from .sample import sample_data

TODAY = dt.date(2026, 11, 26)


def _agreement(**fields: Any) -> Agreement:
    base: dict[str, Any] = {
        "title": "T",
        "customer": "c",
        "services": ["s"],
        "status": "active",
        "valid_from": dt.date(2025, 1, 1),
        "service_levels": [
            {"id": "up", "metric": "Up", "target": 99.0, "unit": "%", "direction": "at_least"},
            {"id": "fix", "metric": "Fix", "target": 4.0, "unit": "h", "direction": "at_most"},
        ],
    }
    return Agreement.model_validate({**base, **fields})


def test_standing_of_agreements() -> None:
    def label(**fields: Any) -> tuple[str, bool]:
        s = standing(_agreement(**fields), TODAY, 60)
        return s.label, s.due

    assert label() == ("active", False)
    assert label(valid_until=dt.date(2026, 11, 1)) == ("past its end", True)
    assert label(valid_until=dt.date(2027, 1, 25)) == ("expiring", True)
    assert label(valid_until=dt.date(2027, 1, 26)) == ("active", False)
    assert label(review_by=dt.date(2026, 11, 25)) == ("review overdue", True)
    assert label(review_by=dt.date(2027, 1, 1)) == ("review due", True)
    assert label(status="expired", valid_until=dt.date(2024, 1, 1)) == ("expired", False)
    assert label(status="draft") == ("draft", False)


def test_attainment_compares_each_result_with_its_direction() -> None:
    report = Report.model_validate(
        {
            "agreement": "a",
            "measurements": [
                {"period": "2026-02", "results": {"up": 98.5, "fix": 3.0}},
                {"period": "2026-01", "results": {"up": 99.0, "fix": 4.5}, "notes": "n"},
                {"period": "2026-03", "results": {"up": 99.9}},
            ],
        }
    )
    att = attainment(_agreement(), report)
    assert [row.period for row in att.rows] == ["2026-01", "2026-02", "2026-03"]
    assert att.rows[0].results == (Result(99.0, True, 99.0), Result(4.5, False, 4.0))
    assert att.rows[2].results[1] == Result(None, None)
    assert [(s.met, s.measured, s.latest_period) for s in att.summaries] == [
        (2, 3, "2026-03"),
        (1, 2, "2026-02"),
    ]
    assert [(b.period, b.level.id, b.value) for b in att.missed()] == [
        ("2026-01", "fix", 4.5),
        ("2026-02", "up", 98.5),
    ]
    assert att.breaches == 2


def test_attainment_without_a_report_has_levels_and_no_rows() -> None:
    att = attainment(_agreement(), None)
    assert len(att.levels) == 2 and att.rows == () and att.breaches == 0
    assert all(s.measured == 0 and s.latest_period is None for s in att.summaries)


def test_survey_counts_on_the_sample() -> None:
    from brm_build.site.views import survey_view

    view = survey_view(sample_data().publication, "csat-2026-q3")
    assert (view.total.responses, round(view.total.csat or 0)) == (3, 67)
    assert [(c.id, n.responses, n.csat) for c, n in view.by_customer] == [
        ("payables", 1, 0.0),
        ("finance", 1, 100.0),
        ("sales", 1, 100.0),
    ]


def test_attainment_judges_each_period_by_the_target_in_force_then() -> None:
    earlier = [{"until": "2026-01", "target": 99.5}]
    up = {"id": "up", "metric": "Up", "target": 99.0, "unit": "%", "direction": "at_least"}
    a = _agreement(service_levels=[{**up, "earlier_targets": earlier}])
    report = Report.model_validate(
        {
            "agreement": "a",
            "measurements": [
                {"period": "2026-01", "results": {"up": 99.2}},
                {"period": "2026-02", "results": {"up": 99.2}},
            ],
        }
    )
    att = attainment(a, report)
    assert [row.results for row in att.rows] == [
        (Result(99.2, False, 99.5),),
        (Result(99.2, True, 99.0),),
    ]
    assert [(b.period, b.target) for b in att.missed()] == [("2026-01", 99.5)]
    assert att.summaries[0].met == 1 and att.summaries[0].measured == 2
