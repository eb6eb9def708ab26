"""Charts through their data: alt text that states the message, tables, specs, and SVG."""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import replace

import pytest

from brm_build.analytics.satisfaction import satisfaction, series
from brm_build.analytics.service_levels import attainment
from brm_build.charts.draw import draw_svg
from brm_build.charts.model import (
    LABEL_LIMIT,
    AgreementSpec,
    ComparisonSpec,
    HeatmapSpec,
    LevelSpec,
    NpsSpec,
    TrendSpec,
    spec_key,
)
from brm_build.charts.satisfaction import (
    comparison_chart,
    distribution_chart,
    nps_chart,
    satisfaction_charts,
    trend_alt,
    trend_chart,
)
from brm_build.charts.service_levels import agreement_chart, heatmap_chart, service_level_charts
from brm_build.model.kinds import Response

from .analytics.records import agreement, answer, level, report, survey, unit

PERIODS = ["2025-Q1", "2025-Q2", "2025-Q3"]


def _answers(satisfied: int, n: int, nps: int | None = None) -> list[Response]:
    return [answer("finance", 5, nps)] * satisfied + [answer("finance", 2, nps)] * (n - satisfied)


FINANCE = series(
    "finance",
    "Finance",
    {"2025-Q1": _answers(5, 8, nps=9), "2025-Q3": _answers(7, 9, nps=3)},
    PERIODS,
    5,
)


def test_trend_alt_states_the_message() -> None:
    assert trend_alt("Finance", FINANCE.figures, 5) == (
        "Finance CSAT rose from 62% to 78% over 2025-Q1..2025-Q3; n between 8 and 9"
    )
    low = series("x", "Payroll", {"2025-Q1": _answers(1, 2)}, PERIODS, 5)
    assert trend_alt("Payroll", low.figures, 5) == (
        "Payroll CSAT was 50% in 2025-Q1 (n 2); 1 of 1 from fewer than 5 responses"
    )


def test_trend_chart_spec_leaves_unanswered_periods_empty() -> None:
    chart = trend_chart("csat-finance.svg", FINANCE, PERIODS, 5)
    assert chart is not None and isinstance(chart.spec, TrendSpec)
    assert chart.spec.periods == tuple(PERIODS)
    assert chart.spec.csat == (62.5, None, 77.78)
    assert chart.spec.n == (8, 0, 9)
    assert chart.table.headers == ("Period", "n", "CSAT", "95% interval", "Mean score", "NPS")
    assert chart.table.rows[0] == ("2025-Q1", "8", "62%", "30–87%", "3.88", "+100")
    assert trend_chart("none.svg", series("x", "X", {}, PERIODS, 5), PERIODS, 5) is None


def test_nps_distribution_and_comparison_charts() -> None:
    nps = nps_chart("nps.svg", FINANCE, PERIODS, 5)
    assert nps is not None
    assert nps.alt == (
        "Finance NPS fell from +100 to -100 over 2025-Q1..2025-Q3; n between 8 and 9 answered "
        "the question"
    )
    answers = distribution_chart("answers.svg", FINANCE)
    assert answers is not None
    assert answers.alt == "Finance: in 2025-Q3, 78% answered 4 or 5 and 22% answered 1 or 2 (n 9)"
    assert answers.table.rows[-1] == ("2025-Q3", "9", "0", "2", "0", "0", "7")
    other = series("hr", "HR", {"2025-Q3": _answers(1, 4)}, PERIODS, 5)
    compared = comparison_chart("by.svg", "customer", [other, FINANCE], "2025-Q3", 5)
    assert compared is not None
    assert compared.alt == (
        "CSAT by customer in 2025-Q3: highest Finance 78% (n 9); "
        "1 of 2 from fewer than 5 responses, ranked after the others: HR 25% (n 4)"
    )
    assert [row[0] for row in compared.table.rows] == ["Finance", "HR"]


