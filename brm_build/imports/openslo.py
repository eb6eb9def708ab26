"""OpenSLO ``kind: SLO`` documents (``openslo/v1`` and ``openslo/v1alpha``) read as the
service levels of an agreement (imports.md, "OpenSLO definitions"). A file holds one or
more YAML documents, as OpenSLO repositories keep them; every problem is a finding with
the file, line and field, and other kinds are counted, not read."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from ..findings import Finding, Severity, error, format_field, warning
from ..model.ids import ID_PATTERN, MAX_ID_LENGTH
from ..yamlsource import Document, Loc, parse_mapping
from .windows import WindowError, period_of

VERSIONS = ("openslo/v1", "openslo/v1alpha")
OTHER_KINDS = frozenset(
    {"DataSource", "SLI", "AlertPolicy", "AlertCondition", "AlertNotificationTarget", "Service"}
)
"""The kinds of OpenSLO besides SLO: valid in the file, not service levels."""
AGREEMENT_ANNOTATION = "brm/agreement"
"""An SLO's annotation that names the agreement it belongs to (instead of --agreement)."""

_MARKER = re.compile(r"^(---|\.\.\.)(?=\s|$)")
_OPENSLO = re.compile(r"^apiVersion:[ \t]*[\"']?openslo/", re.MULTILINE)
_ID = re.compile(ID_PATTERN)


@dataclass(frozen=True)
class SloLevel:
    """One service level an SLO defines (one per objective), and where it was written."""

    id: str
    metric: str
    target: int | float
    period: str
    agreement: str | None
    path: str
    line: int
    column: int
    annotation_line: int | None = None


@dataclass
class OpenSlo:
    """What a file holds: its service levels, findings, and the documents not read."""

    levels: list[SloLevel] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    documents: int = 0
    ignored: Counter[str] = field(default_factory=Counter)

    @property
    def errors(self) -> list[Finding]:
        """The findings that stop the import."""
        return [f for f in self.findings if f.severity is Severity.ERROR]


def is_openslo(text: str) -> bool:
    """Whether a YAML file holds OpenSLO documents (kept beside mappings under imports/)."""
    return _OPENSLO.search(text) is not None


def documents(text: str) -> list[tuple[int, str]]:
    """The YAML documents of a stream, each with the 0-based line it starts on: a
    ``---`` or ``...`` at the start of a line always marks a document's bounds."""
    chunks: list[tuple[int, list[str]]] = [(0, [])]
    for number, line in enumerate(text.splitlines(keepends=True)):
        marker = _MARKER.match(line)
        if marker is None:
            chunks[-1][1].append(line)
        elif marker.group(1) == "---":  # content may follow on the marker's line
            chunks.append((number, [" " * 3 + line[3:]]))
        else:
            chunks.append((number + 1, []))
    return [(start, "".join(lines)) for start, lines in chunks if _has_content(lines)]


def _has_content(lines: list[str]) -> bool:
    return any(line.strip() and not line.lstrip().startswith(("#", "%")) for line in lines)


class _Doc:
    """One parsed document: its values, and findings at the line of a field."""

    def __init__(self, doc: Document, path: str, out: OpenSlo) -> None:
        self.doc, self.path, self.out = doc, path, out

    def get(self, loc: Loc) -> object:
        value: object = self.doc.data
        for part in loc:
            if isinstance(part, str) and isinstance(value, dict):
                value = value.get(part)
            elif isinstance(part, int) and isinstance(value, list) and part < len(value):
                value = value[part]
            else:
                return None
        return value

    def line(self, loc: Loc) -> int:
        return self.doc.position(loc)[0]

    def error(self, code: str, loc: Loc, message: str) -> None:
        line, column = self.doc.position(loc)
        self.out.findings.append(error(code, self.path, line, column, format_field(loc), message))

    def warning(self, code: str, loc: Loc, message: str) -> None:
        line, column = self.doc.position(loc)
        found = warning(code, self.path, line, column, format_field(loc), message)
        self.out.findings.append(found)


def _text(value: object) -> str | None:
    """A text value with its white space made single spaces; None when there is none."""
    return " ".join(value.split()) or None if isinstance(value, str) else None


def _percent(value: Decimal) -> int | float:
    normal = value.normalize()
    return int(normal) if normal == normal.to_integral_value() else float(normal)


def _target(d: _Doc, loc: list[str | int]) -> int | float | None:
    """An objective's target in percent: ``targetPercent``, or ``target`` (a ratio) times 100."""
    ratio, percent = d.get([*loc, "target"]), d.get([*loc, "targetPercent"])
    if ratio is not None and percent is not None:
        d.error("openslo-target", loc, "give target or targetPercent, not both")
        return None
    name, value, top = ("target", ratio, 1) if percent is None else ("targetPercent", percent, 100)
    if value is None:
        d.error(
            "openslo-target",
            loc,
            "the objective has no target: write target (a ratio such as 0.995) or "
            "targetPercent (such as 99.5)",
        )
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        d.error("openslo-target", [*loc, name], f"{name} must be a number, not {value!r}")
        return None
    if not 0 <= value < top:
        hint = " (target is a ratio: 0.995 means 99.5%)" if name == "target" else ""
        d.error(
            "openslo-target",
            [*loc, name],
            f"{name} {value} is outside [0, {top}){hint}: correct it"
            + (", or write it as targetPercent" if name == "target" and value < 100 else ""),
        )
        return None
    scale = Decimal(100) if name == "target" else Decimal(1)
    return _percent(Decimal(repr(value)) * scale)


