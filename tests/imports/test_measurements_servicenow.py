"""brm import measurements from ServiceNow's task_sla: every way the table is exported
gives the same results (completed task SLAs met per period of the service level, stop
times in the instance's zone), and a file that is not such an export, a mapping that
names a column the file lacks, or a row that cannot be converted, is told clearly with
nothing half-written."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from ..casebuilder import run_check
from ..conftest import ROOT
from . import servicenow_exports as sn
from .measurements import REPORT, REPORT_PATH, brm_import, report_csv, repository

MERGED = """\
agreement: finance-erp-2026
# Results from the monthly service review; February's were agreed by hand.
measurements:
  - period: "2026-01"
    results:
      availability: 99.9  # measured by the old monitoring
    notes: "Quiet month."
  - period: "2026-Q1"
    results:
      request-fulfilment: 66.67
  - period: "2026-02"
    results:
      p1-resolution: 50.0
  - period: "2026-03"
    results:
      availability: 99.7
      p1-resolution: 100.0
"""
EXPORTS = {
    "csv-names": (sn.csv_names, {}),
    "csv-labels": (sn.csv_labels, {"time_format": "%d/%m/%Y %H:%M:%S"}),
    "api-false": (lambda: sn.table_api("false"), {"by_sys_id": True}),
    "api-true": (lambda: sn.table_api("true"), {}),
    "api-all": (lambda: sn.table_api("all"), {}),
}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = repository(tmp_path / "repo")
    (root / "imports").mkdir()
    (root / "imports/servicenow.yaml").write_text(sn.mapping())
    return root


def _run(
    capsys: pytest.CaptureFixture[str], root: Path, data: bytes, *extra: str
) -> tuple[int, str, str]:
    export = root / "task_sla.csv"
    export.write_bytes(data)
    return brm_import(capsys, root, export, "--map", str(root / "imports/servicenow.yaml"), *extra)


@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_every_export_of_task_sla_gives_the_same_results(
    repo: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    export, options = EXPORTS[name]
    (repo / "imports/servicenow.yaml").write_text(sn.mapping(**options))  # type: ignore[arg-type]
    code, out, err = _run(capsys, repo, export())
    assert (code, err) == (0, "")
    assert "9 row(s) read, 3 value(s) written, 2 skipped, 1 unmatched, 0 not converted" in out
    row = 5 if name.startswith("csv") else 4  # a record of the API answer counts from 1
    stage = "in_progress" if name == "api-false" else "In progress"  # a value, not its label
    assert f"skipped row {row}: stage is '{stage}': only completed task SLAs count" in out
    assert (repo / REPORT_PATH).read_text() == MERGED
    assert run_check(repo).errors == 0  # the mapping is checked too
    code, out, _ = _run(capsys, repo, export())
    assert code == 0 and f"{REPORT_PATH} is unchanged" in out


def test_a_stop_time_after_midnight_in_the_zone_is_of_the_next_month(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """In UTC the third P1 ends on 28 February; in the mapping's zone it is March."""
    (repo / "imports/servicenow.yaml").write_text(sn.mapping().replace("Europe/Berlin", "UTC"))
    _run(capsys, repo, sn.table_api("all"))
    text = (repo / REPORT_PATH).read_text()
    assert "p1-resolution: 66.67" in text and "p1-resolution: 100.0" not in text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (report_csv("finance-erp-2026,2026-02,,availability,99"),
         "is not a ServiceNow task_sla export: it has no column stage"),
        (b'[{"issueKey": "HR-1", "values": []}]',
         'is not a ServiceNow Table API answer: it holds no {"result": [...]}'),
        (b'{"result": [', "is not JSON"),
        (sn.csv_names().replace(b'"has_breached"', b'"stage"'),
         "the column of stage appears more than once ('stage', 'stage')"),
    ],
)  # fmt: skip
def test_a_file_that_is_no_task_sla_export_writes_nothing(
    repo: Path, capsys: pytest.CaptureFixture[str], data: bytes, message: str
) -> None:
    code, _, err = _run(capsys, repo, data)
    assert code == 2 and message in err and "nothing was written" in err
    assert (repo / REPORT_PATH).read_text() == REPORT


