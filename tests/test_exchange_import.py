"""``brm import customers|services``: spreadsheets as Excel saves them (a byte-order mark,
';' between cells, CRLF line ends) become records, and every problem of a row is named."""

from __future__ import annotations

from pathlib import Path

import pytest

from brm_build.cli import main

SERVICE = "name: ERP\nowner: {name: Eva, email: eva@example.org}\nstatus: live\n"


def brm(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def excel(path: Path, rows: list[list[str]], encoding: str = "utf-8-sig") -> Path:
    """A CSV file as Excel writes it in a European locale: ';' between cells, CRLF, and
    (as 'CSV UTF-8') a byte-order mark."""
    path.write_bytes("".join(";".join(row) + "\r\n" for row in rows).encode(encoding))
    return path


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "records/services").mkdir(parents=True)
    (tmp_path / "records/services/erp.yaml").write_text(SERVICE, encoding="utf-8")
    (tmp_path / "records/services/payroll.yaml").write_text(SERVICE, encoding="utf-8")
    return tmp_path


HEADER = ["id", "name", "role", "manager.name", "manager.email", "services"]
HEADER += ["relationship_manager.name", "relationship_manager.email"]
FINANCE = ["finance", "Finance", "customer", "Martin", "martin@example.org", "erp"]
FINANCE += ["Anna", "anna@example.org"]


