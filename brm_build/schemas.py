"""Generate the JSON Schemas (2020-12) of every kind from the models."""

from __future__ import annotations

import json
from typing import Any

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


def schema_texts() -> dict[str, str]:
    """File name to JSON text for every kind, as committed in ``schemas/``."""
    return {
        kind.schema_file: json.dumps(kind_schema(kind), indent=2, sort_keys=True) + "\n"
        for kind in KINDS
    }
