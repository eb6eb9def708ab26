"""Mapping files under imports/ are checked by brm check like records: their schema (with
"did you mean"), their references, and against the survey they name; the JSON Schema for
editors says the same; the cache of a run sees a changed mapping."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import jsonschema
import yaml

from brm_build.check import check_findings
from brm_build.model.settings import CacheSettings

from ..casebuilder import TODAY, build, run_check
from ..conftest import ROOT, settings_for
from .exports import mapping

GOOD = mapping("gforms")


def _schema() -> dict[str, object]:
    loaded: dict[str, object] = json.loads(
        (ROOT / "schemas/import-survey.schema.json").read_text(encoding="utf-8")
    )
    return loaded


def _data(text: str) -> object:
    """The mapping as JSON data, dates as the text an editor sees."""
    return json.loads(json.dumps(yaml.safe_load(text), default=str))


def test_a_valid_mapping_checks_clean_and_a_typo_gets_did_you_mean(tmp_path: Path) -> None:
    root = build(tmp_path, {"imports/good.yaml": GOOD})
    assert run_check(root).findings == []
    (root / "imports/bad.yaml").write_text(GOOD.replace("skip_values:", "skip_value:"))
    [finding] = run_check(root).findings
    assert (finding.path, finding.line, finding.code) == (
        "imports/bad.yaml",
        16,
        "schema-unknown-field",
    )
    assert "did you mean 'skip_values'?" in finding.message


def test_values_name_records_that_exist(tmp_path: Path) -> None:
    text = GOOD.replace("values:\n", "values:\n  service: {Core ERP: erp, Payroll: payroll}\n")
    root = build(tmp_path, {"imports/good.yaml": text})
    [finding] = run_check(root).findings
    assert (finding.code, finding.field, finding.line) == (
        "ref-unknown",
        "values.service.Payroll",
        14,
    )


def test_the_json_schema_agrees_with_the_check() -> None:
    schema = _schema()
    jsonschema.validate(_data(GOOD), schema)
    bad = _data(GOOD.replace("skip_values:", "skip_value:"))
    assert not jsonschema.Draft202012Validator(schema).is_valid(bad)


def test_editors_map_the_mapping_files_to_their_schema() -> None:
    settings = json.loads((ROOT / ".vscode/settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"]["./schemas/import-mapping.schema.json"] == ["imports/*.yaml"]


def test_a_cached_run_sees_a_changed_mapping(tmp_path: Path) -> None:
    root = build(tmp_path / "repo", {"imports/good.yaml": GOOD})
    cached = dataclasses.replace(
        settings_for(root, TODAY),
        cache=CacheSettings(str(root / ".brm-cache" / "check"), str(tmp_path / "key")),
    )
    assert check_findings(cached).findings == check_findings(cached).findings == []
    (root / "imports/good.yaml").write_text(GOOD.replace("period: 2026-Q4", "period: 2026-Q5"))
    assert [f.code for f in check_findings(cached).findings] == ["schema-pattern"]
