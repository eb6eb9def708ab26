"""Which fields are restricted (records.md, "Restricted data"), derived once from the models:
the public view, the ``publish`` names of brm.yaml and the quoting of source lines read it."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from .common import is_restricted
from .registry import KINDS


def models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    """The model classes that a field annotation such as ``list[Contact] | None`` holds."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
        return
    for arg in getattr(annotation, "__args__", ()):
        yield from models_in(arg)


def _paths(model: type[BaseModel], path: str) -> Iterator[str]:
    for name, info in model.model_fields.items():
        here = f"{path}.{name}"
        if is_restricted(info):
            yield here
        for inner in models_in(info.annotation):
            yield from _paths(inner, here)


@functools.cache
def restricted_paths() -> tuple[str, ...]:
    """Every restricted field of every kind at any depth, as ``kind.field.field``, sorted."""
    return tuple(sorted({p for kind in KINDS for p in _paths(kind.model, kind.name)}))


def restricted_keys() -> list[str]:
    """The key of every restricted field at any depth, sorted: what a quoted line never shows."""
    return sorted({path.rsplit(".", 1)[-1] for path in restricted_paths()})
