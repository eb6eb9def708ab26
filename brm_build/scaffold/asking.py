"""Which answers to ask again when a new record is refused: the options that the problems
point at, so that a bad answer is asked again and the good ones are kept."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..findings import Finding, Severity
from .drafts import Problem
from .options import OPTIONS, Option

_INDEX = re.compile(r"\[\d+\]")
_MADE_FROM = {"measurements.results": "result", "measurements.period": "period"}
"""Fields of a new report that come from an option of another name."""


def option_for(kind: str, field: str) -> Option | None:
    """The option whose answer made ``field`` of a new ``kind`` record (None: no option)."""
    options = {option.name: option for option in OPTIONS[kind]}
    path = _INDEX.sub("", field)  # services[1] came from the answer for "service"
    top = path.split(".")[0]
    made_from = [name for made, name in _MADE_FROM.items() if f"{path}.".startswith(f"{made}.")]
    for name in (*made_from, path.replace(".", "_"), top, top.removesuffix("s")):
        if name in options:
            return options[name]
    return None


def ask_again(
    kind: str, problems: Sequence[Problem], findings: Sequence[Finding], path: str
) -> list[Option]:
    """The options to ask again, in the order they are asked; none when an error lies
    elsewhere than in an answer (the record is then refused as it stands)."""
    names = {problem.option for problem in problems}
    for finding in findings:
        if finding.severity is not Severity.ERROR:
            continue
        option = option_for(kind, finding.field) if finding.path == path else None
        if option is None:
            return []
        names.add(option.name)
    return [option for option in OPTIONS[kind] if option.name in names]
