"""Generate the JSON Schemas (2020-12) of every kind from the models."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from .imports.mapping import SurveyMapping
from .imports.measurement_mapping import MAPPED_SOURCES, MeasurementsMapping
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


SURVEY_MAPPING_SCHEMA = "import-survey.schema.json"
"""The schema of a ``brm import survey`` mapping file (imports.md)."""
MEASUREMENTS_MAPPING_SCHEMA = "import-measurements.schema.json"
"""The schema of a ``brm import measurements`` mapping file (imports.md)."""
MAPPING_SCHEMA = "import-mapping.schema.json"
"""The schema editors apply to every mapping file under ``imports/``: a survey's or a
service-level source's, as its ``source`` says."""


def _model_schema(model: type[BaseModel], name: str, title: str) -> dict[str, Any]:
    schema = model.model_json_schema(mode="validation")
    schema.pop("title", None)
    description = schema.pop("description", "")
    return {
        "$schema": DIALECT,
        "$id": BASE_ID + name,
        "title": title,
        "description": description.strip(),
        **schema,
    }


def survey_mapping_schema() -> dict[str, Any]:
    """The JSON Schema of a ``brm import survey`` mapping file, for editors."""
    return _model_schema(
        SurveyMapping, SURVEY_MAPPING_SCHEMA, "brm import survey mapping (imports/*.yaml)"
    )


def measurements_mapping_schema() -> dict[str, Any]:
    """The JSON Schema of a ``brm import measurements`` mapping file, for editors."""
    title = "brm import measurements mapping (imports/*.yaml)"
    return _model_schema(MeasurementsMapping, MEASUREMENTS_MAPPING_SCHEMA, title)


def _body(schema: dict[str, Any]) -> dict[str, Any]:
    """A schema without its own identity and definitions, to stand inside another."""
    skip = {"$schema", "$id", "title", "$defs"}
    return {key: value for key, value in schema.items() if key not in skip}


def mapping_schema() -> dict[str, Any]:
    """One schema for every mapping file: by its ``source``, a service-level mapping's
    or a survey mapping's (editors map one schema to ``imports/*.yaml``)."""
    survey, measurements = survey_mapping_schema(), measurements_mapping_schema()
    defs = dict(survey.get("$defs", {}))
    for name, definition in measurements.get("$defs", {}).items():
        if defs.setdefault(name, definition) != definition:
            raise ValueError(f"two mapping models define {name}: rename one")
    return {
        "$schema": DIALECT,
        "$id": BASE_ID + MAPPING_SCHEMA,
        "title": "brm import mapping (imports/*.yaml)",
        "description": "A mapping file of brm import survey or brm import measurements, "
        "as its source says.",
        "$defs": defs,
        "if": {"properties": {"source": {"enum": list(MAPPED_SOURCES)}}, "required": ["source"]},
        "then": _body(measurements),
        "else": _body(survey),
    }


def _text(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"


def schema_texts() -> dict[str, str]:
    """File name to JSON text for every kind and for mapping files, as committed in
    ``schemas/``."""
    texts = {kind.schema_file: _text(kind_schema(kind)) for kind in KINDS}
    texts[SURVEY_MAPPING_SCHEMA] = _text(survey_mapping_schema())
    texts[MEASUREMENTS_MAPPING_SCHEMA] = _text(measurements_mapping_schema())
    texts[MAPPING_SCHEMA] = _text(mapping_schema())
    return texts
