"""Render a check result as text, JSON or CI annotations: one result, many reporters."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from itertools import groupby

from ..escape.logline import printable
from ..escape.markdown import code_span, table_cell
from ..escape.markdown import text as md_text
from ..findings import Finding, headline
from .run import CheckResult

LineSource = Callable[[str, int], str | None]
"""Returns line ``n`` (1-based) of a repository file, or None."""


def _summary(result: CheckResult) -> str:
    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    return (
        f"{plural(result.files, 'record file')} checked: "
        f"{plural(result.errors, 'error')}, {plural(result.warnings, 'warning')}"
    )


def render_text(result: CheckResult, source: LineSource) -> str:
    """``path:line:col: severity[code]: message``, the line and a caret, grouped by file;
    control characters from the records are shown escaped, never sent to the terminal,
    and a tab as ``→``, one column wide as the caret counts it."""
    out: list[str] = []
    for path, group in groupby(result.findings, key=lambda f: f.path):
        for f in group:
            out.append(printable(headline(f)))
            line = source(path, f.line) if f.quote else None
            raw = (line or "").rstrip("\r\n").replace("\t", "\u2192")  # a tab shows as →
            if raw.strip():
                shown = printable(raw)
                if len(shown) > 160:
                    shown = shown[:157] + "..."
                out.append(f"    {shown}")
                before = len(printable(raw[: f.column - 1]))  # escapes widen the line
                out.append("    " + " " * min(before, len(shown)) + "^")
            for related in f.related:
                out.append(printable(f"    see {related}"))
        out.append("")
    out.append(_summary(result))
    return "\n".join(out) + "\n"


def finding_dict(f: Finding) -> dict[str, object]:
    """A finding as a JSON-ready mapping with stable keys."""
    return {
        "code": f.code,
        "severity": str(f.severity),
        "path": f.path,
        "line": f.line,
        "column": f.column,
        "field": f.field,
        "message": f.message,
        "related": list(f.related),
    }


def render_json(result: CheckResult) -> str:
    """A stable JSON list of findings."""
    return (
        json.dumps([finding_dict(f) for f in result.findings], indent=2, ensure_ascii=False) + "\n"
    )


def _escape_data(text: str) -> str:
    return printable(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(result: CheckResult) -> str:
    """GitHub Actions workflow commands, one annotation per finding."""
    out = []
    for f in result.findings:
        props = (
            f"file={_escape_property(f.path)},line={f.line},col={f.column},"
            f"title={_escape_property(f'brm {f.code}')}"
        )
        field = f" (at {f.field})" if f.field else ""
        out.append(f"::{f.severity} {props}::{_escape_data(f.message + field)}")
    out.append(_summary(result))
    return "\n".join(out) + "\n"


_GITLAB_SEVERITY = {"error": "major", "warning": "minor"}


def render_gitlab(result: CheckResult) -> str:
    """GitLab's Code Quality report: a JSON list of issues shown in merge requests.

    The fingerprint leaves out the line, so that a finding keeps its identity when
    lines above it move; repeats of the same finding in a file are numbered.
    """
    issues = []
    seen: dict[str, int] = {}
    for f in result.findings:
        key = "\0".join((f.code, f.path, f.field, f.message))
        seen[key] = seen.get(key, 0) + 1
        field = f" (at {f.field})" if f.field else ""
        issues.append(
            {
                "description": f"{f.message}{field}",
                "check_name": f.code,
                "fingerprint": hashlib.sha256(f"{key}\0{seen[key]}".encode()).hexdigest(),
                "severity": _GITLAB_SEVERITY[str(f.severity)],
                "location": {"path": f.path, "lines": {"begin": f.line}},
            }
        )
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"


def render_markdown(result: CheckResult) -> str:
    """The full list as a Markdown table, for a CI job summary: file names and messages
    stay text in their cells (``escape.markdown``)."""
    out = ["## brm check", "", _summary(result), ""]
    if result.findings:
        out += [
            "| Severity | File | Line | Code | Field | Message |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        out += [
            f"| {f.severity} | {table_cell(code_span(f.path))} | {f.line} | `{f.code}` | "
            f"{table_cell(md_text(f.field))} | {table_cell(md_text(f.message))} |"
            for f in result.findings
        ]
    return "\n".join(out) + "\n"


@dataclass(frozen=True)
class Reporter:
    """One ``brm check --format`` choice: what it is for, and how it renders a result
    (the line source quotes the lines the check read; only the text report uses it)."""

    purpose: str
    render: Callable[[CheckResult, LineSource], str]


REPORTERS: dict[str, Reporter] = {
    "text": Reporter("for people", render_text),
    "json": Reporter("for tools", lambda result, _: render_json(result)),
    "github": Reporter("for Actions annotations", lambda result, _: render_github(result)),
    "gitlab": Reporter("for a Code Quality report", lambda result, _: render_gitlab(result)),
}
"""The reporters by name: the choices of ``brm check --format``, in the order of its help."""