def _window(d: _Doc, v1: bool) -> str | None:
    """The calendar period of the SLO's time window (warned when it is not one)."""
    key = "timeWindow" if v1 else "timeWindows"
    windows = d.get(["spec", key])
    if windows is None:
        d.warning(
            "openslo-window", ["spec"], f"no spec.{key}: the service level is judged per month"
        )
        return "month"
    if not isinstance(windows, list) or len(windows) != 1 or not isinstance(windows[0], dict):
        d.error("openslo-window", ["spec", key], f"spec.{key} must be a list of exactly one window")
        return None
    try:
        period, exact = period_of(windows[0], v1)
    except WindowError as exc:
        d.error("openslo-window", ["spec", key, 0], str(exc))
        return None
    if exact is not None:
        d.warning("openslo-window", ["spec", key, 0], f"{exact}: judged per {period}")
    return period


def _agreement(d: _Doc) -> tuple[str | None, int | None]:
    loc = ["metadata", "annotations", AGREEMENT_ANNOTATION]
    value = d.get(loc)
    if value is None:
        return None, None
    if not isinstance(value, str) or not _ID.match(value):
        d.error("openslo-agreement", loc, f"{AGREEMENT_ANNOTATION} must be an agreement's id")
        return None, None
    return value, d.line(loc)


def _slug(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))


def _level_ids(d: _Doc, name: str, objectives: list[object]) -> list[str]:
    """The id of each objective's service level: the SLO's name for its one objective,
    else the name and the objective's display name (or number)."""
    if len(objectives) == 1:
        return [name]
    ids = []
    for number, objective in enumerate(objectives, 1):
        shown = objective.get("displayName") if isinstance(objective, dict) else None
        part = _slug(shown) if isinstance(shown, str) else ""
        ids.append(f"{name}-{part or number}")
    if len(set(ids)) < len(ids):
        ids = [f"{name}-{number}" for number in range(1, len(objectives) + 1)]
    return ids


def _slo(d: _Doc, v1: bool) -> None:
    """The service levels of one ``kind: SLO`` document, or its findings."""
    name = d.get(["metadata", "name"])
    if not isinstance(name, str) or not _ID.match(name) or len(name) > MAX_ID_LENGTH:
        d.error(
            "openslo-name",
            ["metadata", "name"],
            "metadata.name must be an id, the service level's: lower-case letters, digits and "
            "single hyphens, at most 64 characters",
        )
        return
    metric = _text(d.get(["spec", "description"])) or _text(d.get(["metadata", "displayName"]))
    if metric is None:
        d.error(
            "openslo-metric",
            ["metadata"],
            "the SLO has neither spec.description nor metadata.displayName: write one, it is "
            "the service level's metric",
        )
    period = _window(d, v1)
    agreement, annotation_line = _agreement(d)
    objectives = d.get(["spec", "objectives"])
    if not isinstance(objectives, list) or not objectives:
        d.error("openslo-target", ["spec", "objectives"], "spec.objectives must list an objective")
        return
    for index, level_id in enumerate(_level_ids(d, name, objectives)):
        target = _target(d, ["spec", "objectives", index])
        if target is None or metric is None or period is None:
            continue
        shown = d.get(["spec", "objectives", index, "displayName"])
        text = f"{metric}: {_text(shown)}" if len(objectives) > 1 and _text(shown) else metric
        line, column = d.doc.position(["spec", "objectives", index])
        d.out.levels.append(
            SloLevel(
                level_id, text, target, period, agreement, d.path, line, column, annotation_line
            )
        )


def _document(doc: Document, path: str, out: OpenSlo) -> None:
    d = _Doc(doc, path, out)
    version, kind = d.get(["apiVersion"]), d.get(["kind"])
    if not isinstance(version, str) or not version.startswith("openslo/"):
        d.error(
            "openslo-document",
            ["apiVersion"],
            f"not an OpenSLO document (apiVersion: {version!r}): brm reads OpenSLO files, "
            "whose documents start with apiVersion: openslo/v1 (or openslo/v1alpha)",
        )
    elif version not in VERSIONS:
        d.error(
            "openslo-document",
            ["apiVersion"],
            f"{version} is not read by brm: write the SLO as openslo/v1 or openslo/v1alpha",
        )
    elif kind == "SLO":
        _slo(d, version == "openslo/v1")
    elif isinstance(kind, str) and kind in OTHER_KINDS:
        out.ignored[kind] += 1
    else:
        known = ", ".join(sorted({"SLO", *OTHER_KINDS}))
        d.error("openslo-kind", ["kind"], f"unknown kind {kind!r}: OpenSLO's kinds are {known}")


def _not_mapping(found: Finding) -> Finding:
    message = (
        "not an OpenSLO document: each document of an OpenSLO file is a mapping that starts "
        "with apiVersion: openslo/v1 (or openslo/v1alpha)"
    )
    return error("openslo-document", found.path, found.line, found.column, "", message)


def read_openslo(text: str, path: str) -> OpenSlo:
    """The service levels of every ``kind: SLO`` document in ``text`` (the file ``path``)."""
    out = OpenSlo()
    for start, chunk in documents(text):
        out.documents += 1
        doc, findings = parse_mapping(chunk, path, start)
        out.findings += [_not_mapping(f) if f.code == "yaml-not-mapping" else f for f in findings]
        if doc is not None and not findings:
            _document(doc, path, out)
    if not out.documents:
        out.findings.append(
            error("openslo-document", path, 1, 1, "", "the file holds no OpenSLO document")
        )
    return out
