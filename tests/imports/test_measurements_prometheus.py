"""brm import measurements from a Prometheus query_range answer: the sample at or last
before each period's end (midnight in the mapping's zone, summer time included) times
``scale``; a period the samples do not reach the end of gets no result yet; an answer that
is none, a sample that is no number, or a series matched twice, told clearly."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..casebuilder import run_check
from . import prometheus_exports as prom
from .measurements import REPORT, REPORT_PATH, brm_import, repository

CREATED = """\
agreement: finance-erp-2026
measurements:
  - period: "2026-01"
    results:
      availability: 99.87
  - period: "2026-02"
    results:
      availability: 99.95
  - period: "2026-03"
    results:
      availability: 99.91
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = repository(tmp_path / "repo", report=None)
    (root / "imports").mkdir()
    (root / "imports/prometheus.yaml").write_text(prom.MAPPING)
    return root


def _run(
    capsys: pytest.CaptureFixture[str], root: Path, data: bytes, *extra: str
) -> tuple[int, str, str]:
    export = root / "query_range.json"
    export.write_bytes(data)
    return brm_import(capsys, root, export, "--map", str(root / "imports/prometheus.yaml"), *extra)


def test_the_sample_at_each_months_end_is_its_result(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(capsys, repo, prom.answer())
    assert (code, err) == (0, "")
    assert "2 row(s) read, 3 value(s) written, 1 skipped, 1 unmatched, 0 not converted" in out
    assert "skipped row 1: 2026-04 has not ended by the last sample" in out
    assert (repo / REPORT_PATH).read_text() == CREATED
    assert run_check(repo).errors == 0  # the mapping is checked too
    code, out, _ = _run(capsys, repo, prom.answer())
    assert code == 0 and f"{REPORT_PATH} is unchanged" in out


def test_the_zone_decides_which_sample_ends_a_month(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """In UTC, March ends at midnight UTC: the sample at 23:00 on 31 March is its last."""
    (repo / "imports/prometheus.yaml").write_text(prom.MAPPING.replace("Europe/Berlin", "UTC"))
    _run(capsys, repo, prom.answer())
    assert "availability: 50.0\n" in (repo / REPORT_PATH).read_text()


def test_a_result_the_report_holds_otherwise_is_a_conflict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = repository(tmp_path / "held")
    (root / "imports").mkdir()
    (root / "imports/prometheus.yaml").write_text(prom.MAPPING)
    code, _, _ = _run(capsys, root, prom.answer())
    assert code == 1  # January and March hold other values, written by hand
    text = (root / REPORT_PATH).read_text()
    assert "availability: 99.9  # measured by the old monitoring" in text
    assert "availability: 99.95" in text  # February was free


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'{"status": "error", "errorType": "bad_data", "error": "parse error", "data": {}}',
         "its status is 'error': parse error"),
        (b'{"status": "success", "data": {"resultType": "vector", "result": []}}',
         "its resultType is 'vector', not matrix"),
        (b'[{"issueKey": "ERP-1", "values": []}]', 'it holds no {"data": {...}}'),
        (b'{"status": "success", "data": {"resultType": "matrix", "result": [{"values": []}]}}',
         "series 1 has no metric"),
        (b"{", "it is not JSON"),
    ],
)  # fmt: skip
def test_an_answer_that_is_no_query_range_writes_nothing(
    repo: Path, capsys: pytest.CaptureFixture[str], data: bytes, message: str
) -> None:
    code, _, err = _run(capsys, repo, data)
    assert code == 2 and "is not a Prometheus query_range answer" in err and message in err
    assert not (repo / REPORT_PATH).exists()


def test_a_sample_that_is_no_number_withholds_its_period_only(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ends = {**prom.ENDS, prom.START.replace(month=2, day=28, hour=23): "NaN"}
    series: dict[str, object] = {"metric": {"job": "erp"}, "values": prom.samples(ends)}
    code, _, err = _run(capsys, repo, prom.answer(series))
    assert code == 1
    assert (
        "row 1: the sample at 2026-02-28 23:00:00 UTC is 'NaN', not a number; the result of " in err
    )
    assert "availability for 2026-02 is not written" in err
    text = (repo / REPORT_PATH).read_text()
    assert "99.87" in text and "99.91" in text and "2026-02" not in text


def test_a_mapping_series_matched_by_two_series_is_a_problem(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first: dict[str, object] = {
        "metric": {"job": "erp", "instance": "erp-prod-1:9115"},
        "values": prom.samples(),
    }
    second: dict[str, object] = {
        "metric": {"job": "erp", "instance": "erp-prod-2:9115"},
        "values": prom.samples(),
    }
    code, _, err = _run(capsys, repo, prom.answer(first, second))
    assert code == 1
    assert "row 2: series 1 of the mapping matches row 1 as well: make its match pick one" in err


def test_scale_must_be_a_positive_number(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "imports/prometheus.yaml").write_text(prom.MAPPING.replace("scale: 100", "scale: 0"))
    code, _, err = _run(capsys, repo, prom.answer())
    assert code == 2 and "imports/prometheus.yaml:3:" in err and "scale" in err
    assert REPORT not in err


def test_a_field_of_another_source_is_a_finding(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = prom.MAPPING.replace("scale: 100", 'scale: 100\ntime_format: "%d/%m/%Y %H:%M"')
    (repo / "imports/prometheus.yaml").write_text(text)
    code, _, err = _run(capsys, repo, prom.answer())
    assert code == 2
    assert (
        "imports/prometheus.yaml:4:14: error[schema-value]: time_format is read only for source "
        "servicenow-task-sla: remove it (at time_format)"
    ) in err
    jsm = prom.MAPPING.replace("source: prometheus", "source: jsm-sla")
    (repo / "imports/prometheus.yaml").write_text(jsm)
    code, _, err = _run(capsys, repo, prom.answer())
    assert code == 2 and "scale is read only for source prometheus: remove it" in err
