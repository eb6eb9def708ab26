"""A new record from the answers, rendered as a person would write it."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ..demo.yamltext import Value, document
from ..model import KIND_BY_NAME, Kind, is_restricted
from ..model.common import ISO_DATE
from ..model.ids import dated_year, is_id
from .options import OPTIONS, Values, field_shape

_PERSON = ("name", "email")
Fields = dict[str, Value]


@dataclass(frozen=True)
class Draft:
    """A new record: its kind, id, where it goes (relative to the repository), its text."""

    kind: Kind
    id: str
    path: str
    text: str


@dataclass(frozen=True)
class Problem:
    """Why the values make no record, and the option whose value is at fault."""

    text: str
    option: str


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


def _texts(values: Values, name: str) -> list[str]:
    value = values.get(name) or []
    items = [value] if isinstance(value, str) else value
    return [part.strip() for item in items for part in item.split(",") if part.strip()]


def _list(values: Values, name: str) -> list[Value]:
    return list(_texts(values, name))


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


def _service(v: Values) -> tuple[str, Fields]:
    return _text(v, "id") or "", {
        "name": _text(v, "name"),
        "description": _text(v, "description"),
        "owner": _person(v, "owner"),
        "status": _text(v, "status"),
        "support_hours": _text(v, "support_hours"),
    }


def _number(text: str) -> Value:
    """A number when ``text`` is one, else the text, for validation to report."""
    try:
        return int(text) if text.lstrip("-").isdigit() else float(text)
    except ValueError:
        return text


def _results(v: Values) -> dict[str, Value]:
    results: dict[str, Value] = {}
    for item in _texts(v, "result"):
        level, equals, number = item.partition("=")
        if not equals or not level.strip():
            raise Unusable(
                f"--result '{item}': write SERVICE-LEVEL=NUMBER, such as availability=99.9",
                "result",
            )
        results[level.strip()] = _number(number.strip())
    return results


def _report(v: Values) -> tuple[str, Fields]:
    agreement = _text(v, "agreement")
    measurement: Fields = {"period": _text(v, "period"), "results": _results(v)}
    return agreement or "", {"agreement": agreement, "measurements": [measurement]}


def _project(v: Values) -> tuple[str, Fields]:
    return _text(v, "id") or "", {
        "name": _text(v, "name"),
        "customers": _list(v, "customer"),
        "services": _list(v, "service") or None,
        "status": _text(v, "status"),
        "health": _text(v, "health"),
        "start": _date(_text(v, "start")),
        "planned_end": _date(_text(v, "planned_end")),
        "sponsor": _person(v, "sponsor"),
    }


_BUILDERS: dict[str, Callable[[Values], tuple[str, Fields]]] = {
    "customer": _customer,
    "agreement": _agreement,
    "meeting": _meeting,
    "feedback": _feedback,
    "survey": _survey,
    "service": _service,
    "report": _report,
    "project": _project,
}


def _from_model(kind: Kind) -> Callable[[Values], tuple[str, Fields]]:
    """The builder of a kind with no builder of its own: each option sets the field of its
    name (see ``options.derived_options``)."""

    def build(v: Values) -> tuple[str, Fields]:
        data: Fields = {}
        for name, info in kind.model.model_fields.items():
            shape = field_shape(info.annotation)
            if shape is not None and v.get(name):
                simple, many, _ = shape
                data[name] = _list(v, name) if many else _typed(simple, _text(v, name))
        return _text(v, "id") or "", data

    return build


def _typed(simple: type, text: str | None) -> Value:
    """``text`` as a value of the field's type when it is one, else the text as given,
    for validation to report."""
    if simple is dt.date:
        return _date(text)
    try:
        return simple(text) if simple in (int, float) and text is not None else text
    except ValueError:
        return text


_HINTS = {
    "survey": "responses: one item per answer (customer, csat, nps, service, respondent_role)",
    "report": "measurements: one item per period (period, results, notes)",
}


def more_fields(kind: Kind, data: Mapping[str, object]) -> str:
    """The fields a new record leaves out, restricted ones marked, for its last comment."""
    left = [
        name + (" (restricted)" if is_restricted(info) else "")
        for name, info in kind.model.model_fields.items()
        if data.get(name) in (None, [])
    ]
    hint = _HINTS.get(kind.name)
    return "; ".join(part for part in (", ".join(left), hint) if part)


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
    listed = more_fields(kind, data)
    more = f"# More fields: {listed}.\n" if listed else ""
    if kind.extension == ".md":
        return f"---\n{document(data)}{more}---\n# {data.get('title')}\n"
    return schema_line(kind, path) + document(data) + more


def _id_option(kind_name: str) -> str:
    """The option that names a new record of an undated kind: its id, or for a report the
    agreement it is named after."""
    names = [option.name for option in OPTIONS[kind_name]]
    return "id" if "id" in names else names[0]


class Unusable(ValueError):
    """A value that cannot make a record at all (the check cannot judge what is not there)."""

    def __init__(self, message: str, option: str) -> None:
        super().__init__(message)
        self.option = option


def draft(kind_name: str, values: Values) -> tuple[Draft | None, list[Problem]]:
    """The new record, or the problem with its values that stops it before any check.

    Whether the record passes is for the check to say, on the repository as it would be
    (``trial``): here only what makes no file, a name that is no id.
    """
    kind = KIND_BY_NAME[kind_name]
    if kind.dated and not ISO_DATE.fullmatch(_text(values, "date") or ""):
        text = f"--date '{_text(values, 'date')}': write the date as YYYY-MM-DD"
        return None, [Problem(text, "date")]
    try:
        build = _BUILDERS.get(kind_name) or _from_model(kind)
        rid, data = build(values)
    except Unusable as exc:
        return None, [Problem(str(exc), exc.option)]
    if not (dated_year(rid) is not None if kind.dated else is_id(rid)):
        text = (
            f"'{rid}' is not a valid id: lower-case letters, digits and single hyphens, "
            "64 characters at most"
        )
        return None, [Problem(text, "slug" if kind.dated else _id_option(kind_name))]
    path = record_path(kind, rid)
    return Draft(kind, rid, path, render(kind, path, data)), []
