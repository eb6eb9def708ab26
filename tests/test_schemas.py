"""The committed JSON Schemas match the models and validate records on their own."""

from __future__ import annotations

import datetime as dt
import json

import jsonschema
import pytest
import yaml

from brm_build.model import KINDS, Customer
from brm_build.schemas import schema_texts

from .conftest import ROOT


def test_committed_schemas_match_models() -> None:
    for name, text in schema_texts().items():
        committed = (ROOT / "schemas" / name).read_text(encoding="utf-8")
        assert committed == text, f"schemas/{name} is stale: run 'brm schemas' and commit"


def test_schemas_are_valid_2020_12() -> None:
    for name, text in schema_texts().items():
        schema = json.loads(text)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema", name
        jsonschema.Draft202012Validator.check_schema(schema)


def _as_json(value: object) -> object:
    """YAML values as JSON would carry them (dates as ISO text)."""
    if isinstance(value, dict):
        return {k: _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _front_matter(text: str) -> str:
    return text.split("---\n", 2)[1]


@pytest.mark.parametrize("kind", KINDS, ids=[k.name for k in KINDS])
def test_example_records_pass_the_standalone_schema(kind: object) -> None:
    from brm_build.model import Kind

    assert isinstance(kind, Kind)
    schema = json.loads((ROOT / "schemas" / kind.schema_file).read_text())
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    files = sorted((ROOT / "records" / kind.folder).rglob("*" + kind.extension))
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(_front_matter(text) if kind.extension == ".md" else text)
        errors = [e.message for e in validator.iter_errors(_as_json(data))]
        assert errors == [], f"{path.relative_to(ROOT)}: {errors}"


def test_schema_rejects_unknown_field() -> None:
    schema = json.loads((ROOT / "schemas" / "service.schema.json").read_text())
    record = {
        "name": "Mail",
        "status": "live",
        "owner": {"name": "A", "email": "a@b.example"},
        "colour": "blue",
    }
    assert not jsonschema.Draft202012Validator(schema).is_valid(record)
    del record["colour"]
    assert jsonschema.Draft202012Validator(schema).is_valid(record)


def test_a_unit_is_active_unless_retired_on_a_date() -> None:
    schema = json.loads((ROOT / "schemas" / "customer.schema.json").read_text())
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    unit = {"name": "Travel", "role": "customer", "manager": {"name": "A", "email": "a@b.example"}}
    assert schema["properties"]["status"]["default"] == "active"
    assert validator.is_valid(unit)
    assert validator.is_valid({**unit, "status": "retired", "retired_on": "2026-03-31"})
    assert not validator.is_valid({**unit, "status": "inactive"})
    assert not validator.is_valid({**unit, "status": "retired", "retired_on": "2026-13-01"})
    model = Customer.model_validate(unit)
    assert (model.status, model.retired_on, model.retired) == ("active", None, False)
    retired = Customer.model_validate({**unit, "status": "retired", "retired_on": "2026-03-31"})
    assert retired.retired and retired.retired_on == dt.date(2026, 3, 31)
