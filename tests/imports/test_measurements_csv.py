"""brm import measurements --source csv: brm's own export of reports merged into the
reports, byte for byte: what a person wrote stays, conflicts are refused unless
--replace, bad rows are named by row and written nowhere, the real check decides."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from brm_build.cli import main

from ..casebuilder import run_check
from ..conftest import EXAMPLE_TODAY, ROOT
from .measurements import REPORT, REPORT_PATH, brm_import, report_csv, repository

NEW = report_csv(
    "finance-erp-2026,2026-02,,availability,99.85",
    "finance-erp-2026,2026-02,,p1-resolution,100",
    "finance-erp-2026,2026-01,,p1-resolution,96.5",
    "finance-erp-2026,2026-Q1,,request-fulfilment,93.2",
)
MERGED = """\
agreement: finance-erp-2026
# Results from the monthly service review; February's were agreed by hand.
measurements:
  - period: "2026-01"
    results:
      availability: 99.9  # measured by the old monitoring
      p1-resolution: 96.5
    notes: "Quiet month."
  - period: "2026-Q1"
    results:
      request-fulfilment: 93.2
  - period: "2026-02"
    results:
      availability: 99.85
      p1-resolution: 100.0
  - period: "2026-03"
    results:
      availability: 99.7
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return repository(tmp_path / "repo")


def _write(root: Path, data: bytes, name: str = "reports.measurements.csv") -> Path:
    path = root / name
    path.write_bytes(data)
    return path


def test_results_merge_into_the_report_keeping_what_a_person_wrote(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = brm_import(capsys, repo, _write(repo, NEW), "--source", "csv")
    assert (code, err) == (0, "")
    assert "4 row(s) read, 4 value(s) written, 0 skipped, 0 unmatched, 0 not converted" in out
    assert f"wrote {REPORT_PATH} (4 added, 0 replaced, 0 unchanged)" in out
    assert (repo / REPORT_PATH).read_text() == MERGED  # comments, order and quotes kept
    assert run_check(repo).errors == 0


def test_importing_twice_is_byte_identical(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    export = _write(repo, NEW)
    brm_import(capsys, repo, export, "--source", "csv")
    first = (repo / REPORT_PATH).read_bytes()
    code, out, _ = brm_import(capsys, repo, export, "--source", "csv")
    assert code == 0 and f"{REPORT_PATH} is unchanged: nothing new to import" in out
    assert (repo / REPORT_PATH).read_bytes() == first


def test_a_new_report_is_written_whole(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = repository(tmp_path / "repo", report=None)
    assert brm_import(capsys, repo, _write(repo, NEW), "--source", "csv")[0] == 0
    assert (repo / REPORT_PATH).read_text() == (
        'agreement: finance-erp-2026\nmeasurements:\n  - period: "2026-01"\n    results:\n'
        '      p1-resolution: 96.5\n  - period: "2026-Q1"\n    results:\n'
        '      request-fulfilment: 93.2\n  - period: "2026-02"\n    results:\n'
        "      availability: 99.85\n      p1-resolution: 100.0\n"
    )


def test_a_report_in_another_layout_keeps_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Items not indented, flow mappings, single quotes, CRLF: all stay as written."""
    text = (
        "agreement: finance-erp-2026\r\nmeasurements:\r\n"
        "- period: '2026-01'   # first month\r\n  results: {availability: 99.9}\r\n"
    )
    repo = repository(tmp_path / "repo", report=text)
    csv = report_csv("finance-erp-2026,2026-02,,availability,99.8",
                     "finance-erp-2026,2026-01,,p1-resolution,97")  # fmt: skip
    assert brm_import(capsys, repo, _write(repo, csv), "--source", "csv")[0] == 0
    assert (repo / REPORT_PATH).read_bytes() == (
        b"agreement: finance-erp-2026\r\nmeasurements:\r\n- period: '2026-01'   # first month\r\n"
        b"  results: {availability: 99.9, p1-resolution: 97.0}\r\n- period: '2026-02'\r\n"
        b"  results:\r\n    availability: 99.8\r\n"
    )


def test_a_conflicting_value_is_refused_unless_replace(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = _write(repo, report_csv(
        "finance-erp-2026,2026-03,,availability,99.2",
        "finance-erp-2026,2026-01,Busy month.,availability,99.9",
    ))  # fmt: skip
    code, _, err = brm_import(capsys, repo, export, "--source", "csv")
    assert code == 1
    assert (
        f"{REPORT_PATH}: 2026-03 availability: the report holds 99.7, {export} says 99.2 "
        "(row 2): left as it is; import with --replace to take the file's"
    ) in err
    assert f"{REPORT_PATH}: 2026-01 notes: the report holds Quiet month." in err
    assert (repo / REPORT_PATH).read_text() == REPORT
    code, out, err = brm_import(capsys, repo, export, "--source", "csv", "--replace")
    assert (code, err) == (0, "")
    assert "(0 added, 2 replaced, 1 unchanged)" in out
    text = (repo / REPORT_PATH).read_text()
    assert "availability: 99.2\n" in text and 'notes: "Busy month."' in text
    assert "# measured by the old monitoring" in text


def test_rows_that_cannot_be_converted_are_named_and_the_rest_written(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = _write(repo, report_csv(
        "finance-erp-2026,2026-02,,availability,NaN",
        "finance-erp-2026,2026-02,,p1-resolution,high",
        "finance-erp-2026,2025-12,,availability,99.1",
        "finance-erp-2026,2026-02,,latency,2",
        "finance-erp-2030,2026-02,,availability,99",
        "finance-erp-2026,2026-Q2,,availability,99",
        "finance-erp-2026,2026-04,,availability,99.95",
    ))  # fmt: skip
    code, out, err = brm_import(capsys, repo, export, "--source", "csv")
    assert code == 1
    assert err.splitlines() == [
        f"{export}: row 2: result 'NaN' is not a finite number",
        f"{export}: row 3: result 'high' is not a number",
        f"{export}: row 4: period 2025-12 is outside the agreement finance-erp-2026 (valid "
        "2026-01-01 to 2026-12-31): it belongs to another agreement's report",
        f"{export}: row 5: the agreement has no service level 'latency' (it has: "
        "availability, p1-resolution, request-fulfilment)",
        f"{export}: row 6: 'finance-erp-2030' names no agreement",
        f"{export}: row 7: the service level availability is measured per month: period "
        "2026-Q2 is a quarter",
    ]
    assert "7 row(s) read, 1 value(s) written, 0 skipped, 0 unmatched, 6 not converted" in out
    assert (
        (repo / REPORT_PATH)
        .read_text()
        .endswith('"2026-04"\n    results:\n      availability: 99.95\n')
    )


def test_what_the_check_refuses_is_written_nowhere(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A period that has not begun (today is 2026-06-15) fails the real check."""
    export = _write(repo, report_csv(
        "finance-erp-2026,2026-09,,availability,99.9",
        "finance-erp-2026,2026-02,,availability,99.8",
    ))  # fmt: skip
    code, _, err = brm_import(capsys, repo, export, "--source", "csv")
    assert code == 1
    assert (
        f"{export}: row 2: not written: measurements[3].period: period 2026-09 has not begun" in err
    )
    text = (repo / REPORT_PATH).read_text()
    assert "2026-09" not in text and "availability: 99.8\n" in text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"id,name\r\nfinance,Group Finance\r\n", "is not a brm CSV of measurements"),
        (
            report_csv("finance-erp-2026,2026-02,,availability,99,1",
                       header="report,period,notes,service_level,result,result"),
            "the column 'result' appears 2 times (columns E, F)",
        ),
        (b"\xff\xfereport", "is not UTF-8 (byte 1)"),
    ],
)  # fmt: skip
def test_a_file_that_is_no_export_writes_nothing(
    repo: Path, capsys: pytest.CaptureFixture[str], data: bytes, message: str
) -> None:
    code, _, err = brm_import(capsys, repo, _write(repo, data), "--source", "csv")
    assert code == 2 and message in err and "nothing was written" in err
    assert (repo / REPORT_PATH).read_text() == REPORT


