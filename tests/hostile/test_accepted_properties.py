"""Whatever the check accepts, stats and the site's pages are made of: records generated
at the edges of what the check allows (numbers at their bound, dates and periods at the
ends of their range, the deepest structure, text of any character) that pass the check
are analysed and rendered without an error, the charts included."""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from brm_build.analytics.export import render_stats_json
from brm_build.analytics.stats import compute_stats
from brm_build.analytics.terminal import render_stats_text
from brm_build.check import check
from brm_build.checks.hierarchy import MAX_DEPTH
from brm_build.model.common import MAX_COUNT, MAX_NUMBER
from brm_build.model.settings import Settings
from brm_build.site.build import site_data
from brm_build.site.context import environment
from brm_build.site.pages import generate

from ..casebuilder import build

TODAY = dt.date(2026, 6, 15)
EDGE_NUMBERS = st.sampled_from([MAX_NUMBER, -MAX_NUMBER, 0.0, 5e-324, -1e-300, 99.5, 100.0])
NUMBERS = st.one_of(EDGE_NUMBERS, st.floats(-MAX_NUMBER, MAX_NUMBER, allow_nan=False))
DATES = st.sampled_from(
    [dt.date(1, 1, 1), dt.date(1900, 1, 1), dt.date(2025, 12, 31), TODAY, dt.date(9999, 12, 31)]
)
PERIODS = st.sampled_from(
    ["1900-01", "1900-Q1", "1900-12", "1950-Q4", "2025-12", "2026-Q1", "2026-05", "2026-06"]
)
TEXT = st.text(min_size=1, max_size=20).filter(lambda t: t.strip() != "")


def _q(value: object) -> str:
    """A value as YAML: a double-quoted scalar for text, where a character beyond the
    Basic Multilingual Plane is one \\U escape (YAML has no surrogate pairs, which JSON
    writes for it), and JSON for a number."""
    if isinstance(value, dt.date):
        value = value.isoformat()
    if not isinstance(value, str):
        return json.dumps(value)
    return '"' + "".join(_escaped(char) for char in value) + '"'


def _escaped(char: str) -> str:
    if " " <= char <= "~" and char not in '"\\':
        return char
    return f"\\u{ord(char):04x}" if ord(char) < 0x10000 else f"\\U{ord(char):08x}"


def _person(name: str) -> str:
    return f"{{name: {_q(name)}, email: ola@meridian.example}}"


@st.composite
def _agreement(draw: st.DrawFn) -> dict[str, str]:
    """An agreement with two service levels and a report of distinct periods."""
    start = draw(DATES)
    end = draw(st.one_of(st.none(), DATES.filter(lambda d: d >= start)))
    levels = "".join(
        f"  - {{id: {sid}, metric: {_q(draw(TEXT))}, target: {_q(draw(NUMBERS))}, "
        f"unit: orders, direction: {draw(st.sampled_from(['at_least', 'at_most']))}, "
        f"period: {grain}}}\n"
        for sid, grain in (("monthly", "month"), ("quarterly", "quarter"))
    )
    agreement = (
        f"title: {_q(draw(TEXT))}\ncustomer: finance\nservices: [erp]\n"
        f"status: {draw(st.sampled_from(['active', 'draft', 'expired']))}\n"
        f"valid_from: {_q(start)}\n" + (f"valid_until: {_q(end)}\n" if end else "")
    )
    periods = draw(st.lists(PERIODS, unique=True, max_size=4))
    measurements = "".join(
        f"  - {{period: {_q(p)}, results: {{{'quarterly' if 'Q' in p else 'monthly'}: "
        f"{_q(draw(NUMBERS))}}}}}\n"
        for p in periods
    )
    files = {"records/agreements/finance-erp.yaml": agreement + "service_levels:\n" + levels}
    if periods:
        report = "agreement: finance-erp\nmeasurements:\n" + measurements
        files["records/reports/finance-erp.yaml"] = report
    return files


@st.composite
def _organisation(draw: st.DrawFn) -> dict[str, str]:
    """Files laid over the base records: a chain of purchasers, an agreement and its
    report, a survey and a meeting, each at an edge."""
    depth = draw(st.sampled_from([0, 1, MAX_DEPTH]))
    files = {
        f"records/customers/unit-{i}.yaml": (
            f"name: {_q(draw(TEXT))}\nrole: purchaser\n"
            f"parent: {f'unit-{i - 1}' if i else 'finance'}\nmanager: {_person(draw(TEXT))}\n"
        )
        for i in range(depth)
    }
    files.update(draw(_agreement()))
    answers = draw(st.lists(st.tuples(st.integers(1, 5), st.integers(0, 10)), max_size=3))
    responses = "".join(f"  - {{customer: finance, csat: {c}, nps: {n}}}\n" for c, n in answers)
    invited = draw(st.sampled_from([1, 3, MAX_COUNT]))
    survey = (
        f"title: {_q(draw(TEXT))}\nperiod: {_q(draw(PERIODS))}\n"
        f"invited: {{finance: {invited}}}\nresponses:\n" + responses
    )
    files["records/surveys/pulse.yaml"] = survey if answers else survey + "  []\n"
    met = draw(DATES.filter(lambda d: d <= TODAY))
    files[f"records/meetings/{met:%Y}/{met.isoformat()}-edge.md"] = (
        f"---\ntitle: {_q(draw(TEXT))}\ndate: {met.isoformat()}\ncustomers: [finance]\n"
        f"type: relationship-review\n---\n{draw(st.text(max_size=40))}\n"
    )
    return files


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow],
)
@given(_organisation())
def test_what_the_check_accepts_is_analysed_and_rendered(files: dict[str, str]) -> None:
    cores = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {min(cores)})  # charts drawn here: no pool started per example
    try:
        _analysed_and_rendered(files)
    finally:
        os.sched_setaffinity(0, cores)


def _analysed_and_rendered(files: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = build(Path(folder) / "repo", files)
        settings_ = Settings(str(root), TODAY)
        result = check(settings_)
        assume(result.errors == 0)
        stats = compute_stats(result.repository, settings_)
        assert render_stats_text(stats) and render_stats_json(stats)
        pages = generate(site_data(settings_, result), environment())
        assert "index.md" in pages and "agreements/finance-erp.md" in pages