def test_a_figure_from_too_few_responses_never_ranks_above_a_well_founded_one() -> None:
    few = series("pay", "Payroll", {"2025-Q3": _answers(2, 2)}, PERIODS, 5)
    some = series("hr", "HR", {"2025-Q3": _answers(3, 6)}, PERIODS, 5)
    compared = comparison_chart("by.svg", "service", [few, some, FINANCE], "2025-Q3", 5)
    assert compared is not None and isinstance(compared.spec, ComparisonSpec)
    assert [row[0] for row in compared.table.rows] == ["Finance", "HR", "Payroll"]
    assert compared.spec.n == (9, 6, 2)
    assert compared.alt == (
        "CSAT by service in 2025-Q3: highest Finance 78% (n 9), lowest HR 50% (n 6); "
        "1 of 3 from fewer than 5 responses, ranked after the others: Payroll 100% (n 2)"
    )


def test_agreement_chart_draws_measured_levels_and_tables_every_level() -> None:
    result = attainment(
        {"fin": agreement("finance", [level("availability", 99.5), level("restore", 4, "at_most"),
                                      level("backup", 100)])},
        {"fin": report("fin", {"2025-01": {"availability": 99.9, "restore": 3},
                               "2025-03": {"availability": 99.0}})},
    )["fin"]  # fmt: skip
    chart = agreement_chart(result)
    assert chart is not None
    assert chart.name == "sl-agreement-fin.svg"
    assert isinstance(chart.spec, AgreementSpec)
    assert [panel.title for panel in chart.spec.levels] == ["availability metric", "restore metric"]
    assert chart.spec.levels[0].actual == (99.9, None, 99.0)
    assert chart.alt == (
        "availability metric: target at least 99.5 percent; met in 1 of 2 measured periods, "
        "breached in 2025-03; latest 99 percent in 2025-03; 1 period not measured. "
        "restore metric: target at most 4 percent; met in 1 of 1 measured periods, never "
        "breached; latest 3 percent in 2025-01; 2 periods not measured"
    )
    assert chart.table.headers == ("Service level", "Period", "Target", "Achieved", "Status")
    assert chart.table.rows[:3] == (
        ("availability metric", "2025-03", "99.5 percent", "99", "breached"),
        ("availability metric", "2025-02", "99.5 percent", "–", "not measured"),
        ("availability metric", "2025-01", "99.5 percent", "99.9", "met"),
    )
    assert {row[0] for row in chart.table.rows} == {
        "availability metric",
        "restore metric",
        "backup metric",
    }, "the table shows every service level, even one never measured"


def test_an_agreement_without_any_measurement_has_no_chart() -> None:
    result = attainment({"fin": agreement("finance", [level("up", 99.5)])}, {})["fin"]
    assert agreement_chart(result) is None


def test_heatmap_by_customer_and_quarter() -> None:
    result = attainment(
        {"fin": agreement("finance", [level("up", 99.5)])},
        {"fin": report("fin", {"2025-01": {"up": 99.9}, "2025-02": {"up": 99.0},
                               "2025-07": {"up": 99.9}})},
    )  # fmt: skip
    chart = heatmap_chart(list(result.values()), {"finance": unit("Group Finance")})
    assert chart is not None
    assert isinstance(chart.spec, HeatmapSpec)
    assert chart.spec.periods == ("2025-Q1", "2025-Q2", "2025-Q3")
    assert chart.spec.values == ((50.0, None, 100.0),)
    assert chart.table.rows == (("Group Finance", "50% of 2", "–", "100% of 1"),)
    assert chart.alt == (
        "Share of service-level results met per customer and quarter, 2025-Q1..2025-Q3: "
        "1 of 2 customer-quarters at 95% or more; lowest Group Finance at 50% in 2025-Q1"
    )
    names = [c.name for c in service_level_charts(result, {"finance": unit("Group Finance")})]
    assert names == ["sl-agreement-fin.svg", "sl-attainment-by-customer.svg"]


def test_every_satisfaction_chart_has_a_unique_name_alt_and_table() -> None:
    customers = {"finance": unit("Finance"), "ap": unit("AP", parent="finance")}
    sat = satisfaction(
        [survey("2025-Q1", [answer("ap", 4, 9, "erp", "user"), answer("finance", 2)])],
        customers,
        {},
        5,
    )
    charts = satisfaction_charts(sat, customers)
    names = [c.name for c in charts]
    assert names == [
        "csat-organisation.svg",
        "nps-organisation.svg",
        "answers-organisation.svg",
        "csat-by-customer.svg",
        "csat-by-service.svg",
        "csat-by-role.svg",
        "csat-customer-finance.svg",
    ], "a purchaser (ap) has no trend chart of its own"
    assert all(c.alt and c.table.rows for c in charts)


