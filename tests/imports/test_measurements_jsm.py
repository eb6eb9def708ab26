"""brm import measurements from Jira Service Management's SLAs: completed cycles met per
period of the service level (stop times in the mapping's zone, whatever offset the export
writes), ongoing cycles skipped, other SLAs unmatched; a file that is no such export, a
match field it has not, or a cycle that cannot be read, told clearly, nothing half-written."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from ..casebuilder import run_check
from . import jsm_exports as jsm
from .measurements import REPORT, REPORT_PATH, brm_import, repository

MERGED = """\
agreement: finance-erp-2026
# Results from the monthly service review; February's were agreed by hand.
measurements:
  - period: "2026-01"
    results:
      availability: 99.9  # measured by the old monitoring
    notes: "Quiet month."
  - period: "2026-02"
    results:
      p1-resolution: 50.0
  - period: "2026-03"
    results:
      availability: 99.7
      p1-resolution: 66.67
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = repository(tmp_path / "repo")
    (root / "imports").mkdir()
    (root / "imports/jsm.yaml").write_text(jsm.MAPPING)
    return root


def _run(
    capsys: pytest.CaptureFixture[str], root: Path, data: bytes, *extra: str
) -> tuple[int, str, str]:
    export = root / "jsm-sla.json"
    export.write_bytes(data)
    return brm_import(capsys, root, export, "--map", str(root / "imports/jsm.yaml"), *extra)


def test_completed_cycles_met_become_results_per_month(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(capsys, repo, jsm.export())
    assert (code, err) == (0, "")
    assert "9 row(s) read, 2 value(s) written, 1 skipped, 3 unmatched, 0 not converted" in out
    assert "skipped row 8: ERP-14: an ongoing cycle: only completed cycles count" in out
    assert (repo / REPORT_PATH).read_text() == MERGED
    assert run_check(repo).errors == 0  # the mapping is checked too
    code, out, _ = _run(capsys, repo, jsm.export())
    assert code == 0 and f"{REPORT_PATH} is unchanged" in out


def test_the_mappings_zone_decides_the_month_of_a_stop_time(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """ERP-13 stops at 00:30 on 1 March in Berlin, 23:30 on 28 February in UTC."""
    (repo / "imports/jsm.yaml").write_text(jsm.MAPPING.replace("Europe/Berlin", "UTC"))
    _run(capsys, repo, jsm.export())
    text = (repo / REPORT_PATH).read_text()
    assert '      p1-resolution: 66.67\n  - period: "2026-03"' in text
    assert text.endswith("p1-resolution: 50.0\n")


def test_iso8601_serves_when_epoch_millis_is_missing(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    requests = copy.deepcopy(jsm.REQUESTS)
    for request in requests:
        for sla in request["values"]:  # type: ignore[attr-defined]
            for cycle in sla["completedCycles"]:
                del cycle["stopTime"]["epochMillis"]
    assert _run(capsys, repo, jsm.export(requests))[0] == 0
    assert (repo / REPORT_PATH).read_text() == MERGED


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'{"result": []}', "is not a Jira Service Management SLA export: it is not a JSON list"),
        (b'[{"values": []}]', "item 1 has no issueKey"),
        (b'[{"issueKey": "ERP-1"}]', "item 1 (ERP-1) has no list of values"),
        (b"[{", "it is not JSON (line 1: Expecting property name"),
        (b"report,period\r\n", "it is not JSON"),
    ],
)
def test_a_file_that_is_no_jsm_export_writes_nothing(
    repo: Path, capsys: pytest.CaptureFixture[str], data: bytes, message: str
) -> None:
    code, _, err = _run(capsys, repo, data)
    assert code == 2 and message in err and "nothing was written" in err
    assert (repo / REPORT_PATH).read_text() == REPORT


def test_a_field_a_jsm_sla_has_not_is_a_finding_of_the_mapping(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "imports/jsm.yaml").write_text(jsm.MAPPING.replace("project:", "projekt:"))
    code, _, err = _run(capsys, repo, jsm.export())
    assert code == 2
    assert (
        "imports/jsm.yaml:4:38: error[mapping-column]: a Jira Service Management SLA has no "
        "field 'projekt': did you mean 'project'? (at series[0].match.projekt)"
    ) in err
    assert (repo / REPORT_PATH).read_text() == REPORT


def _broken(key: str, change: str) -> bytes:
    requests = copy.deepcopy(jsm.REQUESTS)
    request = next(r for r in requests if r["issueKey"] == key)
    cycle = request["values"][-1]["completedCycles"][0]  # type: ignore[index]
    if change == "breached":
        cycle["breached"] = "no"
    else:
        cycle["stopTime"] = {"friendly": "Yesterday 10:00 AM"}
    return jsm.export(requests)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_broken("ERP-12", "breached"), "row 4: ERP-12 'Time to resolution': breached 'no' is "
         "neither true nor false; the result of p1-resolution for 2026-02 is not written"),
        (_broken("ERP-12", "stop"), "row 4: ERP-12 'Time to resolution': the cycle has no "
         "stopTime (epochMillis or iso8601); no result of p1-resolution is written"),
    ],
)  # fmt: skip
def test_a_cycle_that_cannot_be_read_withholds_its_result(
    repo: Path, capsys: pytest.CaptureFixture[str], data: bytes, message: str
) -> None:
    code, _, err = _run(capsys, repo, data)
    assert code == 1 and message in err
    text = (repo / REPORT_PATH).read_text()
    assert "p1-resolution: 50.0" not in text
    if "breached" in message:
        assert "p1-resolution: 66.67" in text  # March is whole: it is written
