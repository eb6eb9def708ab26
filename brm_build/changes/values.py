"""Values as short text for a change summary, with restricted fields never shown."""

from __future__ import annotations

import datetime as dt
import json
import re

from pydantic import BaseModel

from ..model import is_restricted

TEXT_LIMIT = 80
"""Longer or multi-line text is summarised ("text changed"), not shown."""
HIDDEN = "restricted: not shown"
_PLAIN = re.compile(r"[\w.@/+:-]+")


def is_long_text(value: object) -> bool:
    """Whether ``value`` is text too long or too many lines to show inline."""
    return isinstance(value, str) and ("\n" in value.strip() or len(value) > TEXT_LIMIT)


def text_size(value: str) -> str:
    """How big a text is, in lines when it has several, else in characters."""
    lines = value.strip().count("\n") + 1
    return f"{lines} lines" if lines > 1 else f"{len(value)} characters"


def show(value: object, limit: int = TEXT_LIMIT) -> str:
    """A value as short text: plain words plain, other text quoted, models inline."""
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, int | dt.date):
        return str(value)
    if isinstance(value, str):
        shown = value if len(value) <= limit else value[: limit - 1].rstrip() + "…"
        return shown if _PLAIN.fullmatch(shown) else json.dumps(shown, ensure_ascii=False)
    if isinstance(value, BaseModel):
        return "{" + ", ".join(_model_items(value)) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(show(item, 40) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {show(v, 40)}" for k, v in value.items()) + "}"
    return show(str(value), limit)


def _model_items(model: BaseModel) -> list[str]:
    items = []
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        if value is None or value == [] or value == {}:
            continue
        items.append(f"{name}: ({HIDDEN})" if is_restricted(info) else f"{name}: {show(value, 40)}")
    return items
