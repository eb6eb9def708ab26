"""Validate parsed data against the kind's model and turn errors into findings."""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
import types
import typing
from dataclasses import replace
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from .findings import Finding, error, format_field
from .model.common import (
    HOST_URL_PATTERN,
    ISO_DATE,
    PERIOD_HINT,
    PERIOD_PATTERN,
    REF_PATTERN,
    YEARLY_PERIOD_HINT,
    YEARLY_PERIOD_PATTERN,
)
from .model.common import is_restricted as restricted_field
from .model.ids import ID_PATTERN
from .yamlerrors.layout import spaced_colon
from .yamlerrors.lines import quoted
from .yamlsource import (
    BOOL,
    FLOAT,
    INT,
    MAP,
    MERGE,
    NULL,
    SEQ,
    STR,
    TIMESTAMP,
    Document,
    reads_as_text,
)

M = TypeVar("M", bound=BaseModel)
Loc = tuple[str | int, ...]

_PATTERN_HINTS = {
    ID_PATTERN: "an id: lower-case letters, digits and single hyphens",
    PERIOD_PATTERN: PERIOD_HINT,
    HOST_URL_PATTERN: "the web address of the repository, such as https://github.com/org/records",
    YEARLY_PERIOD_PATTERN: YEARLY_PERIOD_HINT,
    REF_PATTERN: "12 hex digits, as brm import writes them",
    "^[A-Z]{3}$": "an ISO 4217 currency code such as EUR",
    "^https?://\\S+$": "an http or https address",
    "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$": "an email address",
    "^@[A-Za-z0-9][A-Za-z0-9_.-]*(/[A-Za-z0-9_.-]+)?$": "a git-host handle such as @alice",
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
_PLAIN_NAMES: dict[object, str] = {
    str: "text",
    int: "a whole number",
    float: "a number",
    bool: "true or false",
    dt.date: "a date (YYYY-MM-DD)",
}
_YAML11_BOOLEANS = {"yes", "no", "on", "off", "y", "n", "Yes", "No", "On", "Off", "YES", "NO"}
_PLAIN_TAGS = frozenset({STR, INT, FLOAT, BOOL, NULL, TIMESTAMP})
_HIDDEN = " (value hidden: restricted field)"
_LIST_HINT = "write each item on a line of its own that starts with '- '"
# One way to match each number: "[0-9]+\.?[0-9]*" split digits in every way, and a long
# run of digits followed by a letter took minutes to reject.
_NUMBER = re.compile(r"\s*[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?\s*")


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


def _mapped_model(annotation: Any) -> type[BaseModel] | None:
    """The model of the values of a mapping such as ``dict[Id, Tier]`` (None: not one)."""
    origin = typing.get_origin(annotation)
    if origin is dict:
        return _inner_model(typing.get_args(annotation)[1])
    if origin in (typing.Union, types.UnionType, typing.Annotated):
        for arg in typing.get_args(annotation):
            found = _mapped_model(arg)
            if found is not None:
                return found
    return None


def model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The model that describes the mapping at ``loc`` (None: a plain mapping or value)."""
    current: type[BaseModel] | None = model
    key_next = False  # the part after a mapping of models is a key of it, such as a tier
    for part in loc:
        if current is None:
            return None
        if isinstance(part, int) or key_next:
            key_next = False
            continue
        field = current.model_fields.get(part)
        mapped = _mapped_model(field.annotation) if field else None
        key_next = mapped is not None
        current = mapped or (_inner_model(field.annotation) if field else None)
    return None if key_next else current  # the mapping itself is no model


def is_restricted(model: type[BaseModel], loc: Loc) -> bool:
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
        if restricted_field(field):
            return True
        current = _inner_model(field.annotation)
    return False


def _expected(annotation: Any) -> str:
    """What a field holds, in words: ``a mapping with name, email``, ``one of 'a' or 'b'``."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        kinds = [arg for arg in args if arg is not type(None)]
        return _expected(kinds[0]) if len(kinds) == 1 else "a value"
    if origin is typing.Annotated:
        return _expected(args[0])
    if origin is typing.Literal:
        quoted = [f"'{arg}'" for arg in args]
        return "one of " + (", ".join(quoted[:-1]) + " or " if len(quoted) > 1 else "") + quoted[-1]
    if origin is list:
        return "a list"
    if origin is dict:
        return "a mapping"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        required = [name for name, f in annotation.model_fields.items() if f.is_required()]
        return f"a mapping with {', '.join(required)}" if required else "a mapping"
    return _PLAIN_NAMES.get(annotation, "a value")


def _describe(value: Any) -> str:
    """The value as a message shows it: quoted text, a bare number, the kind of a container."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, dt.date):
        return f"the date {value}"
    return f"'{value}'"


def _kind_of(value: Any) -> str:
    """What a value is, without showing it (restricted data never reaches any output)."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float | dt.date):
        return "a date" if isinstance(value, dt.date) else "a number"
    return "text" if isinstance(value, str) else _describe(value)


def _shown(value: Any, hidden: bool) -> str:
    return "the value" if hidden else _describe(value)


def _number(value: object) -> object:
    """A bound as people write it: 0 rather than 0.0."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _tagged(node: yaml.Node) -> bool:
    """Whether the reader replaced this node's value because of a YAML tag."""
    if isinstance(node, yaml.ScalarNode):
        plain = not node.style and node.tag in _PLAIN_TAGS
        return not (plain or (node.style and node.tag == STR))
    return node.tag not in (MAP, SEQ)


def _reported_by_reader(document: Document, loc: Loc, missing: bool) -> bool:
    """Whether the YAML reader already reported why the value at ``loc`` is absent (a tag
    or a merge key), so that a schema finding would only repeat it."""
    nodes = document.nodes(loc)
    if any(_tagged(node) for node in nodes):
        return True
    node = nodes[-1]
    merged = isinstance(node, yaml.MappingNode) and any(
        k.tag == MERGE and not k.style for k, _ in node.value
    )
    return missing and merged


def _value_type(model: type[BaseModel], loc: Loc) -> Any:
    """The type of the value at ``loc`` with its constraints (a list's item type for an
    item), or None when the model does not say."""
    items = 0
    while items < len(loc) and isinstance(loc[len(loc) - 1 - items], int):
        items += 1
    path = loc[: len(loc) - items]
    parent = model_at(model, path[:-1]) if path else None
    field = parent.model_fields.get(str(path[-1])) if parent is not None else None
    if field is None:
        return None
    annotation: Any = field.annotation
    if field.metadata:
        annotation = typing.Annotated[annotation, *field.metadata]
    for _ in range(items):
        annotation = _list_item(annotation)
    return annotation


def _list_item(annotation: Any) -> Any:
    """The item type of ``list[X]`` or ``list[X] | None``, else None."""
    if typing.get_origin(annotation) is list:
        return typing.get_args(annotation)[0]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        found = [_list_item(arg) for arg in typing.get_args(annotation)]
        return next((item for item in found if item is not None), None)
    return None


@functools.cache
def _adapter(annotation: Any) -> TypeAdapter[Any]:
    return TypeAdapter(annotation)


def _text_problem(model: type[BaseModel], loc: Loc, text: str) -> ErrorDetails | None:
    """Why ``text`` would not do as the value at ``loc`` (None: it would)."""
    annotation = _value_type(model, loc)
    if annotation is None:
        return None
    try:
        _adapter(annotation).validate_python(text, strict=True)
    except ValidationError as exc:
        return exc.errors(include_url=False)[0]
    return None


def _text_forms(value: object) -> list[tuple[str, str]]:
    """Text that a value YAML read as a date may have meant: its month, quarter, year."""
    if not isinstance(value, dt.date):
        return []
    quarter = (value.month - 1) // 3 + 1
    return [
        (f"{value:%Y-%m}", "its month"),
        (f"{value.year}-Q{quarter}", "its quarter"),
        (str(value.year), "its year"),
    ]


def _not_text(model: type[BaseModel], loc: Loc, got: object, text: str) -> str:
    """A value that YAML did not read as text where text belongs: quote it when the text
    as written is valid there, else say what is, from what the field accepts."""
    what = _describe(got).rsplit(" ", 1)[0]
    problem = _text_problem(model, loc, text)
    if problem is None:
        return f'expected text, found {what} {text}: quote it as "{text}"'
    if problem["type"] == "string_pattern_mismatch":
        message = f"{what} {text} is not {_pattern_hint(problem)}"
    else:
        as_text = _classify(problem, model, loc, text, False)[1]
        message = f"expected text, found {what} {text}; as text, {as_text}"
    forms = [
        f"{form if reads_as_text(form) else quoted(form)} for {name}"
        for form, name in _text_forms(got)
        if _text_problem(model, loc, form) is None
    ]
    if forms:
        message += (
            "; write " + (", ".join(forms[:-1]) + " or " if len(forms) > 1 else "") + forms[-1]
        )
    return message


def _colon_hint(kind: str, got: object) -> str | None:
    """The fix for text that a colon made a field (``- Agreed: renew``), or for a field
    that lacks the space after its colon (``- name:Anna``)."""
    if kind == "string_type" and isinstance(got, dict) and len(got) == 1:
        key, value = next(iter(got.items()))
        if isinstance(value, str):
            return f"': ' starts a field; quote this value, as in {quoted(f'{key}: {value}')}"
    fixed = spaced_colon(got) if kind.startswith("model_") and isinstance(got, str) else None
    return None if fixed is None else f"a space is needed after the colon, as in {fixed}"


def _type_message(
    err: ErrorDetails, model: type[BaseModel], loc: Loc, written: str | None, hidden: bool
) -> str:
    kind, got = err["type"], err["input"]
    expected = _TYPE_NAMES.get(kind, "another type")
    inner = model_at(model, loc) if kind.startswith("model_") else None
    expected = _expected(inner) if inner is not None else expected
    if got is None:
        return f"expected {expected}, found nothing: give a value or remove the field"
    if hidden:
        return f"expected {expected}, found {_kind_of(got)}"
    if kind == "bool_type" and isinstance(got, str) and got in _YAML11_BOOLEANS:
        return f"'{got}' is text in YAML 1.2: write true or false"
    if kind == "string_type" and not isinstance(got, dict | list):
        return _not_text(model, loc, got, written if written is not None else str(got))
    colon = _colon_hint(kind, got)
    if colon is not None:
        return f"expected {expected}, found {_describe(got)}: {colon}"
    if kind in ("int_type", "float_type") and isinstance(got, str) and _NUMBER.fullmatch(got):
        return f"expected {expected}, found the text '{got}': remove the quotes"
    if kind == "date_type" and isinstance(got, str) and ISO_DATE.fullmatch(got):
        return f"'{got}' is not a date of the calendar: check the month and the day"
    if kind == "list_type":
        return f"expected a list, found {_describe(got)}: {_LIST_HINT}"
    return f"expected {expected}, found {_describe(got)}"


def _value_message(err: ErrorDetails, shown: str) -> str:
    kind, ctx = err["type"], err.get("ctx", {})
    bounds = {
        "greater_than_equal": ("too small", "at least", "ge"),
        "greater_than": ("too small", "more than", "gt"),
        "less_than_equal": ("too large", "at most", "le"),
        "less_than": ("too large", "less than", "lt"),
    }
    if kind in bounds:
        what, relation, name = bounds[kind]
        return f"{shown} is {what}: it must be {relation} {_number(ctx.get(name))}"
    if kind in ("too_short", "too_long"):
        limit = ctx.get("min_length" if kind == "too_short" else "max_length")
        actual = ctx.get("actual_length") or "none"
        relation = "at least" if kind == "too_short" else "at most"
        return f"needs {relation} {limit} item{'' if limit == 1 else 's'}, found {actual}"
    if kind == "finite_number":
        return f"{shown} is not a finite number: write the measured or agreed value"
    if kind == "string_too_short":
        return "empty text: write a value or remove the field"
    if kind == "string_too_long":
        return f"longer than {ctx.get('max_length')} characters: shorten it"
    if kind == "value_error":  # a validator's own message, without pydantic's prefix
        return str(ctx.get("error", err["msg"]))
    return str(err["msg"])


def _pattern_hint(err: ErrorDetails) -> str:
    """What text a pattern asks for, in words."""
    pattern = str(err.get("ctx", {}).get("pattern"))
    return _PATTERN_HINTS.get(pattern, f"text matching the pattern {pattern}")


def _classify(
    err: ErrorDetails, model: type[BaseModel], loc: Loc, written: str | None, hidden: bool
) -> tuple[str, str]:
    """The code and message of a schema finding other than a missing or unknown field."""
    kind, ctx = err["type"], err.get("ctx", {})
    shown = _shown(err["input"], hidden)
    if kind == "literal_error":
        return "schema-enum", f"{shown} is not allowed: use one of {ctx.get('expected', '')}"
    if kind == "string_pattern_mismatch":
        return "schema-pattern", f"{shown} is not {_pattern_hint(err)}"
    if kind in _TYPE_NAMES:
        return "schema-type", _type_message(err, model, loc, written, hidden)
    return "schema-value", _value_message(err, shown)


def _unknown_field(model: type[BaseModel], loc: Loc) -> str:
    message = f"unknown field '{loc[-1]}'"
    parent = model_at(model, loc[:-1])
    if parent is not None:
        close = difflib.get_close_matches(str(loc[-1]), list(parent.model_fields), n=1)
        if close:
            message += f": did you mean '{close[0]}'?"
        else:
            message += f"; allowed here: {', '.join(parent.model_fields)}"
    return message


def _required(model: type[BaseModel], loc: Loc) -> str:
    parent = model_at(model, loc[:-1])
    field = parent.model_fields.get(str(loc[-1])) if parent is not None else None
    what = f" ({_expected(field.annotation)})" if field is not None else ""
    return f"missing required field '{loc[-1]}'{what}: add it"


def _finding(err: ErrorDetails, model: type[BaseModel], document: Document, path: str) -> Finding:
    loc: Loc = tuple(err["loc"])
    # pydantic marks a mapping key that fails (as in results) with a last part "[key]";
    # a field that is itself called "[key]" is unknown or missing, never such a failure
    key = len(loc) > 1 and loc[-1] == "[key]" and err["type"] not in ("extra_forbidden", "missing")
    loc = loc[:-1] if key else loc
    field = format_field(loc)
    if err["type"] == "missing":
        line, col = document.position(loc[:-1])
        return error("schema-required", path, line, col, field, _required(model, loc))
    hidden = is_restricted(model, loc)
    if err["type"] == "extra_forbidden":
        line, col = document.position(loc, key=True)
        code, message = "schema-unknown-field", _unknown_field(model, loc)
    else:
        line, col = document.position(loc, key=key)
        code, message = _classify(err, model, loc, document.source_text(loc), hidden)
    if hidden:
        return replace(error(code, path, line, col, field, message + _HIDDEN), quote=False)
    return error(code, path, line, col, field, message)


def validate(document: Document, model: type[M], path: str) -> tuple[M | None, list[Finding]]:
    """Validate a parsed record; return the model instance or the findings."""
    try:
        return model.model_validate(document.data), []
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
    return None, [
        _finding(err, model, document, path)
        for err in errors
        if not _reported_by_reader(document, tuple(err["loc"]), err["type"] == "missing")
    ]
