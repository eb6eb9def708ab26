"""``brm export`` and ``brm import``: JSON and CSV out, spreadsheets in, restricted
fields kept in unless opted out, and a round trip that loses nothing CSV can carry."""

from __future__ import annotations

import csv
import inspect
import io
import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from brm_build.check import check
from brm_build.cli import main
from brm_build.exchange.export import export_csv, export_json
from brm_build.exchange.importer import import_csv
from brm_build.model.repository import Repository
from brm_build.model.settings import BrmConfig
from brm_build.publication import public_view, restricted_names
from brm_build.repository import load_repository

from .conftest import ROOT, settings_for

CHILD_LISTS = ("contacts", "plans", "escalation")
"""Customer fields that CSV carries in tables of their own, which import does not read."""


@pytest.fixture(scope="module")
def example() -> tuple[Repository, BrmConfig]:
    settings = settings_for(ROOT)
    repository, findings = load_repository(settings)
    assert not [f for f in findings if f.severity == "error"]
    return repository, settings.config


def rows(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff"), "spreadsheets need the byte-order mark to read UTF-8"
    return list(csv.DictReader(io.StringIO(text[1:])))


def brm(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


# Export


def test_json_has_a_list_per_kind(example: tuple[Repository, BrmConfig]) -> None:
    repository, config = example
    document = json.loads(export_json(repository, config))
    assert document["brm_export"] == 1 and document["organisation"] == "Meridian Group"
    for folder in ("customers", "services", "agreements", "meetings", "surveys", "reports"):
        assert [item["id"] for item in document[folder]] == sorted(getattr(repository, folder))
    meeting = document["meetings"][0]
    assert meeting["notes"].strip() and meeting["date"].count("-") == 2


def _keys(value: object) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for item in value for k in _keys(item)}
    return set()


def test_restricted_fields_stay_out_unless_opted_in(
    example: tuple[Repository, BrmConfig],
) -> None:
    repository, config = example
    restricted = {"it_budget", "funding", "raised_by", "phone", "comment"}
    assert not _keys(json.loads(export_json(repository, config))) & restricted
    for name, text in export_csv(repository, config).items():
        header = {column.split(".")[-1] for column in next(csv.reader(io.StringIO(text[1:])))}
        assert not header & restricted, name
        assert "2400000" not in text  # Group Finance's IT budget
    opened = config.model_copy(update={"publish": ["customer.it_budget", "person.phone"]})
    document = json.loads(export_json(repository, opened))
    finance = next(c for c in document["customers"] if c["id"] == "finance")
    assert finance["it_budget"] == {"amount": 2400000.0, "currency": "EUR"}
    opened_header = rows(export_csv(repository, opened)["customers.csv"])[0]
    assert {"it_budget.amount", "it_budget.currency", "manager.phone"} <= set(opened_header)


def test_csv_has_a_table_per_kind_and_per_list(example: tuple[Repository, BrmConfig]) -> None:
    repository, config = example
    files = export_csv(repository, config)
    assert sorted(files) == [
        "agreements.csv",
        "agreements.service_levels.csv",
        "agreements.service_levels.earlier_targets.csv",
        "customers.contacts.csv",
        "customers.csv",
        "customers.escalation.csv",
        "customers.plans.csv",
        "feedback.csv",
        "meetings.actions.csv",
        "meetings.attendees.csv",
        "meetings.csv",
        "meetings.requirements.csv",
        "projects.csv",
        "projects.milestones.csv",
        "reports.csv",
        "reports.measurements.csv",
        "services.csv",
        "surveys.csv",
        "surveys.responses.csv",
    ]
    assert next(iter(rows(files["customers.csv"]))).keys() == {
        "id", "name", "role", "parent", "manager.name", "manager.email", "manager.title",
        "relationship_manager.name", "relationship_manager.email",
        "relationship_manager.title", "cost_center", "services", "owners", "summary", "tags",
        "status", "retired_on", "tier",
    }  # fmt: skip
    levels = rows(files["agreements.service_levels.csv"])
    assert len(levels) == sum(len(a.record.service_levels) for a in repository.agreements.values())
    assert list(levels[0]) == ["agreement", "id", "metric", "target", "unit", "direction", "period"]
    results = rows(files["reports.measurements.csv"])
    assert len(results) == sum(
        len(m.results) for r in repository.reports.values() for m in r.record.measurements
    )
    assert list(results[0]) == ["report", "period", "notes", "service_level", "result"]
    responses = rows(files["surveys.responses.csv"])
    assert len(responses) == sum(len(s.record.responses) for s in repository.surveys.values())
    actions = rows(files["meetings.actions.csv"])
    assert len(actions) == sum(len(m.record.actions) for m in repository.meetings.values())
    finance = next(r for r in rows(files["customers.csv"]) if r["id"] == "finance")
    assert finance["services"] == "erp; reporting; workplace; service-desk"


def test_export_on_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = brm(capsys, "export", "--root", str(ROOT))
    assert code == 0 and json.loads(out)["brm_export"] == 1
    out_dir = tmp_path / "out"
    code, out, _ = brm(
        capsys, "export", "--root", str(ROOT), "--format", "csv", "--out", str(out_dir)
    )
    assert code == 0 and out == f"wrote 19 file(s) into {out_dir}/\n"
    assert (out_dir / "surveys.responses.csv").is_file()
    code, _, err = brm(capsys, "export", "--root", str(ROOT), "--format", "csv")
    assert code == 2 and "--out DIR" in err


# Import


def _imported(tmp_path: Path, capsys: pytest.CaptureFixture[str], config: BrmConfig) -> Repository:
    """Export the example's services and customers as CSV, import them into an empty
    repository, and load what was written."""
    repository, _ = load_repository(settings_for(ROOT))
    files = export_csv(repository, config)
    target = tmp_path / "new"
    (target / "records").mkdir(parents=True)
    shutil.copyfile(ROOT / "brm.yaml", target / "brm.yaml")  # the tiers its customers name
    for kind in ("services", "customers"):
        sheet = tmp_path / f"{kind}.csv"
        sheet.write_text(files[f"{kind}.csv"], encoding="utf-8")
        code, out, err = brm(capsys, "import", kind, str(sheet), "--root", str(target))
        assert (code, err) == (0, ""), err
        assert out.count("wrote ") == len(getattr(repository, kind))
    imported, findings = load_repository(replace(settings_for(target), config=config))
    assert not findings
    return imported


@pytest.mark.parametrize("opt_in", [True, False], ids=["restricted-opted-in", "public"])
def test_customers_round_trip(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], opt_in: bool
) -> None:
    config = BrmConfig(publish=restricted_names() if opt_in else [])
    imported = _imported(tmp_path, capsys, config)
    original, _ = load_repository(settings_for(ROOT))
    names = frozenset(config.publish)
    for cid, entry in original.customers.items():
        public = public_view(entry.record, "customer", names)
        expected = public.model_copy(update={field: [] for field in CHILD_LISTS})
        assert imported.customers[cid].record == expected, cid
    for sid, service in original.services.items():
        assert imported.services[sid].record == public_view(service.record, "service", names)


