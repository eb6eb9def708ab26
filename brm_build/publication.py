"""The public view of the records: the one place where restricted fields are dropped.

records.md, "Restricted data": fields marked restricted in the model, and every person's
``phone``, are never published unless ``brm.yaml`` opts in by name under ``publish``. A
name is the kind followed by the field path without list indices, such as
``customer.it_budget``, ``agreement.funding``, ``survey.responses.comment`` or
``customer.contacts.phone``; ``person.phone`` opts in every person's phone.
"""

from __future__ import annotations

import difflib
import functools
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from .findings import Finding, error
from .model import (
    KINDS,
    Agreement,
    Customer,
    Feedback,
    Meeting,
    Person,
    Project,
    Record,
    Report,
    Service,
    Survey,
    is_restricted,
)
from .model.repository import Entry, Repository
from .model.restricted import models_in, restricted_paths
from .model.settings import BrmConfig
from .model.tables import Table, empty_tables
from .reading import read_text
from .settings import CONFIG_FILE
from .yamlsource import parse_mapping

M = TypeVar("M", bound=Record, covariant=True)
R = TypeVar("R", bound=BaseModel)
T = TypeVar("T", bound=Record)

EVERY_PHONE = "person.phone"


@dataclass(frozen=True, slots=True)
class Published(Generic[M]):
    """A record as the site may show it: restricted fields already removed."""

    id: str
    path: str
    record: M
    body: str | None = None
    """A meeting's Markdown notes."""


@dataclass(frozen=True)
class Publication:
    """Every valid record in its public view, by kind."""

    tables: dict[str, dict[str, Any]] = field(default_factory=empty_tables)
    """Every kind's public records by id, by the kind's folder."""

    customers = Table[Published[Customer]]()
    services = Table[Published[Service]]()
    agreements = Table[Published[Agreement]]()
    meetings = Table[Published[Meeting]]()
    surveys = Table[Published[Survey]]()
    reports = Table[Published[Report]]()
    projects = Table[Published[Project]]()
    feedback = Table[Published[Feedback]]()

    def table(self, folder: str) -> dict[str, Published[Record]]:
        """The public records of the kind in ``folder``, by id."""
        table: dict[str, Published[Record]] = self.tables[folder]
        return table


def _opted_in(model: BaseModel, name: str, path: str, publish: frozenset[str]) -> bool:
    if path in publish:
        return True
    return isinstance(model, Person) and name == "phone" and EVERY_PHONE in publish


def _public_value(value: Any, path: str, publish: frozenset[str]) -> Any:
    if isinstance(value, BaseModel):
        return public_view(value, path, publish)
    if isinstance(value, list):
        items = [_public_value(item, path, publish) for item in value]
        return items if any(a is not b for a, b in zip(items, value, strict=True)) else value
    return value


def public_view(model: R, path: str, publish: frozenset[str]) -> R:
    """``model`` (found at field path ``path``) with every restricted field not opted in
    set to None, at any depth."""
    updates: dict[str, Any] = {}
    for name, restricted in _plan(type(model)):
        value = getattr(model, name)
        here = f"{path}.{name}"
        if restricted and not _opted_in(model, name, here, publish):
            if value is not None:
                updates[name] = None
            continue
        public = _public_value(value, here, publish)
        if public is not value:
            updates[name] = public
    return model.model_copy(update=updates) if updates else model


@functools.cache
def _plan(model: type[BaseModel]) -> tuple[tuple[str, bool], ...]:
    """The fields of ``model`` that are restricted, or may hold a model with a restricted
    field at any depth, each with whether it is restricted itself; the others are public
    as they are, so the public view does not look at them."""
    return tuple(
        (name, is_restricted(info))
        for name, info in model.model_fields.items()
        if is_restricted(info) or _may_hide(info.annotation, frozenset({model}))
    )


def _may_hide(annotation: Any, seen: frozenset[type[BaseModel]]) -> bool:
    """Whether a field annotated ``annotation`` may hold a restricted field at any depth."""
    if annotation is Any or annotation is object:
        return True
    for inner in models_in(annotation):
        if inner in seen:
            return True
        fields = inner.model_fields.values()
        if any(
            is_restricted(info) or _may_hide(info.annotation, seen | {inner}) for info in fields
        ):
            return True
    return False


def _published(entry: Entry[T], kind: str, publish: frozenset[str]) -> Published[T]:
    return Published(entry.id, entry.path, public_view(entry.record, kind, publish), entry.body)


def public_records(table: Mapping[str, Published[T]]) -> dict[str, T]:
    """The public records of one kind of a publication, by id, in its order."""
    return {rid: published.record for rid, published in table.items()}


def publish(repository: Repository, names: list[str]) -> Publication:
    """The public view of every valid record, keeping restricted fields named in ``names``."""
    opted = frozenset(names)
    tables: dict[str, Any] = {}
    for kind in KINDS:
        source = repository.table(kind)
        tables[kind.folder] = {
            rid: _published(entry, kind.name, opted) for rid, entry in sorted(source.items())
        }
    return Publication(tables)


def restricted_names() -> list[str]:
    """Every name that ``publish`` in brm.yaml accepts, sorted."""
    return sorted({EVERY_PHONE, *restricted_paths()})


def publish_findings(root: str, config: BrmConfig, text: str | None = None) -> list[Finding]:
    """A finding for every name under ``publish`` in brm.yaml that is not a restricted
    field, placed in brm.yaml's ``text`` as read with ``config`` (read here if not given)."""
    known = restricted_names()
    unknown = [(i, name) for i, name in enumerate(config.publish) if name not in known]
    if not unknown:
        return []
    if text is None:
        path = os.path.join(root, CONFIG_FILE)
        text, _ = read_text(path, CONFIG_FILE, config.limits.max_file_bytes)
    document = parse_mapping(text, CONFIG_FILE)[0] if text is not None else None
    findings = []
    for i, name in unknown:
        line, column = document.position(("publish", i)) if document else (1, 1)
        close = difflib.get_close_matches(name, known, n=1)
        hint = f"did you mean '{close[0]}'?" if close else "use one of: " + ", ".join(known)
        findings.append(
            error(
                "publish-unknown-field",
                CONFIG_FILE,
                line,
                column,
                f"publish[{i}]",
                f"'{name}' names no restricted field, so nothing is opted in: {hint}",
            )
        )
    return findings
