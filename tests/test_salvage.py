"""What a record with schema errors still says: the record without its failed values."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

from brm_build.check import check
from brm_build.model import Agreement, Customer
from brm_build.model.settings import CacheSettings
from brm_build.salvage import salvaged

from .conftest import CASES, settings_for

PERSON = {"name": "Martin Keller", "email": "martin.keller@meridian.example"}


def test_optional_fields_that_failed_are_left_out_and_named() -> None:
    data = {
        "name": "Group Finance",
        "role": "customer",
        "manager": PERSON,
        "relationship_manager": {"name": "Anna Lind", "email": "anna.lind@meridian"},
        "services": ["erp", "Payroll"],
        "colour": "blue",
    }
    rest = salvaged(data, Customer)
    assert rest is not None
    record, removed = rest
    assert isinstance(record, Customer)
    assert (record.name, record.manager.email, record.relationship_manager) == (
        "Group Finance",
        "martin.keller@meridian.example",
        None,
    )
    # a list with a bad item goes whole: dropping the item would move the others' lines
    assert record.services == []
    assert removed == {"relationship_manager", "services", "colour"}
    assert data["services"] == ["erp", "Payroll"], "the values as read are left as they are"


def test_an_optional_part_of_a_list_item_goes_alone() -> None:
    contact = {"name": "Eva Brandt", "email": "eva@meridian.example", "phone": 4795551234}
    data = {"name": "F", "role": "customer", "manager": PERSON, "contacts": [contact]}
    rest = salvaged(data, Customer)
    assert rest is not None
    record, removed = rest
    assert isinstance(record, Customer)
    assert [(c.name, c.phone) for c in record.contacts] == [("Eva Brandt", None)]
    assert removed == frozenset()


def test_a_required_field_that_failed_or_is_missing_leaves_no_record() -> None:
    agreement = {"title": "T", "customer": "finance", "services": ["erp"]}
    assert (
        salvaged({**agreement, "status": "Active", "valid_from": "2026-07-01"}, Agreement) is None
    )
    assert salvaged(agreement, Agreement) is None
    bad_email = {"name": "F", "role": "customer", "manager": {**PERSON, "email": "x"}}
    assert salvaged(bad_email, Customer) is None


def test_a_valid_record_is_not_salvaged() -> None:
    assert salvaged({"name": "F", "role": "customer", "manager": PERSON}, Customer) is None


def test_a_cached_check_finds_what_records_with_errors_still_say(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(CASES / "invalid" / "one-run-invalid-customer", root)
    cache = CacheSettings(str(root / ".brm-cache" / "check"), str(tmp_path / "key"))
    settings = dataclasses.replace(settings_for(root), cache=cache)
    first = check(settings).findings
    assert {"customer-no-recent-meeting", "ref-unknown"} <= {f.code for f in first}
    assert check(settings).findings == first