def test_headers_match_whatever_their_case_and_spaces(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    header = [" ID", "Name ", "ROLE", "Manager.Name", " manager.EMAIL ", "Services"]
    header += ["Relationship_Manager.Name", "relationship_manager.email"]
    sheet = excel(root / "units.csv", [header, FINANCE])
    code, out, err = brm(capsys, "import", "customers", str(sheet), "--root", str(root))
    assert (code, out, err) == (0, "wrote records/customers/finance.yaml\n", "")
    text = (root / "records/customers/finance.yaml").read_text(encoding="utf-8")
    assert "manager:\n  name: Martin\n  email: martin@example.org\n" in text


def test_an_unknown_header_is_named_with_the_nearest_column(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    header = [*HEADER[:4], "Manager Email", *HEADER[5:], "Colour"]
    sheet = excel(root / "units.csv", [header, [*FINANCE, "blue"]])
    code, out, err = brm(capsys, "import", "customers", str(sheet), "--root", str(root))
    assert (code, out) == (1, "")
    first = err.splitlines()[0]
    assert first.startswith(
        f"{sheet}: row 1: unknown column(s) Manager Email (did you mean manager.email?), "
        "Colour: the columns are id, name, role, parent, manager.name, manager.email,"
    )
    assert not (root / "records/customers").exists()


def test_a_list_written_with_commas_is_told_to_use_semicolons(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = excel(root / "units.csv", [HEADER, [*FINANCE[:5], "erp, payroll", *FINANCE[6:]]])
    code, _, err = brm(capsys, "import", "customers", str(sheet), "--root", str(root))
    assert code == 1
    assert err.splitlines()[0] == (
        f"{sheet}: row 2: services[0]: 'erp, payroll' is not an id: lower-case letters, "
        "digits and single hyphens; separate the items of a list with ';', as in "
        "'erp; payroll'"
    )
    sheet = excel(root / "units.csv", [HEADER, [*FINANCE[:5], '"erp; payroll"', *FINANCE[6:]]])
    assert brm(capsys, "import", "customers", str(sheet), "--root", str(root))[0] == 0
    text = (root / "records/customers/finance.yaml").read_text(encoding="utf-8")
    assert "services:\n  - erp\n  - payroll\n" in text


def test_a_bad_id_does_not_hide_the_rows_other_problems(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    row = ["Sales Dept", "Sales", "boss", "Sam", "sam-at-example.org", "nowhere", "Ann", ""]
    sheet = excel(root / "units.csv", [HEADER, row])
    code, out, err = brm(capsys, "import", "customers", str(sheet), "--root", str(root))
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"{sheet}: row 2: id: 'Sales Dept' is not a valid id: lower-case letters, digits "
        "and single hyphens",
        f"{sheet}: row 2: role: 'boss' is not allowed: use one of 'customer' or 'purchaser'",
        f"{sheet}: row 2: manager.email: 'sam-at-example.org' is not an email address",
        f"{sheet}: row 2: relationship_manager.email: missing required field 'email' (text): "
        "add it",
        f"{sheet}: row 2: services: unknown service 'nowhere': import or write the services first",
        "brm: 1 row(s) not imported: correct them and import them again",
    ]


def test_a_windows_csv_is_told_how_to_save_it_or_name_its_encoding(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [HEADER, ["finance", "Finance et Contrôle", *FINANCE[2:]]]
    sheet = excel(root / "units.csv", rows, encoding="cp1252")
    code, out, err = brm(capsys, "import", "customers", str(sheet), "--root", str(root))
    assert (code, out) == (2, "")
    assert err == (
        f"brm: {sheet} is not UTF-8 (row 2 holds the byte 0xf4, which is 'ô' in "
        "Windows-1252): save it from the spreadsheet as 'CSV UTF-8', or name its encoding "
        "with --encoding cp1252\n"
    )
    assert not (root / "records/customers").exists()
    args = ["import", "customers", str(sheet), "--root", str(root), "--encoding", "cp1252"]
    assert brm(capsys, *args)[0] == 0
    text = (root / "records/customers/finance.yaml").read_text(encoding="utf-8")
    assert "name: Finance et Contrôle\n" in text


def test_an_encoding_that_does_not_fit_or_does_not_exist(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = excel(root / "units.csv", [HEADER, ["finance", "Contrôle", *FINANCE[2:]]])
    base = ["import", "customers", str(sheet), "--root", str(root), "--encoding"]
    assert brm(capsys, *base, "ascii")[1:] == (
        "",
        f"brm: {sheet} is not ascii (row 1 holds the byte 0xef): name its encoding\n",
    )
    assert brm(capsys, *base, "klingon") == (
        2,
        "",
        "brm: --encoding klingon: no such encoding; give one such as cp1252 or latin-1\n",
    )
    assert brm(capsys, *base, "UTF-8")[0] == 0, "the byte-order mark is not part of a header"


FINANCE_RECORD = """\
# yaml-language-server: $schema=../../schemas/customer.schema.json
# Group Finance owns the ERP budget; reviewed with Anna every quarter.
name: Finance
role: customer
manager:
  name: Martin   # since the 2025 reorganisation
  email: martin@example.org
relationship_manager:
  name: Anna
  email: anna@example.org
services:
  - erp
contacts:
  - name: Eva Brandt
    email: eva.brandt@example.org
it_budget: {amount: 1200000, currency: EUR}
"""


def test_a_row_for_a_record_that_exists_updates_only_what_it_carries(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (root / "records/customers").mkdir()
    record = root / "records/customers/finance.yaml"
    record.write_text(FINANCE_RECORD, encoding="utf-8")
    row = ["finance", "Group Finance", "customer", "Martin", "martin.keller@example.org"]
    sheet = excel(root / "units.csv", [HEADER, [*row, '"erp; payroll"', *FINANCE[6:]]])
    code, out, err = brm(capsys, "import", "customers", str(sheet), "--root", str(root))
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "updated records/customers/finance.yaml",
        "  name: 'Finance' -> 'Group Finance'",
        "  manager.email: 'martin@example.org' -> 'martin.keller@example.org'",
        "  services: erp -> erp; payroll",
    ]
    assert record.read_text(encoding="utf-8") == FINANCE_RECORD.replace(
        "name: Finance\n", "name: Group Finance\n"
    ).replace("martin@example.org", "martin.keller@example.org").replace(
        "  - erp\n", "  - erp\n  - payroll\n"
    )
    code, out, err = brm(capsys, "import", "customers", str(sheet), "--root", str(root))
    assert (code, out, err) == (
        0,
        "unchanged records/customers/finance.yaml (row 2 is identical to it)\n",
        "",
    )


def test_a_corrected_sheet_imports_its_rest_and_skips_what_is_there(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = ["hr", "HR", "customer", "Hanna", "hanna-at-example.org", "erp", "Anna"]
    bad += ["anna@example.org"]
    sheet = excel(root / "units.csv", [HEADER, FINANCE, bad])
    code, out, _ = brm(capsys, "import", "customers", str(sheet), "--root", str(root))
    assert (code, out) == (1, "wrote records/customers/finance.yaml\n")
    written = (root / "records/customers/finance.yaml").read_bytes()
    bad[4] = "hanna@example.org"
    sheet = excel(root / "units.csv", [HEADER, FINANCE, bad])
    code, out, err = brm(capsys, "import", "customers", str(sheet), "--root", str(root))
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "wrote records/customers/hr.yaml",
        "unchanged records/customers/finance.yaml (row 2 is identical to it)",
    ]
    assert (root / "records/customers/finance.yaml").read_bytes() == written


def test_a_dry_run_shows_what_would_be_written_and_writes_nothing(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (root / "records/customers").mkdir()
    record = root / "records/customers/finance.yaml"
    record.write_text(FINANCE_RECORD, encoding="utf-8")
    header = [*HEADER, "it_budget.amount", "it_budget.currency"]
    hr = ["hr", "HR", "customer", "Hanna", "hanna@example.org", "erp", "Anna"]
    hr += ["anna@example.org", "", ""]
    sheet = excel(root / "units.csv", [header, [*FINANCE, "1500000", "EUR"], hr])
    args = ["import", "customers", str(sheet), "--root", str(root), "--dry-run"]
    code, out, err = brm(capsys, *args)
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "would update records/customers/finance.yaml",
        "  it_budget.amount: changed (value hidden: restricted field)",
        "would write records/customers/hr.yaml",
        "dry run: nothing written",
    ]
    assert "1500000" not in out and "1200000" not in out
    assert record.read_text(encoding="utf-8") == FINANCE_RECORD
    assert not (root / "records/customers/hr.yaml").exists()


def test_an_update_the_check_rejects_writes_nothing(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (root / "records/customers").mkdir()
    record = root / "records/customers/finance.yaml"
    record.write_text(FINANCE_RECORD, encoding="utf-8")
    sheet = excel(root / "units.csv", [["id", "role"], ["finance", "purchaser"]])
    code, out, err = brm(capsys, "import", "customers", str(sheet), "--root", str(root))
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"{sheet}: row 2: role: a purchaser sits under a customer: add 'parent' with the id "
        "of the customer (or purchaser) it buys under",
        "brm: 1 row(s) not imported: correct them and import them again",
    ]
    assert record.read_text(encoding="utf-8") == FINANCE_RECORD


def test_the_files_are_written_all_or_none(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (root / "records/customers/hr.yaml").mkdir(parents=True)  # no record: in the way
    hr = ["hr", "HR", "customer", "Hanna", "hanna@example.org", "erp", "Anna"]
    sheet = excel(root / "units.csv", [HEADER, FINANCE, [*hr, "anna@example.org"]])
    code, out, err = brm(capsys, "import", "customers", str(sheet), "--root", str(root))
    assert (code, out) == (1, "")
    assert err == (
        "brm: records/customers/hr.yaml is in the way and no record: import never "
        "overwrites it; nothing written\n"
    )
    assert sorted(p.name for p in (root / "records/customers").iterdir()) == ["hr.yaml"]
