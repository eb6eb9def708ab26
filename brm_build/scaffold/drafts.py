"""A new record from the answers: rendered, parsed and validated exactly as ``brm check``
will read it, and its references resolved, before anything is written."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ..demo.yamltext import Value, document
from ..model import KIND_BY_NAME, Kind
from ..model.ids import is_id
from ..reading import parse_file
from ..repository import Repository
from ..validation import validate
from .options import Values

_PERSON = ("name", "email")
Fields = dict[str, Value]


@dataclass(frozen=True)
class Draft:
    """A new record: where it goes (relative to the repository) and its text."""

    path: str
    text: str


def slug(text: str, room: int = 53) -> str:
    """A file-name slug from free text: lower-case words joined by hyphens."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    out = ""
    for word in words:
        if len(out) + len(word) + 1 > room:
            break
        out = f"{out}-{word}" if out else word
    return out or "record"


def _text(values: Values, name: str) -> str | None:
    value = values.get(name)
    return value[0] if isinstance(value, list) else value or None


def _list(values: Values, name: str) -> list[Value]:
    value = values.get(name) or []
    items = [value] if isinstance(value, str) else value
    return [part.strip() for item in items for part in item.split(",") if part.strip()]


def _person(values: Values, prefix: str) -> dict[str, Value] | None:
    person = {key: _text(values, f"{prefix}_{key}") for key in _PERSON}
    return person if any(person.values()) else None  # type: ignore[return-value]


def _date(text: str | None) -> Value:
    """A date when ``text`` is one, else the text, for validation to report."""
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return text


def _customer(v: Values) -> tuple[str, Fields]:
    return _text(v, "id") or "", {
        "name": _text(v, "name"),
        "role": _text(v, "role"),
        "parent": _text(v, "parent"),
        "manager": _person(v, "manager"),
        "relationship_manager": _person(v, "relationship_manager"),
        "services": _list(v, "service") or None,
        "owners": _list(v, "owner") or None,
    }


def _agreement(v: Values) -> tuple[str, Fields]:
    return _text(v, "id") or "", {
        "title": _text(v, "title"),
        "customer": _text(v, "customer"),
        "services": _list(v, "service"),
        "status": _text(v, "status") or "draft",
        "valid_from": _date(_text(v, "valid_from")),
        "valid_until": _date(_text(v, "valid_until")),
    }


def _dated_id(v: Values, source: str) -> str:
    """A dated record's id: its date, then a slug given or made from ``source``."""
    return f"{_text(v, 'date') or ''}-{_text(v, 'slug') or slug(_text(v, source) or '')}"


def _meeting(v: Values) -> tuple[str, Fields]:
    return _dated_id(v, "title"), {
        "title": _text(v, "title"),
        "date": _date(_text(v, "date")),
        "customers": _list(v, "customer"),
        "type": _text(v, "type"),
    }


def _feedback(v: Values) -> tuple[str, Fields]:
    level = _text(v, "level")
    return _dated_id(v, "summary"), {
        "type": _text(v, "type"),
        "date": _date(_text(v, "date")),
        "customer": _text(v, "customer"),
        "service": _text(v, "service"),
        "agreement": _text(v, "agreement"),
        "level": int(level) if level and level.isdigit() else level,
        "summary": _text(v, "summary"),
        "status": "open",
    }


def _survey(v: Values) -> tuple[str, Fields]:
    return _text(v, "id") or "", {
        "title": _text(v, "title"),
        "period": _text(v, "period"),
        "closed": _date(_text(v, "closed")),
        "responses": [],
    }


_BUILDERS: dict[str, Callable[[Values], tuple[str, Fields]]] = {
    "customer": _customer,
    "agreement": _agreement,
    "meeting": _meeting,
    "feedback": _feedback,
    "survey": _survey,
}


_MORE_FIELDS = {
    "customer": "cost_center, it_budget (restricted), contacts, plans, escalation, summary, tags",
    "agreement": "review_by, signed, service_levels, funding (restricted), document, notes",
    "meeting": "attendees, agreements, projects, decisions, actions, requirements",
    "feedback": "raised_by (restricted), resolved_on, resolution",
    "survey": "responses: one item per answer (customer, csat, nps, service, respondent_role)",
}


def record_path(kind: Kind, rid: str) -> str:
    """Where a record of ``kind`` with id ``rid`` lives, relative to the repository."""
    folder = f"records/{kind.folder}/{rid[:4]}" if kind.dated else f"records/{kind.folder}"
    return f"{folder}/{rid}{kind.extension}"


def schema_line(kind: Kind, path: str) -> str:
    """The comment that points an editor's YAML language server at the kind's schema."""
    return f"# yaml-language-server: $schema={'../' * path.count('/')}schemas/{kind.schema_file}\n"


def render(kind: Kind, path: str, data: Fields) -> str:
    """The text of a new record file.

    A meeting is Markdown with YAML front matter: editors apply no schema to front
    matter, so it gets no schema line; the check validates it all the same.
    """
    more = f"# More fields: {_MORE_FIELDS[kind.name]}.\n"
    if kind.extension == ".md":
        return f"---\n{document(data)}{more}---\n# {data.get('title')}\n"
    return schema_line(kind, path) + document(data) + more


def _known(repo: Repository, kind: str, rid: object) -> list[str]:
    if rid is None or rid in repo.files.get(kind, set()):
        return []
    folder = KIND_BY_NAME[kind].folder
    return [
        f"unknown {kind} '{rid}': there is no records/{folder}/{rid}{KIND_BY_NAME[kind].extension}"
    ]


def _references(kind: str, data: Mapping[str, object], repo: Repository) -> list[str]:
    problems: list[str] = []
    lists = {"services": "service", "customers": "customer"}
    for field, target in lists.items():
        for item in data.get(field) or []:  # type: ignore[attr-defined]
            problems += _known(repo, target, item)
    for field in ("customer", "service", "agreement"):
        if kind != "customer":
            problems += _known(repo, field, data.get(field))
    problems += _known(repo, "customer", data.get("parent"))
    party = repo.customers.get(str(data.get("customer")))
    if kind == "agreement" and party is not None and party.record.role != "customer":
        problems.append(
            f"'{data['customer']}' is a purchaser: an agreement is made with a unit whose "
            "role is customer (the unit with the mandate)"
        )
    return problems


def draft(kind_name: str, values: Values, repo: Repository) -> tuple[Draft | None, list[str]]:
    """The new record, or the problems that stop it, each naming the field."""
    kind = KIND_BY_NAME[kind_name]
    rid, data = _BUILDERS[kind_name](values)
    if not is_id(rid):
        return None, [
            f"'{rid}' is not a valid id: lower-case letters, digits and single hyphens, "
            "64 characters at most"
        ]
    if rid in repo.files.get(kind_name, set()):
        return None, [f"a {kind_name} '{rid}' exists already: brm new never overwrites"]
    path = record_path(kind, rid)
    text = render(kind, path, data)
    parsed = parse_file(text, path, markdown=kind.extension == ".md")
    findings = list(parsed.findings)
    if parsed.document is not None:
        findings += validate(parsed.document, kind.model, path)[1]
    problems = [f"{f.field or kind_name}: {f.message}" for f in findings]
    problems += _references(kind_name, data, repo)
    return (None if problems else Draft(path, text)), problems