def test_dry_run_shows_the_diff_and_writes_nothing(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = brm_import(capsys, repo, _write(repo, NEW), "--source", "csv", "--dry-run")
    assert code == 0
    assert f"+++ b/{REPORT_PATH}" in out and '+  - period: "2026-02"' in out
    assert f"would write {REPORT_PATH} (4 added" in out
    assert (repo / REPORT_PATH).read_text() == REPORT


def test_the_example_exported_and_imported_again_is_unchanged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Into the reports as they are, and into none: the same bytes either way."""
    root = tmp_path / "example"
    for part in ("records", "imports"):
        shutil.copytree(ROOT / part, root / part)
    shutil.copy(ROOT / "brm.yaml", root / "brm.yaml")
    common = ["--root", str(root), "--today", EXAMPLE_TODAY.isoformat()]
    assert main(["export", "--format", "csv", "--out", str(tmp_path / "out"), *common]) == 0
    export = str(tmp_path / "out" / "reports.measurements.csv")
    reports = {p.name: p.read_bytes() for p in (root / "records/reports").iterdir()}
    assert main(["import", "measurements", export, "--source", "csv", *common]) == 0
    assert "0 value(s) to write" in capsys.readouterr().out
    for path in (root / "records/reports").iterdir():
        path.unlink()
    assert main(["import", "measurements", export, "--source", "csv", *common]) == 0
    capsys.readouterr()
    assert {p.name: p.read_bytes() for p in (root / "records/reports").iterdir()} == reports