def test_bad_rows_are_reported_and_written_nowhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "records" / "services").mkdir(parents=True)
    (tmp_path / "records/services/erp.yaml").write_text(
        "name: ERP\nowner: {name: Eva, email: eva@example.org}\nstatus: live\n"
    )
    sheet = tmp_path / "units.csv"
    sheet.write_text(
        "id;name;role;parent;manager.name;manager.email;services;owners;"
        "relationship_manager.name;relationship_manager.email\n"
        "finance;Finance;customer;;Martin;martin@example.org;erp;@anna;Anna;anna@example.org\n"
        "controlling;Controlling;purchaser;finance;Nadia;nadia@example.org;erp;;;\n"
        "Sales Dept;Sales;customer;;Sam;sam@example.org;;;;\n"
        "hr;HR;boss;;Hanna;hanna-at-example.org;payroll;;;\n"
        "finance;Finance again;customer;;M;m@example.org;;;;\n"
        "retail;Retail;purchaser;nowhere;Rita;rita@example.org;;;;\n"
        "legal;Legal;customer;;Lee;lee@example.org;;;;\n"
        "tax;Tax;purchaser;;Tim;tim@example.org;;;;\n",
        encoding="utf-8",
    )
    code, out, err = brm(capsys, "import", "customers", str(sheet), "--root", str(tmp_path))
    assert code == 1
    assert out == "wrote records/customers/controlling.yaml\nwrote records/customers/finance.yaml\n"
    assert err.splitlines() == [
        f"{sheet}: row 4: id: 'Sales Dept' is not a valid id: lower-case letters, digits "
        "and single hyphens",
        f"{sheet}: row 4: relationship_manager: a customer needs a relationship manager: "
        "fill relationship_manager.name and relationship_manager.email",
        f"{sheet}: row 5: role: 'boss' is not allowed: use one of 'customer' or 'purchaser'",
        f"{sheet}: row 5: manager.email: 'hanna-at-example.org' is not an email address",
        f"{sheet}: row 5: services: unknown service 'payroll': import or write the services first",
        f"{sheet}: row 6: id: 'finance' repeats row 2",
        f"{sheet}: row 7: parent: unknown customer 'nowhere': not in records/customers/ "
        "nor in this file",
        f"{sheet}: row 8: relationship_manager: a customer needs a relationship manager: "
        "fill relationship_manager.name and relationship_manager.email",
        f"{sheet}: row 9: parent: a purchaser sits under a customer: give the parent's id",
        "brm: 6 row(s) not imported: correct them and import them again",
    ]
    assert sorted(p.name for p in (tmp_path / "records/customers").iterdir()) == [
        "controlling.yaml",
        "finance.yaml",
    ]
    assert brm(capsys, "check", "--root", str(tmp_path), "--today", "2026-11-26")[0] == 0
    code, out, _ = brm(capsys, "import", "customers", str(sheet), "--root", str(tmp_path))
    assert code == 1  # the bad rows are still bad; the rows imported are there as they were
    assert out == (
        "unchanged records/customers/finance.yaml (row 2 is identical to it)\n"
        "unchanged records/customers/controlling.yaml (row 3 is identical to it)\n"
    )