def test_a_mapped_column_the_file_lacks_is_a_finding_of_the_mapping(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "imports/servicenow.yaml").write_text(sn.mapping().replace("company:", "compnay:"))
    code, _, err = _run(capsys, repo, sn.csv_names())
    assert code == 2
    assert (
        "imports/servicenow.yaml:5:45: error[mapping-column]: the file has no column 'compnay': "
        "did you mean 'task.company'? (at series[0].match.compnay)"
    ) in err
    assert (repo / REPORT_PATH).read_text() == REPORT


def test_a_renamed_column_the_file_lacks_is_a_finding_of_the_mapping(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = sn.mapping().replace("series:", "columns: {end_time: Closed at}\nseries:")
    (repo / "imports/servicenow.yaml").write_text(text)
    code, _, err = _run(capsys, repo, sn.csv_names())
    assert code == 2
    assert (
        "imports/servicenow.yaml:4:21: error[mapping-column]: the file has no column "
        "'Closed at': correct the column name (at columns.end_time)"
    ) in err


def _edit(row: int, column: int, value: str) -> bytes:
    rows = [list(r) for r in sn.TASK_SLAS]
    rows[row - 2][column] = value
    return sn._quoted_csv([sn.NAMES, *rows])


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_edit(3, 5, "NaN"), "row 3: business_percentage 'NaN' is not a finite number; "
         "the result of p1-resolution for 2026-02 is not written"),
        (_edit(3, 4, "maybe"), "row 3: has_breached 'maybe' is neither true nor false; "
         "the result of p1-resolution for 2026-02 is not written"),
        (_edit(3, 7, "10.02.2026 13:01"), "row 3: end_time '10.02.2026 13:01' is not a date "
         "and time as YYYY-MM-DD HH:MM:SS; no result of p1-resolution is written"),
        (_edit(3, 7, "2025-12-20 10:00:00"), "row 3: period 2025-12 is outside the agreement "
         "finance-erp-2026 (valid 2026-01-01 to 2026-12-31): it belongs to another "
         "agreement's report"),
    ],
)  # fmt: skip
def test_a_row_that_cannot_be_converted_withholds_its_result(
    repo: Path, capsys: pytest.CaptureFixture[str], data: bytes, message: str
) -> None:
    code, _, err = _run(capsys, repo, data)
    assert code == 1 and message in err
    text = (repo / REPORT_PATH).read_text()
    assert "request-fulfilment: 66.67" in text  # the other series is written
    assert "p1-resolution: 50.0" not in text


def test_brm_check_names_a_series_of_an_unknown_agreement(repo: Path) -> None:
    (repo / "imports/servicenow.yaml").write_text(
        sn.mapping().replace("erp-2026\n", "erp-2062\n", 1)
    )
    found = [(f.code, f.line, f.field) for f in run_check(repo).findings]
    assert ("ref-unknown", 6, "series[0].agreement") in found


def test_the_editors_schema_tells_the_mappings_apart() -> None:
    """imports/*.yaml has one schema for editors: a service-level mapping is checked as
    one, a survey mapping as one, and a typo in either is marked."""
    schema = json.loads((ROOT / "schemas/import-mapping.schema.json").read_text(encoding="utf-8"))
    check = jsonschema.Draft202012Validator(schema)
    for name in ("servicenow-task-sla-rnd", "csat-2026-q3-gforms"):
        data = yaml.safe_load((ROOT / f"imports/{name}.yaml").read_text(encoding="utf-8"))
        assert check.is_valid(json.loads(json.dumps(data, default=str))), name  # dates as text
    mapping = yaml.safe_load(sn.mapping())
    assert check.is_valid(mapping)
    mapping["series"][0]["sevrice_level"] = mapping["series"][0].pop("service_level")
    assert not check.is_valid(mapping)
    assert not check.is_valid({"source": "servicenow-task-sla", "survey": "x", "period": "2026"})