def test_svg_is_deterministic_text_without_a_date() -> None:
    chart = trend_chart("csat.svg", FINANCE, PERIODS, 5)
    assert chart is not None
    first, second = draw_svg(chart.spec), draw_svg(chart.spec)
    assert first == second
    text = first.decode("utf-8")
    assert "<dc:date>" not in text
    assert re.search(r"<text[^>]*>Q1</text>", text), "text stays text"
    assert 'id="brm-chart"' in text


def test_svg_is_identical_in_a_fresh_interpreter() -> None:
    chart = trend_chart("csat.svg", FINANCE, PERIODS, 5)
    assert chart is not None
    spec = chart.spec
    code = (
        "import sys\n"
        "from brm_build.charts.draw import draw_svg\n"
        "from brm_build.charts.model import TrendSpec\n"
        f"sys.stdout.buffer.write(draw_svg({spec!r}))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True)
    assert done.stdout == draw_svg(spec)


def test_key_changes_with_the_data_only() -> None:
    a = trend_chart("a.svg", FINANCE, PERIODS, 5)
    b = trend_chart("b.svg", FINANCE, PERIODS, 5)
    c = trend_chart("a.svg", FINANCE, PERIODS, 6)
    assert a is not None and b is not None and c is not None
    assert a.key == b.key == spec_key(a.spec)  # the file name is not drawn
    assert a.key != c.key


def test_key_follows_every_field_of_a_nested_spec() -> None:
    one = LevelSpec("up", "%", "at_least", 99.0, ("2026-01",), (99.5,), (True,))
    spec = AgreementSpec("a", (one,))
    changed = [
        AgreementSpec("a", (replace(one, actual=(99.4,)),)),
        AgreementSpec("a", (replace(one, met=(False,)),)),
        AgreementSpec("a", (replace(one, target=99),)),  # an int is not the float
        AgreementSpec("a", (one, one)),
        AgreementSpec("b", (one,)),
    ]
    keys = {spec_key(s) for s in [spec, *changed]}
    assert len(keys) == 1 + len(changed)
    assert spec_key(AgreementSpec("a", (replace(one),))) == spec_key(spec)


def test_key_tells_spec_kinds_with_the_same_values_apart() -> None:
    values = ("t", ("2026-Q1",), (80.0,), (70.0,), (90.0,), (5,), 5)
    assert spec_key(TrendSpec(*values)) != spec_key(NpsSpec(*values))


def test_key_refuses_what_a_spec_cannot_hold() -> None:
    with pytest.raises(TypeError, match="cannot hold"):
        spec_key(AgreementSpec("a", (object(),)))  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [float("nan"), float("inf")])
def test_key_refuses_numbers_json_cannot_hold(bad: float) -> None:
    spec = TrendSpec("t", ("2025-Q1",), (bad,), (None,), (None,), (1,), 5)
    with pytest.raises(ValueError):
        spec_key(spec)


def test_long_names_and_dollar_signs_draw_cleanly() -> None:
    # A name as long as a sentence, with two $ signs that matplotlib would read as a formula.
    name = "Costs $1 and $2 " + "very long business unit name " * 4
    long = series("x", name, {"2025-Q3": _answers(3, 5)}, PERIODS, 5)
    chart = comparison_chart("by.svg", "customer", [long, FINANCE], "2025-Q3", 5)
    assert chart is not None and isinstance(chart.spec, ComparisonSpec)
    assert all(len(label) <= LABEL_LIMIT for label in chart.spec.labels)
    assert chart.table.rows[1][0] == name, "the table keeps the whole name"
    trend = trend_chart("t.svg", long, PERIODS, 5)
    assert trend is not None
    for spec in (chart.spec, trend.spec):
        assert b"Costs $1 and $2" in draw_svg(spec)  # warnings are errors in this test run
