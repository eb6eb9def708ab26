"""A repository with one agreement to import service-level results into, and helpers
that run ``brm import measurements`` through the CLI as a person would."""

from __future__ import annotations

from pathlib import Path

import pytest

from brm_build.cli import main

from ..casebuilder import TODAY, build

AGREEMENT = """\
title: Core ERP for Group Finance 2026
customer: finance
services:
  - erp
status: active
valid_from: 2026-01-01
valid_until: 2026-12-31
service_levels:
  - id: availability
    metric: Core ERP availability
    target: 99.5
    unit: percent
    direction: at_least
  - id: p1-resolution
    metric: Priority 1 incidents resolved within 4 hours
    target: 95
    unit: percent
    direction: at_least
    period: month
  - id: request-fulfilment
    metric: Standard requests fulfilled within five working days
    target: 90
    unit: percent
    direction: at_least
    period: quarter
"""
REPORT_PATH = "records/reports/finance-erp-2026.yaml"
REPORT = """\
agreement: finance-erp-2026
# Results from the monthly service review; February's were agreed by hand.
measurements:
  - period: "2026-01"
    results:
      availability: 99.9  # measured by the old monitoring
    notes: "Quiet month."
  - period: "2026-03"
    results:
      availability: 99.7
"""


def repository(root: Path, report: str | None = REPORT) -> Path:
    """The base organisation with the agreement and, unless None, its report."""
    files = {"records/agreements/finance-erp-2026.yaml": AGREEMENT}
    if report is not None:
        files[REPORT_PATH] = report
    return build(root, files)


def brm_import(
    capsys: pytest.CaptureFixture[str], root: Path, file: Path, *args: str
) -> tuple[int, str, str]:
    """Run ``brm import measurements FILE ARGS`` on ``root``: exit code, output, errors."""
    argv = ["import", "measurements", str(file), *args, "--root", str(root)]
    code = main([*argv, "--today", TODAY.isoformat()])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def report_csv(*rows: str, header: str = "report,period,notes,service_level,result") -> bytes:
    """brm's reports.measurements.csv as ``brm export`` writes it: a BOM, CRLF line ends."""
    return ("\ufeff" + "\r\n".join([header, *rows]) + "\r\n").encode()