def test_unknown_columns_stop_the_import() -> None:
    result = import_csv("services", "id,name,colour\nerp,ERP,blue\n", {})
    assert result.files == {}
    assert [(p.row, p.reason.split(":")[0]) for p in result.problems] == [
        (1, "unknown column(s) colour")
    ]
    assert "the columns are id, name, description, owner.name" in result.problems[0].reason
    assert import_csv("services", "name\nERP\n", {}).problems[0].reason.startswith("no 'id'")


def test_a_spreadsheet_that_is_not_utf8(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "records").mkdir()
    sheet = tmp_path / "s.csv"
    sheet.write_bytes("id,name\ncafé,Café\n".encode("latin-1"))
    code, _, err = brm(capsys, "import", "services", str(sheet), "--root", str(tmp_path))
    assert code == 2 and "save it from the spreadsheet as 'CSV UTF-8'" in err


def test_imported_records_pass_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _imported(tmp_path, capsys, BrmConfig())
    code, _, _ = brm(capsys, "check", "--root", str(tmp_path / "new"), "--today", "2026-11-26")
    assert code == 0
    text = (tmp_path / "new/records/customers/finance.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/customer.schema.json\n")


def test_conversion_reads_only_the_sheet_and_the_ids_that_exist(
    example: tuple[Repository, BrmConfig],
) -> None:
    """Converting takes no settings and no clock, only the sheet, the ids that exist and
    their files: the same input gives the same files, and a row identical to the record
    that exists writes nothing, the others unchanged."""
    repository, config = example
    assert list(inspect.signature(import_csv).parameters) == ["folder", "text", "existing", "read"]
    sheet = export_csv(repository, config)["services.csv"].removeprefix("\ufeff")
    first = import_csv("services", sheet, {})
    assert not first.problems and len(first.files) == len(repository.services) > 1
    assert import_csv("services", sheet, {}).files == first.files
    taken = sorted(repository.services)[0]
    path = f"records/services/{taken}.yaml"
    again = import_csv("services", sheet, {"service": {taken}}, first.files.get)
    assert not again.problems and [p for _, p in again.unchanged] == [path]
    assert again.files == {p: text for p, text in first.files.items() if p != path}


