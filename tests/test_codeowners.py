"""CODEOWNERS from the customers' owners: who owns what, in a stable order, and the
check that notices when the committed file is out of date."""

from __future__ import annotations

from pathlib import Path

import pytest

from brm_build.check import check
from brm_build.cli import main
from brm_build.codeowners import HEADER, render_codeowners
from brm_build.repository import load_repository

from .conftest import settings_for

PERSON = "{name: Lena Vogt, email: lena@example.org}"
FILES = {
    "brm.yaml": 'codeowners:\n  default: "@org/brm-team"\n',
    "records/services/erp.yaml": f"name: ERP\nowner: {PERSON}\nstatus: live\n",
    "records/customers/finance.yaml": f"name: Finance\nrole: customer\nmanager: {PERSON}\n"
    f'relationship_manager: {PERSON}\nowners: ["@zoe", "@anna"]\n',
    "records/customers/controlling.yaml": f"name: Controlling\nrole: purchaser\n"
    f'parent: finance\nmanager: {PERSON}\nowners: ["@carl", "@anna"]\n',
    "records/customers/reporting.yaml": f"name: Reporting\nrole: purchaser\n"
    f"parent: controlling\nmanager: {PERSON}\n",
    "records/customers/sales.yaml": f"name: Sales\nrole: customer\nmanager: {PERSON}\n"
    f'relationship_manager: {PERSON}\nowners: ["@Bea"]\n',
    "records/customers/retail.yaml": f"name: Retail\nrole: customer\nmanager: {PERSON}\n"
    f"relationship_manager: {PERSON}\n",
    "records/agreements/finance-erp.yaml": "title: ERP\ncustomer: finance\nservices: [erp]\n"
    "status: active\nvalid_from: 2026-01-01\n"
    "service_levels: [{id: up, metric: Up, target: 99, unit: percent, direction: at_least}]\n",
    "records/agreements/retail-erp.yaml": "title: ERP\ncustomer: retail\nservices: [erp]\n"
    "status: active\nvalid_from: 2026-01-01\n",
    "records/reports/finance-erp.yaml": "agreement: finance-erp\n"
    'measurements: [{period: "2026-01", results: {up: 99.5}}]\n',
    "records/meetings/2026/2026-05-20-plan.md": "---\ntitle: Plan\ndate: 2026-05-20\n"
    "customers: [reporting, sales, retail]\ntype: planning\n---\nNotes.\n",
    "records/feedback/2026/2026-05-21-slow.yaml": "type: complaint\ndate: 2026-05-21\n"
    "customer: reporting\nsummary: Slow.\nstatus: open\n",
}
EXPECTED = (
    HEADER
    + """* @org/brm-team

# Customers and purchasers
/records/customers/controlling.yaml @org/brm-team @anna @carl @zoe
/records/customers/finance.yaml @org/brm-team @anna @zoe
/records/customers/reporting.yaml @org/brm-team @anna @carl @zoe
/records/customers/sales.yaml @org/brm-team @Bea

# Agreements
/records/agreements/finance-erp.yaml @org/brm-team @anna @zoe

# Service-level reports
/records/reports/finance-erp.yaml @org/brm-team @anna @zoe

# Meetings
/records/meetings/2026/2026-05-20-plan.md @org/brm-team @anna @Bea @carl @zoe

# Feedback
/records/feedback/2026/2026-05-21-slow.yaml @org/brm-team @anna @carl @zoe
"""
)


def write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return write(tmp_path, FILES)


def brm(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_owners_of_every_record_that_concerns_a_customer(root: Path) -> None:
    settings = settings_for(root)
    repository, findings = load_repository(settings)
    assert not findings
    assert render_codeowners(repository, "@org/brm-team") == EXPECTED


def test_the_default_comes_first_because_the_last_match_wins(root: Path) -> None:
    repository, _ = load_repository(settings_for(root))
    lines = [line for line in EXPECTED.splitlines() if line and not line.startswith("#")]
    assert lines[0] == "* @org/brm-team"
    assert all(line.startswith("/records/") for line in lines[1:])
    assert "retail" not in EXPECTED.split("# Meetings")[0], "a unit without owners has no line"
    text = render_codeowners(repository, None)
    assert "\n* " not in text
    assert "/records/customers/sales.yaml @Bea\n" in text


def test_the_order_does_not_depend_on_the_order_of_reading(root: Path) -> None:
    repository, _ = load_repository(settings_for(root))
    repository.customers = dict(reversed(repository.customers.items()))
    repository.meetings = dict(reversed(repository.meetings.items()))
    assert render_codeowners(repository, "@org/brm-team") == EXPECTED


def test_write_then_check(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert brm(capsys, "codeowners", "--root", str(root), "--check")[0] == 1
    assert brm(capsys, "codeowners", "--root", str(root)) == (0, "wrote CODEOWNERS\n", "")
    assert (root / "CODEOWNERS").read_text(encoding="utf-8") == EXPECTED
    assert brm(capsys, "codeowners", "--root", str(root), "--check") == (0, "", "")
    finance = root / "records/customers/finance.yaml"
    finance.write_text(finance.read_text().replace('"@zoe", ', ""))
    code, _, err = brm(capsys, "codeowners", "--root", str(root), "--check")
    assert code == 1
    assert "CODEOWNERS differs from the owners in the records: run 'brm codeowners'" in err


def test_an_existing_file_is_updated_where_it_is(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (root / ".github").mkdir()
    (root / ".github" / "CODEOWNERS").write_text("* @someone\n")
    assert brm(capsys, "codeowners", "--root", str(root))[1] == "wrote .github/CODEOWNERS\n"
    assert not (root / "CODEOWNERS").exists()
    assert (root / ".github" / "CODEOWNERS").read_text() == EXPECTED


def test_check_warns_when_the_committed_file_is_outdated(root: Path) -> None:
    settings = settings_for(root)
    assert [f.code for f in check(settings).findings if f.code.startswith("codeowners")] == []
    stale = EXPECTED.replace(" @carl", "")
    (root / "CODEOWNERS").write_text(stale)
    findings = [f for f in check(settings).findings if f.code == "codeowners-outdated"]
    assert [(f.severity, f.path, f.line, f.column) for f in findings] == [
        ("warning", "CODEOWNERS", 8, 1)
    ]
    assert "run 'brm codeowners' and commit the file" in findings[0].message
    (root / "CODEOWNERS").write_text(EXPECTED)
    assert not [f for f in check(settings).findings if f.code == "codeowners-outdated"]


def test_records_with_errors_stop_codeowners(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (root / "CODEOWNERS").write_text(EXPECTED)
    (root / "records/customers/sales.yaml").write_text("name: Sales\n")
    codes = [f.code for f in check(settings_for(root)).findings]
    assert "schema-required" in codes and "codeowners-outdated" not in codes
    code, _, err = brm(capsys, "codeowners", "--root", str(root))
    assert code == 1 and "run 'brm check'" in err
    assert (root / "CODEOWNERS").read_text() == EXPECTED


def test_the_example_organisation_is_owned(capsys: pytest.CaptureFixture[str]) -> None:
    from .conftest import ROOT

    repository, _ = load_repository(settings_for(ROOT))
    text = render_codeowners(repository, "@meridian/brm-team")
    assert text.count("/records/customers/") == len(repository.customers)
    steering = [line for line in text.splitlines() if "it-steering-committee" in line]
    assert steering and all(len(line.split()) >= 6 for line in steering)
