"""Validate parsed data against the kind's model and turn errors into findings."""

from __future__ import annotations

import difflib
import types
import typing
from dataclasses import replace
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from .findings import Finding, error, format_field
from .model.common import RESTRICTED
from .yamlsource import Document

M = TypeVar("M", bound=BaseModel)

_PATTERN_HINTS = {
    "^[a-z0-9]+(-[a-z0-9]+)*$": "an id: lower-case letters, digits and single hyphens",
    "^[0-9]{4}-((0[1-9]|1[0-2])|Q[1-4])$": "a period: YYYY-MM (month) or YYYY-Qn (quarter)",
    "^[A-Z]{3}$": "an ISO 4217 currency code such as EUR",
    "^https?://\\S+$": "an http or https address",
    "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$": "an email address",
}
_TYPE_NAMES = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "bool_type": "true or false",
    "date_type": "a date (YYYY-MM-DD)",
    "date_from_datetime_inexact": "a date (YYYY-MM-DD)",
    "list_type": "a list",
    "model_type": "a mapping of fields",
    "dict_type": "a mapping",
    "model_attributes_type": "a mapping of fields",
    "date_parsing": "a date (YYYY-MM-DD)",
}
_YAML11_BOOLEANS = {"yes", "no", "on", "off", "y", "n", "Yes", "No", "On", "Off", "YES", "NO"}


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    """The model inside an annotation such as ``list[Person] | None``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType, list, typing.Annotated):
        for arg in typing.get_args(annotation):
            found = _inner_model(arg)
            if found is not None:
                return found
    return None


def _model_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The model that describes the mapping at ``loc`` (for "did you mean")."""
    current: type[BaseModel] | None = model
    for part in loc:
        if current is None:
            return None
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part)
        current = _inner_model(field.annotation) if field else None
    return current


def is_restricted(model: type[BaseModel], loc: tuple[str | int, ...]) -> bool:
    """Whether ``loc`` passes through a restricted field (records.md, "Restricted data")."""
    current: type[BaseModel] | None = model
    for part in loc:
        if current is None:
            return False
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part)
        if field is None:
            return False
        extra = field.json_schema_extra
        if isinstance(extra, dict) and extra.get(RESTRICTED):
            return True
        current = _inner_model(field.annotation)
    return False


def _hide_restricted(finding: Finding) -> Finding:
    """The finding without the value: restricted data never reaches any output."""
    return replace(
        finding,
        message=f"{finding.message.split(':')[0].split(',')[0]} (value hidden: restricted field)",
        quote=False,
    )


def _type_message(err: ErrorDetails, written: str | None) -> str:
    expected = _TYPE_NAMES.get(err["type"], "another type")
    got = err["input"]
    if isinstance(got, str) and err["type"] == "bool_type" and got in _YAML11_BOOLEANS:
        return f"'{got}' is text in YAML 1.2: write true or false"
    if err["type"] == "string_type" and not isinstance(got, dict | list) and got is not None:
        shown = written if written is not None else str(got)
        return f"expected text, found {type(got).__name__} '{shown}': quote it as \"{shown}\""
    if got is None:
        return f"expected {expected}, found nothing: give a value or remove the field"
    return f"expected {expected}, found {_describe(got)}"


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    return f"'{value}'"


def _finding(err: ErrorDetails, model: type[BaseModel], document: Document, path: str) -> Finding:
    loc = tuple(err["loc"])
    kind = err["type"]
    field = format_field(loc)
    if kind == "missing":
        line, col = document.position(loc[:-1])
        return error(
            "schema-required", path, line, col, field, f"missing required field '{loc[-1]}'"
        )
    if kind == "extra_forbidden":
        line, col = document.position(loc, key=True)
        parent = _model_at(model, loc[:-1])
        message = f"unknown field '{loc[-1]}'"
        if parent is not None:
            close = difflib.get_close_matches(str(loc[-1]), list(parent.model_fields), n=1)
            if close:
                message += f": did you mean '{close[0]}'?"
            else:
                message += f"; allowed here: {', '.join(parent.model_fields)}"
        return error("schema-unknown-field", path, line, col, field, message)
    line, col = document.position(loc)
    ctx = err.get("ctx", {})
    if kind == "literal_error":
        return error(
            "schema-enum",
            path,
            line,
            col,
            field,
            f"'{err['input']}' is not allowed: use one of {ctx.get('expected', '')}",
        )
    if kind == "string_pattern_mismatch":
        hint = _PATTERN_HINTS.get(str(ctx.get("pattern")), f"the pattern {ctx.get('pattern')}")
        return error("schema-pattern", path, line, col, field, f"'{err['input']}' is not {hint}")
    if kind in _TYPE_NAMES:
        return error(
            "schema-type", path, line, col, field, _type_message(err, document.source_text(loc))
        )
    return error("schema-value", path, line, col, field, f"{err['msg']}")


def validate(document: Document, model: type[M], path: str) -> tuple[M | None, list[Finding]]:
    """Validate a parsed record; return the model instance or the findings."""
    try:
        return model.model_validate(document.data), []
    except ValidationError as exc:
        findings = []
        for err in exc.errors(include_url=False):
            finding = _finding(err, model, document, path)
            if is_restricted(model, tuple(err["loc"])) and err["type"] != "missing":
                finding = _hide_restricted(finding)
            findings.append(finding)
        return None, findings