def test_records_with_errors_stop_the_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "records" / "services").mkdir(parents=True)
    (tmp_path / "records/services/erp.yaml").write_text("name: ERP\n")
    code, out, err = brm(capsys, "export", "--root", str(tmp_path))
    assert (code, out) == (1, "")
    assert err == "brm: 2 error(s) in the records: run 'brm check' and correct them first\n"


UNIT_HEADER = (
    "id,name,role,parent,manager.name,manager.email,relationship_manager.name,"
    "relationship_manager.email\n"
)


def _sheet(tmp_path: Path, rows: str) -> Path:
    (tmp_path / "records" / "customers").mkdir(parents=True, exist_ok=True)
    (tmp_path / "records/customers/finance.yaml").write_text(
        "name: Finance\nrole: customer\nmanager: {name: Martin, email: martin@example.org}\n"
        "relationship_manager: {name: Anna, email: anna@example.org}\n",
        encoding="utf-8",
    )
    sheet = tmp_path / "units.csv"
    sheet.write_text(UNIT_HEADER + rows, encoding="utf-8")
    return sheet


def test_rows_that_close_a_cycle_are_written_nowhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = _sheet(
        tmp_path,
        "north,North,purchaser,south,Nina,nina@example.org,,\n"
        "south,South,purchaser,north,Sven,sven@example.org,,\n"
        "tax,Tax,purchaser,finance,Tim,tim@example.org,,\n",
    )
    code, out, err = brm(capsys, "import", "customers", str(sheet), "--root", str(tmp_path))
    assert code == 1
    assert out == "wrote records/customers/tax.yaml\n"
    assert f"{sheet}: row 2: parent: " in err and f"{sheet}: row 3: parent: " in err
    assert "brm: 2 row(s) not imported: correct them and import them again" in err
    written = sorted(p.name for p in (tmp_path / "records/customers").iterdir())
    assert written == ["finance.yaml", "tax.yaml"]
    assert brm(capsys, "check", "--root", str(tmp_path), "--today", "2026-11-26")[0] == 0


def test_a_row_holding_a_secret_is_written_nowhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = _sheet(tmp_path, "keys,api_key=abcdef123456,purchaser,finance,Kim,kim@example.org,,\n")
    code, out, err = brm(capsys, "import", "customers", str(sheet), "--root", str(tmp_path))
    assert (code, out) == (1, "")
    assert f"{sheet}: row 2: name: this looks like a password: remove it" in err
    assert "abcdef123456" not in err
    assert not (tmp_path / "records/customers/keys.yaml").exists()
    assert brm(capsys, "check", "--root", str(tmp_path), "--today", "2026-11-26")[0] == 0


def test_earlier_targets_are_a_table_led_by_agreement_and_service_level() -> None:
    settings = settings_for(ROOT / "tests" / "site" / "sample")
    files = export_csv(check(settings).repository, settings.config)
    assert rows(files["agreements.service_levels.earlier_targets.csv"]) == [
        {"agreement": "finance-erp", "service_levels.id": "availability", "until": "2026-10"}
        | {"target": "99.5"}
    ]
