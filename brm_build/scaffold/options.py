"""What ``brm new`` asks for, kind by kind, and asking until nothing is missing."""

from __future__ import annotations

import datetime as dt
import types
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Literal, Union, get_args, get_origin

from ..model import KINDS, Agreement, Feedback, Kind, Meeting, Project, Record, Service

Values = dict[str, str | list[str]]
"""Answers by option name: text, or a list for options that take several values."""


def choices(model: type[Record], field: str) -> tuple[str, ...]:
    """The values that the model allows for ``field`` (a Literal, perhaps optional)."""
    annotation = model.model_fields[field].annotation
    if get_origin(annotation) in (Union, types.UnionType):
        annotation = next(a for a in get_args(annotation) if get_origin(a) is Literal)
    return tuple(str(value) for value in get_args(annotation))


MEETING_TYPES = choices(Meeting, "type")


@dataclass(frozen=True)
class Option:
    """One value that ``brm new <kind>`` takes: a flag, and a prompt on a terminal."""

    name: str
    prompt: str
    required: Callable[[Values], bool] | bool = False
    choices: tuple[str, ...] = ()
    many: bool = False

    @property
    def flag(self) -> str:
        """The command-line flag, such as ``--manager-email``."""
        return "--" + self.name.replace("_", "-")

    def needed(self, values: Values) -> bool:
        """Whether this option must have a value, given the values so far."""
        return self.required(values) if callable(self.required) else self.required


def _role(role: str) -> Callable[[Values], bool]:
    return lambda values: values.get("role") == role


_ID_OPTION = Option("id", "id (file name: lower-case letters, digits, hyphens)", True)
_WRITTEN: dict[str, tuple[Option, ...]] = {
    "customer": (
        _ID_OPTION,
        Option("name", "name of the business unit", True),
        Option("role", "role", True, ("customer", "purchaser")),
        Option("parent", "parent unit (id of a customer)", _role("purchaser")),
        Option("manager_name", "manager's name", True),
        Option("manager_email", "manager's email", True),
        Option("relationship_manager_name", "relationship manager's name", _role("customer")),
        Option("relationship_manager_email", "relationship manager's email", _role("customer")),
        Option("service", "services used (ids)", many=True),
        Option("owner", "owners who review changes (handles such as @alice)", many=True),
    ),
    "agreement": (
        _ID_OPTION,
        Option("title", "title", True),
        Option("customer", "customer (id of a unit with role customer)", True),
        Option("service", "services covered (ids)", True, many=True),
        Option("valid_from", "valid from (YYYY-MM-DD)", True),
        Option("valid_until", "valid until (YYYY-MM-DD)"),
        Option("status", "status (default: draft)", False, choices(Agreement, "status")),
    ),
    "meeting": (
        Option("date", "date (YYYY-MM-DD)", True),
        Option("title", "title", True),
        Option("customer", "customers met (ids)", True, many=True),
        Option("type", "type of meeting", True, MEETING_TYPES),
        Option("slug", "file name after the date (default: from the title)"),
        Option("pack", "review pack period for the notes' agenda (YYYY-Qn, YYYY-MM or YYYY)"),
    ),
    "feedback": (
        Option("type", "type", True, choices(Feedback, "type")),
        Option("date", "date raised (YYYY-MM-DD)", True),
        Option("customer", "customer (id)", True),
        Option("summary", "summary in one sentence", True),
        Option("level", "escalation level (1, 2, …)", lambda v: v.get("type") == "escalation"),
        Option("service", "service (id)"),
        Option("agreement", "agreement (id)"),
        Option("slug", "file name after the date (default: from the summary)"),
    ),
    "survey": (
        _ID_OPTION,
        Option("title", "title", True),
        Option("period", "period (YYYY-Qn, YYYY-MM or YYYY)", True),
        Option("closed", "closed on (YYYY-MM-DD)"),
    ),
    "service": (
        _ID_OPTION,
        Option("name", "name of the service", True),
        Option("owner_name", "service owner's name", True),
        Option("owner_email", "service owner's email", True),
        Option("status", "status", True, choices(Service, "status")),
        Option("description", "what the service does, in one sentence"),
        Option("support_hours", "support hours (such as Mon-Fri 08:00-17:00)"),
    ),
    "report": (
        Option("agreement", "agreement measured (id; also the report's file name)", True),
        Option("period", "period measured (YYYY-MM or YYYY-Qn)", True),
        Option(
            "result", "result as SERVICE-LEVEL=NUMBER, such as availability=99.9", True, many=True
        ),
    ),
    "project": (
        _ID_OPTION,
        Option("name", "name of the project", True),
        Option("customer", "customers it concerns (ids)", True, many=True),
        Option("status", "status", True, choices(Project, "status")),
        Option("service", "services it changes (ids)", many=True),
        Option("health", "health", False, choices(Project, "health")),
        Option("start", "start (YYYY-MM-DD)"),
        Option("planned_end", "planned end (YYYY-MM-DD)"),
        Option("sponsor_name", "sponsor's name"),
        Option("sponsor_email", "sponsor's email"),
    ),
}
"""The options of the kinds whose records are more than their fields (people, dates in
the id, results by service level): written by hand."""

SIMPLE = (str, int, float, dt.date)
"""The field types an option gives as one value on the command line."""


def field_shape(annotation: object) -> tuple[type, bool, tuple[str, ...]] | None:
    """A field's type as an option takes it (its simple type, whether it takes several
    values, its choices), or None when one value on the command line cannot be it."""
    annotation = _bare(annotation)
    if get_origin(annotation) in (Union, types.UnionType):
        inner = [a for a in get_args(annotation) if a is not type(None)]
        if len(inner) != 1:
            return None
        annotation = _bare(inner[0])
    many = get_origin(annotation) is list
    if many:
        annotation = _bare(get_args(annotation)[0])
    if get_origin(annotation) is Literal:
        return str, many, tuple(str(value) for value in get_args(annotation))
    simple = annotation if isinstance(annotation, type) and annotation in SIMPLE else None
    return None if simple is None else (simple, many, ())


def _bare(annotation: object) -> object:
    """A type without its ``Annotated`` constraints."""
    return get_args(annotation)[0] if get_origin(annotation) is Annotated else annotation


def derived_options(kind: Kind) -> tuple[Option, ...]:
    """The options of a kind with none written for it, read from its model: the id, then
    every field that one value or a repeated value on the command line can be."""
    options = [_ID_OPTION]
    for name, info in kind.model.model_fields.items():
        shape = field_shape(info.annotation)
        if shape is not None:
            _, many, allowed = shape
            prompt = name.replace("_", " ") + (" (ids)" if many else "")
            options.append(Option(name, prompt, info.is_required(), allowed, many))
    return tuple(options)


OPTIONS: dict[str, tuple[Option, ...]] = {
    **_WRITTEN,
    **{k.name: derived_options(k) for k in KINDS if not k.dated and k.name not in _WRITTEN},
}
"""What ``brm new`` takes, kind by kind: every undated kind can be written, a kind added
to the registry without options of its own by the options its model gives."""


def missing(kind: str, values: Values) -> list[Option]:
    """The options that still need a value."""
    return [o for o in OPTIONS[kind] if o.needed(values) and not values.get(o.name)]


def fill(kind: str, values: Values, ask: Callable[[Option], str | list[str] | None]) -> Values:
    """Ask for every missing value until none is missing; ``ask`` returns None to give up."""
    filled = dict(values)
    while todo := missing(kind, filled):
        for option in todo:
            answer = ask(option)
            if answer is None:
                return filled
            if answer:
                filled[option.name] = answer
    return filled
