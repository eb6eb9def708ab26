"""YAML syntax errors in the words of the people who write records: where the mistake is,
not where the parser noticed it, and how to fix it.

libyaml notices a missing space after a colon on the next field, and an unclosed quote
at the end of the file. Each diagnosis starts from the parser's position and looks back
over the lines the mistake can lie on, for a mistake that people make by hand: in the
layout of the lines (``layout``) or in a value that needs quotes (``values``). None
changes the text, so the line and column stay those of the file, and each reads a line
a few times at most, so that a file of megabytes is explained in linear time.
"""

from __future__ import annotations

import yaml

from .layout import (
    byte_order_mark,
    glued_colon,
    in_list,
    indented_under_value,
    item_among_fields,
    list_on_field_line,
    misaligned,
    no_colon,
    tab,
)
from .lines import Case, Diagnosis, Error, Explanation, Lines
from .values import (
    block_text_on_its_line,
    colon_in_value,
    quote_closed_later,
    reserved_start,
    text_after_flow,
    text_after_quote,
    unclosed_flow,
    unclosed_quote,
    unknown_escape,
)

__all__ = ["Explanation", "explain"]

DIAGNOSES: tuple[Diagnosis, ...] = (
    byte_order_mark,
    tab,
    unclosed_quote,
    quote_closed_later,
    text_after_quote,
    text_after_flow,
    unclosed_flow,
    reserved_start,
    glued_colon,
    colon_in_value,
    in_list,
    no_colon,
    indented_under_value,
    misaligned,
    item_among_fields,
    list_on_field_line,
    unknown_escape,
    block_text_on_its_line,
)
"""In order: the first that recognises the mistake explains it."""


def explain(text: str, exc: yaml.MarkedYAMLError, line_offset: int = 0) -> Explanation | None:
    """Where the mistake behind a syntax error lies and what to do, when it is one that
    people make by hand; None leaves the parser's own words."""
    mark, context = exc.problem_mark, exc.context_mark
    if mark is None:
        return None
    error = Error(
        str(exc.problem or ""),
        str(exc.context or ""),
        mark.line,
        mark.column,
        context.line if context is not None else None,
        context.column if context is not None else None,
    )
    case = Case(Lines(text), error, line_offset)
    for diagnose in DIAGNOSES:
        found = diagnose(case)
        if found is not None:
            return found
    return None
