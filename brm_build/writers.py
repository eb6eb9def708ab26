"""The writers' guide: how to propose a change, the fields of every kind and what each
finding means, as one Markdown page generated from the schemas and the code registry."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .codes import CODES
from .escape.html import attribute
from .escape.html import text as html_text
from .model import KINDS, RESTRICTED, Kind
from .model.common import MAX_NUMBER, PERIOD_PATTERN, REF_PATTERN, YEARLY_PERIOD_PATTERN
from .model.ids import ID_PATTERN
from .model.settings import BrmConfig
from .schemas import kind_schema

_REFERENCES = {
    "customer": "customer",
    "customers": "customer",
    "parent": "customer",
    "service": "service",
    "services": "service",
    "agreement": "agreement",
    "agreements": "agreement",
    "projects": "project",
}
_PATTERNS = {
    PERIOD_PATTERN: "period: `YYYY-MM` or `YYYY-Qn`, years 1900–2199",
    YEARLY_PERIOD_PATTERN: "period: `YYYY`, `YYYY-Qn` or `YYYY-MM`, years 1900–2199",
    REF_PATTERN: "12 hex digits written by `brm import`",
    "^[A-Z]{3}$": "currency code (ISO 4217), such as `EUR`",
    "^https?://\\S+$": "web address (http or https)",
    "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$": "email address",
    "^@[A-Za-z0-9][A-Za-z0-9_.-]*(/[A-Za-z0-9_.-]+)?$": "git-host handle such as `@alice`",
}
_PLURALS = {"text": "texts", "id": "ids"} | {
    words: words.replace("handle ", "handles ", 1) for words in _PATTERNS.values()
}
Schema = dict[str, Any]


def _plain(prop: Schema) -> Schema:
    """The schema of a value without its ``| None``."""
    options = [p for p in prop.get("anyOf", []) if p.get("type") != "null"]
    return {**prop, **options[0]} if len(options) == 1 else prop


def _ref(prop: Schema, defs: dict[str, Schema]) -> Schema | None:
    ref = prop.get("$ref")
    return defs[ref.rsplit("/", 1)[1]] if isinstance(ref, str) else None


def _value(name: str, prop: Schema) -> str:
    """What a field holds, in words."""
    if "enum" in prop:
        return "one of " + ", ".join(f"`{v}`" for v in prop["enum"])
    kind = prop.get("type")
    if kind == "array":
        item = _value(name, _plain(prop.get("items", {})))
        if item.startswith("id of a "):
            return f"list of {item[len('id of a ') :]} ids"
        return "list of " + _PLURALS.get(item, item)
    if kind == "object":
        values = [*prop.get("patternProperties", {}).values(), prop.get("additionalProperties")]
        if any(isinstance(v, dict) and v.get("type") == "integer" for v in values):
            return "mapping of customer id to whole number ≥ 1"
        return "mapping of service-level id to measured number"
    if kind == "integer":
        low, high = prop.get("minimum"), prop.get("maximum")
        return "whole number" + (
            f" {low}–{high}" if high is not None else f" ≥ {low}" if low else ""
        )
    if kind == "number":
        low = prop.get("minimum", -MAX_NUMBER)  # the bound of every number is no news
        return "number" + (f" ≥ {low}" if low > -MAX_NUMBER else "")
    if kind == "boolean":
        return "`true` or `false`"
    pattern = prop.get("pattern")
    if pattern == ID_PATTERN:
        target = _REFERENCES.get(name)
        return f"id of a {target}" if target else "id"
    if pattern in _PATTERNS:
        return _PATTERNS[pattern]
    if prop.get("format") == "date":
        return "date `YYYY-MM-DD`"
    if prop.get("format") == "markdown":
        return "Markdown text"
    return "text"


def field_rows(
    schema: Schema, defs: dict[str, Schema], prefix: str = ""
) -> Iterator[tuple[str, bool, str, str]]:
    """(field path, required, value in words, note) for every field, nested ones dotted."""
    required = set(schema.get("required", []))
    for name, raw in schema.get("properties", {}).items():
        prop = _plain(raw)
        path = f"{prefix}{name}"
        note = "restricted: never published unless opted in" if raw.get(RESTRICTED) else ""
        if "default" in raw and raw["default"] not in (None, [], {}, False):
            note = f"default `{raw['default']}`"
        nested = _ref(prop, defs)
        items = _ref(prop.get("items", {}), defs) if prop.get("type") == "array" else None
        if nested is not None:
            yield path, name in required, "mapping", note
            yield from field_rows(nested, defs, f"{path}.")
        elif items is not None:
            yield path, name in required, "list of mappings, each with:", note
            yield from field_rows(items, defs, f"{path}[].")
        else:
            yield path, name in required, _value(name, prop), note


def _kind_section(kind: Kind) -> list[str]:
    schema = kind_schema(kind)
    where = (
        f"records/{kind.folder}/<yyyy>/<yyyy-mm-dd>-<slug>{kind.extension}"
        if kind.dated
        else f"records/{kind.folder}/<id>{kind.extension}"
    )
    out = [f"### {kind.name}", "", f"{schema['description']} File: `{where}`.", ""]
    if kind.extension == ".md":
        out += ["The fields are the front matter; the notes follow it as Markdown.", ""]
    out += ["| Field | Required | Value | Note |", "| --- | --- | --- | --- |"]
    for path, required, value, note in field_rows(schema, schema.get("$defs", {})):
        out.append(f"| `{path}` | {'yes' if required else ''} | {value} | {note} |")
    return [*out, ""]


def _proposing(config: BrmConfig) -> list[str]:
    url = config.repository.url  # validated as plain, and escaped all the same
    host = f'<a href="{attribute(url)}">{html_text(url)}</a>' if url else "the records repository"
    return [
        "## How to propose a change",
        "",
        f'1. Open the record in {host}: every page of the site links "propose a change" '
        "to its file. Edit it in the browser, or in an editor that reads the schemas "
        "(`.vscode/settings.json` maps each folder to its schema, so fields complete and "
        "mistakes show as you type).",
        f"2. For a new record, run `brm new {'|'.join(kind.name for kind in KINDS)}` with "
        "the values as options (`--help` lists them); it checks the records as they would "
        "be with the new one, shows what it finds and writes only a file that passes.",
        "3. Run `brm check` before you commit, or let `pre-commit` run it.",
        "4. Open a pull request. CI runs `brm check` on every commit and posts what the "
        "change means (`brm diff`): records added, removed and changed field by field.",
        "5. The owners of the customer review it (CODEOWNERS, written by "
        "`brm codeowners` from the customers' `owners`). A weaker service-level target, "
        "changed funding, an agreement's status or validity, a customer's role, parent, "
        "relationship manager or owners are listed under *Needs careful review*.",
        "6. When it is merged, the site is rebuilt from the main branch.",
        "",
        "Restricted values (budgets, funding, comments, who raised feedback, phone "
        "numbers) are validated but never shown on the site or in change summaries.",
        "",
    ]


def writers_page(config: BrmConfig) -> str:
    """The writers' guide as Markdown."""
    out = ["# Writing records", ""]
    out += _proposing(config)
    out += [
        "## Kinds of record and their fields",
        "",
        "A field marked required inside a mapping or list item is required when that "
        "mapping or item is given.",
        "",
    ]
    for kind in KINDS:
        out += _kind_section(kind)
    out += [
        "## Findings",
        "",
        "`brm check` reports each problem with its file, line, field and what to do. "
        "Errors fail the check; warnings fail it only with `--strict`.",
        "",
        "| Code | Meaning |",
        "| --- | --- |",
    ]
    out += [f"| `{code}` | {meaning} |" for code, meaning in sorted(CODES.items())]
    return "\n".join(out) + "\n"
