"""Generate the JSON Schemas (2020-12) of every kind from the models."""

from __future__ import annotations

import json
from typing import Any

from .imports.mapping import SurveyMapping
from .model import KINDS, Kind

DIALECT = "https://json-schema.org/draft/2020-12/schema"
BASE_ID = "https://brm.example/schemas/"


def kind_schema(kind: Kind) -> dict[str, Any]:
    """The JSON Schema of one kind, usable on its own by editors and validators."""
    schema = kind.model.model_json_schema(mode="validation")
    title = schema.pop("title", kind.model.__name__)
    description = schema.pop("description", "")
    return {
        "$schema": DIALECT,
        "$id": BASE_ID + kind.schema_file,
        "title": f"brm {kind.name} record ({title})",
        "description": description.strip(),
        **schema,
    }


MAPPING_SCHEMA = "import-survey.schema.json"
"""The schema of the survey mapping files under ``imports/`` (imports.md)."""


def mapping_schema() -> dict[str, Any]:
    """The JSON Schema of a ``brm import survey`` mapping file, for editors."""
    schema = SurveyMapping.model_json_schema(mode="validation")
    schema.pop("title", None)
    description = schema.pop("description", "")
    return {
        "$schema": DIALECT,
        "$id": BASE_ID + MAPPING_SCHEMA,
        "title": "brm import survey mapping (imports/*.yaml)",
        "description": description.strip(),
        **schema,
    }


def _text(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"


def schema_texts() -> dict[str, str]:
    """File name to JSON text for every kind and for mapping files, as committed in
    ``schemas/``."""
    texts = {kind.schema_file: _text(kind_schema(kind)) for kind in KINDS}
    texts[MAPPING_SCHEMA] = _text(mapping_schema())
    return texts
