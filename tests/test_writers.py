"""The writers' guide: generated from the schemas and the registry of finding codes, and
the registry itself complete."""

from __future__ import annotations

import ast
import re

from brm_build.codes import CODES
from brm_build.model import KINDS
from brm_build.model.settings import BrmConfig, Repository
from brm_build.scaffold import OPTIONS
from brm_build.schemas import kind_schema
from brm_build.writers import field_rows, writers_page

from .conftest import ROOT
from .test_checks_codes import _codes_in


def used_codes() -> dict[str, str]:
    """Every finding code in the source of brm_build, with the first module using it."""
    found: dict[str, str] = {}
    for path in sorted((ROOT / "brm_build").rglob("*.py")):
        for code in _codes_in(ast.parse(path.read_text(encoding="utf-8"))):
            found.setdefault(code, path.relative_to(ROOT).as_posix())
    return found


def test_every_code_in_use_is_in_the_registry() -> None:
    used = used_codes()
    assert len(used) >= 40, "the scan finds the codes"
    missing = {code: module for code, module in used.items() if code not in CODES}
    assert not missing, f"add a one-line meaning to brm_build/codes.py for {missing}"


def test_every_code_in_the_registry_is_in_use() -> None:
    stale = sorted(set(CODES) - set(used_codes()))
    assert not stale, f"remove from brm_build/codes.py: {stale}"


def test_meanings_are_one_line_sentences() -> None:
    for code, meaning in CODES.items():
        assert re.fullmatch(r"[a-z]+(-[a-z]+)+", code)
        assert "\n" not in meaning and meaning.endswith(".") and len(meaning) <= 100, code


def test_the_page_lists_every_kind_field_and_code() -> None:
    page = writers_page(BrmConfig())
    for kind in KINDS:
        assert f"\n### {kind.name}\n" in page
        schema = kind_schema(kind)
        for name in schema["properties"]:
            assert f"| `{name}` |" in page, f"{kind.name}.{name}"
    for code, meaning in CODES.items():
        assert f"| `{code}` | {meaning} |" in page


def test_fields_are_described_from_the_schema() -> None:
    kind = next(k for k in KINDS if k.name == "agreement")
    schema = kind_schema(kind)
    rows = {path: (required, value, note) for path, required, value, note in field_rows(
        schema, schema["$defs"])}  # fmt: skip
    assert rows["customer"] == (True, "id of a customer", "")
    assert rows["services"] == (True, "list of service ids", "")
    assert rows["status"][1] == "one of `draft`, `active`, `expired`, `terminated`"
    assert rows["valid_from"] == (True, "date `YYYY-MM-DD`", "")
    assert rows["service_levels[].target"] == (True, "number", "")
    assert rows["service_levels[].period"][2] == "default `month`"
    assert rows["funding"][2] == "restricted: never published unless opted in"
    assert rows["funding.currency"][1] == "currency code (ISO 4217), such as `EUR`"
    survey = next(k for k in KINDS if k.name == "survey")
    rows_s = {p: v for p, _, v, _ in field_rows(kind_schema(survey), kind_schema(survey)["$defs"])}
    assert rows_s["responses[].csat"] == "whole number 1–5"
    assert rows_s["period"] == "period: `YYYY`, `YYYY-Qn` or `YYYY-MM`, years 1900–2199"
    assert rows_s["invited"] == "mapping of customer id to whole number ≥ 1"
    assert rows_s["responses[].ref"] == "12 hex digits written by `brm import`"


def test_the_page_points_at_the_repository_host() -> None:
    url = "https://git.example.org/it/records"
    page = writers_page(BrmConfig(repository=Repository(url=url)))
    assert f'1. Open the record in <a href="{url}">{url}</a>:' in page
    assert "1. Open the record in the records repository:" in writers_page(BrmConfig())


def test_the_guide_names_every_kind_that_brm_new_writes() -> None:
    page = writers_page(BrmConfig())
    named = re.search(r"`brm new ([a-z|]+)`", page)
    assert named is not None and set(named.group(1).split("|")) == set(OPTIONS)
